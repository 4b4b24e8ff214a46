package io.github.kafkalatency.config;

/**
 * Every agent argument: {@code -javaagent:kafka-latency-agent.jar=name=value,name=value}.
 *
 * <p>The README's options table is this enum. A value outside its range, an unknown name or a
 * repeated name disables the agent with one line naming the argument: a mistyped option must not
 * silently measure the wrong thing.
 */
public enum Option {
  ENABLED(
      "enabled", Type.BOOLEAN, 0, 1, "true", "false turns the agent off: no class is instrumented"),
  INTERVAL_SECONDS(
      "intervalSeconds",
      Type.INTEGER,
      1,
      3600,
      "60",
      "length of a metric interval: histograms, periodic JFR events and one summary line per"
          + " interval"),
  THRESHOLD_MS(
      "thresholdMs",
      Type.INTEGER,
      0,
      60_000,
      "5",
      "appends, holds of a log lock and file operations slower than this become JFR events"),
  LOCK_THRESHOLD_MS(
      "lockThresholdMs",
      Type.INTEGER,
      0,
      60_000,
      "1",
      "waits for a log lock or a partition lock longer than this become JFR events"),
  SLOW_REQUEST_MS(
      "slowRequestMs",
      Type.INTEGER,
      0,
      600_000,
      "50",
      "produce requests slower than this become JFR events with their time breakdown and dominant"
          + " cause"),
  TOP_PARTITIONS(
      "topPartitions",
      Type.INTEGER,
      0,
      100,
      "5",
      "how many partitions the summary line names, worst first"),
  IDLE_INTERVALS(
      "idleIntervals",
      Type.INTEGER,
      1,
      1000,
      "5",
      "a partition with no activity for this many intervals is released from memory"),
  JVM_PAUSES(
      "jvmPauses",
      Type.BOOLEAN,
      0,
      1,
      "true",
      "poll HotSpot's safepoint and GC counters on the aggregator's tick (50 ms, 10 ms under load),"
          + " so that cascades and stalls a JVM pause (GC or other safepoint of 5 ms or more)"
          + " explains say so"),
  RECORDING(
      "recording",
      Type.DIR,
      0,
      0,
      "",
      "an existing, writable directory: the agent runs its own continuous JFR recording (its events"
          + " with the JDK's default settings) and dumps it there at exit as"
          + " kafka-latency-<time>-<pid>.jfr"),
  RECORDING_MAX_AGE_MINUTES(
      "recordingMaxAgeMinutes",
      Type.INTEGER,
      1,
      10_080,
      "60",
      "the agent's recording keeps at most this much history"),
  RECORDING_MAX_SIZE_MB(
      "recordingMaxSizeMb",
      Type.INTEGER,
      1,
      10_240,
      "250",
      "the agent's recording keeps at most this much data"),
  HLOG(
      "hlog",
      Type.DIR,
      0,
      0,
      "",
      "an existing, writable directory: each interval's histograms go to kafka-latency.hlog there,"
          + " an HdrHistogram interval log tagged topic-partition/metric (broker/metric"
          + " broker-wide)"),
  HLOG_MAX_FILE_MB(
      "hlogMaxFileMb",
      Type.INTEGER,
      1,
      1024,
      "64",
      "kafka-latency.hlog is rotated to kafka-latency.1.hlog, .2 … once it is this large"),
  HLOG_MAX_FILES(
      "hlogMaxFiles",
      Type.INTEGER,
      1,
      100,
      "4",
      "how many .hlog files are kept, the current one included"),
  JMX(
      "jmx",
      Type.BOOLEAN,
      0,
      1,
      "true",
      "publish broker-wide figures per metric and the worst partitions as MBeans (kafka.latency:*),"
          + " registered at the end of the first interval"),
  PROMETHEUS(
      "prometheus",
      Type.ENDPOINT,
      0,
      0,
      "",
      "<port> or <host>:<port>: serve cumulative latency histograms and incident counters for"
          + " Prometheus at http://<host>:<port>/metrics (all interfaces when no host is given); no"
          + " listener without it"),
  HISTOGRAM_TOPICS(
      "histogramTopics",
      Type.TOPICS,
      0,
      0,
      "",
      "';'-separated topics whose partitions get their own Prometheus histograms (none by default:"
          + " one series set per partition is too many for a large broker)"),
  LOG_DIRS(
      "logDirs",
      Type.PATHS,
      0,
      0,
      "",
      "';'-separated log dirs whose files are measured; default: log.dirs of the broker's"
          + " properties file, plus the parent of every log the broker opens"),
  DISABLE_HOOKS(
      "disableHooks",
      Type.HOOKS,
      0,
      0,
      "",
      "';'-separated hooks not to place: log-append, log-lock, partition-lock, file-io,"
          + " produce-request");

  /** How a value is read. */
  public enum Type {
    BOOLEAN,
    INTEGER,
    PATHS,
    HOOKS,
    DIR,
    ENDPOINT,
    TOPICS
  }

  /** The hook names {@link #DISABLE_HOOKS} accepts. */
  public static final java.util.List<String> HOOK_NAMES =
      java.util.List.of("log-append", "log-lock", "partition-lock", "file-io", "produce-request");

  private final String key;
  private final Type type;
  private final long min;
  private final long max;
  private final String defaultValue;
  private final String description;

  Option(String key, Type type, long min, long max, String defaultValue, String description) {
    this.key = key;
    this.type = type;
    this.min = min;
    this.max = max;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public Type type() {
    return type;
  }

  public long min() {
    return min;
  }

  public long max() {
    return max;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  static Option byKey(String key) {
    for (Option o : values()) {
      if (o.key.equals(key)) {
        return o;
      }
    }
    return null;
  }
}

package io.github.kafkalatency.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed agent arguments.
 *
 * <p>Usage: {@code AgentOptions options = AgentOptions.parse("intervalSeconds=5,thresholdMs=10");}
 * then read typed values. Parsing is strict: see {@link Option}. Immutable, so thread-safe.
 */
public final class AgentOptions {
  private final Map<Option, String> values;

  private AgentOptions(Map<Option, String> values) {
    this.values = values;
  }

  public static AgentOptions defaults() {
    return new AgentOptions(new EnumMap<>(Option.class));
  }

  /** Parses {@code name=value} pairs separated by commas; {@code null} or blank means defaults. */
  public static AgentOptions parse(String args) throws BadOptionException {
    Map<Option, String> values = new EnumMap<>(Option.class);
    if (args == null || args.isBlank()) {
      return new AgentOptions(values);
    }
    for (String pair : args.split(",", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new BadOptionException("argument '" + printable(pair) + "' is not name=value");
      }
      String key = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      Option option = Option.byKey(key);
      if (option == null) {
        throw new BadOptionException(
            "unknown argument '" + printable(key) + "' (known: " + knownKeys() + ")");
      }
      if (values.containsKey(option)) {
        throw new BadOptionException("argument '" + key + "' is given twice");
      }
      check(option, value);
      values.put(option, value);
    }
    return new AgentOptions(values);
  }

  private static void check(Option option, String value) throws BadOptionException {
    String where = "argument '" + option.key() + "=" + printable(value) + "'";
    switch (option.type()) {
      case BOOLEAN:
        if (!value.equals("true") && !value.equals("false")) {
          throw new BadOptionException(where + ": expected true or false");
        }
        break;
      case INTEGER:
        long n;
        try {
          if (!value.matches("-?[0-9]{1,18}")) {
            throw new NumberFormatException(); // ASCII digits only: Long.parseLong takes any
            // script's
          }
          n = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new BadOptionException(
              where
                  + ": not a whole number (expected "
                  + option.min()
                  + " to "
                  + option.max()
                  + ")");
        }
        if (n < option.min() || n > option.max()) {
          throw new BadOptionException(
              where + ": out of range (expected " + option.min() + " to " + option.max() + ")");
        }
        break;
      case PATHS:
        for (String p : splitList(value)) {
          if (!Path.of(p).isAbsolute()) {
            throw new BadOptionException(
                where + ": '" + printable(p) + "' is not an absolute path");
          }
        }
        break;
      case HOOKS:
        for (String h : splitList(value)) {
          if (!Option.HOOK_NAMES.contains(h)) {
            throw new BadOptionException(
                where
                    + ": unknown hook '"
                    + printable(h)
                    + "' (known: "
                    + String.join(", ", Option.HOOK_NAMES)
                    + ")");
          }
        }
        break;
      case DIR:
        checkDir(where, value);
        break;
      case ENDPOINT:
        checkEndpoint(where, value);
        break;
      case TOPICS:
        for (String t : splitList(value)) {
          if (!t.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new BadOptionException(
                where + ": '" + printable(t) + "' is not a Kafka topic name");
          }
        }
        break;
      default:
        throw new AssertionError(option.type());
    }
  }

  public boolean enabled() {
    return Boolean.parseBoolean(raw(Option.ENABLED));
  }

  public boolean jvmPauses() {
    return Boolean.parseBoolean(raw(Option.JVM_PAUSES));
  }

  public int intervalSeconds() {
    return integer(Option.INTERVAL_SECONDS);
  }

  public long thresholdNanos() {
    return integer(Option.THRESHOLD_MS) * 1_000_000L;
  }

  public long slowRequestNanos() {
    return integer(Option.SLOW_REQUEST_MS) * 1_000_000L;
  }

  public long lockThresholdNanos() {
    return integer(Option.LOCK_THRESHOLD_MS) * 1_000_000L;
  }

  public int topPartitions() {
    return integer(Option.TOP_PARTITIONS);
  }

  public int idleIntervals() {
    return integer(Option.IDLE_INTERVALS);
  }

  /** {@link Option#RECORDING}: where the agent's own JFR recording goes, or null for none. */
  public Path recordingDir() {
    return dir(Option.RECORDING);
  }

  public java.time.Duration recordingMaxAge() {
    return java.time.Duration.ofMinutes(integer(Option.RECORDING_MAX_AGE_MINUTES));
  }

  public long recordingMaxSizeBytes() {
    return integer(Option.RECORDING_MAX_SIZE_MB) * 1024L * 1024L;
  }

  /** {@link Option#HLOG}: where the HdrHistogram interval logs go, or null for none. */
  public Path hlogDir() {
    return dir(Option.HLOG);
  }

  public long hlogMaxFileBytes() {
    return integer(Option.HLOG_MAX_FILE_MB) * 1024L * 1024L;
  }

  public int hlogMaxFiles() {
    return integer(Option.HLOG_MAX_FILES);
  }

  public boolean jmx() {
    return Boolean.parseBoolean(raw(Option.JMX));
  }

  /**
   * The host of {@code prometheus=}, or null for all interfaces (also when no endpoint is asked
   * for).
   */
  public String prometheusHost() {
    String v = raw(Option.PROMETHEUS);
    int colon = v.lastIndexOf(':');
    return colon <= 0 ? null : v.substring(0, colon);
  }

  /** The port of {@code prometheus=}, 0 when no endpoint is asked for. */
  public int prometheusPort() {
    String v = raw(Option.PROMETHEUS);
    return v.isEmpty() ? 0 : Integer.parseInt(v.substring(v.lastIndexOf(':') + 1));
  }

  public List<String> histogramTopics() {
    return splitList(raw(Option.HISTOGRAM_TOPICS));
  }

  /**
   * {@code port} or {@code host:port}, port 1-65535; the host is a name or an address, not checked
   * further.
   */
  private static void checkEndpoint(String where, String value) throws BadOptionException {
    int colon = value.lastIndexOf(':');
    String host = colon < 0 ? "" : value.substring(0, colon);
    String port = value.substring(colon + 1);
    if (colon == 0 || !host.matches("[A-Za-z0-9.:\\[\\]-]*")) {
      throw new BadOptionException(where + ": expected <port> or <host>:<port>");
    }
    if (!port.matches("[0-9]{1,5}")
        || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > 65_535) {
      throw new BadOptionException(where + ": port not a number from 1 to 65535");
    }
  }

  private Path dir(Option option) {
    String v = raw(option);
    return v.isEmpty() ? null : Path.of(v);
  }

  /**
   * An existing, writable directory given as an absolute path: the agent creates files only in it.
   */
  private static void checkDir(String where, String value) throws BadOptionException {
    Path p;
    try {
      p = Path.of(value);
    } catch (java.nio.file.InvalidPathException e) {
      throw new BadOptionException(where + ": not a path");
    }
    if (!p.isAbsolute()) {
      throw new BadOptionException(where + ": not an absolute path");
    }
    if (!java.nio.file.Files.isDirectory(p)) {
      throw new BadOptionException(where + ": no such directory");
    }
    if (!java.nio.file.Files.isWritable(p)) {
      throw new BadOptionException(where + ": directory not writable");
    }
  }

  public List<String> logDirs() {
    return splitList(raw(Option.LOG_DIRS));
  }

  public boolean hookEnabled(String hook) {
    return !splitList(raw(Option.DISABLE_HOOKS)).contains(hook);
  }

  /** The options given explicitly, as {@code name=value} pairs, for the start line. */
  public String given() {
    List<String> pairs = new ArrayList<>();
    values.forEach((o, v) -> pairs.add(o.key() + "=" + v));
    return String.join(",", pairs);
  }

  private String raw(Option option) {
    return values.getOrDefault(option, option.defaultValue());
  }

  private int integer(Option option) {
    return Integer.parseInt(raw(option));
  }

  private static List<String> splitList(String value) {
    List<String> out = new ArrayList<>();
    for (String s : value.split(";")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  private static String knownKeys() {
    List<String> keys = new ArrayList<>();
    for (Option o : Option.values()) {
      keys.add(o.key());
    }
    return String.join(", ", keys);
  }

  /** Keeps the error line one printable line whatever the operator typed. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .limit(80)
        .forEach(
            cp -> {
              if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                b.append(String.format("\\u%04x", cp));
              } else {
                b.appendCodePoint(cp);
              }
            });
    if (s.codePointCount(0, s.length()) > 80) {
      b.append('…');
    }
    return b.toString();
  }
}

package io.github.kafkalatency.record;

import java.util.Properties;
import java.util.TreeMap;

/**
 * What the agent knows about the broker's setup, read once at start off the hot path, as evidence
 * for remedy hints: the Kafka version, the broker's {@code log.segment.bytes} and {@code
 * log.flush.*} settings (from its properties file and overrides; topic-level overrides are not
 * visible here), and the mount each log dir lies on.
 *
 * <p>Usage: {@code BrokerFacts.read(kafkaVersion, brokerProperties, MountInfo.read())}. Immutable.
 */
public final class BrokerFacts {
  /** Kafka's own default for {@code log.segment.bytes}. */
  static final long DEFAULT_SEGMENT_BYTES = 1L << 30;

  private final String kafkaVersion;
  private final TreeMap<String, String> settings = new TreeMap<>();
  private final MountInfo mounts;

  private BrokerFacts(String kafkaVersion, Properties props, MountInfo mounts) {
    this.kafkaVersion = kafkaVersion;
    this.mounts = mounts;
    for (String name : props.stringPropertyNames()) {
      if (name.equals("log.segment.bytes") || name.startsWith("log.flush.")) {
        settings.put(name, props.getProperty(name).trim());
      }
    }
  }

  public static BrokerFacts read(
      String kafkaVersion, Properties brokerProperties, MountInfo mounts) {
    return new BrokerFacts(kafkaVersion, brokerProperties, mounts);
  }

  /** Facts unknown: hints that need them are not given. */
  public static BrokerFacts none() {
    return new BrokerFacts(null, new Properties(), new MountInfo(java.util.List.of()));
  }

  public String kafkaVersion() {
    return kafkaVersion;
  }

  /** The mount a log dir lies on, or null. */
  public MountInfo.Mount mountOf(String logDir) {
    return logDir == null ? null : mounts.of(logDir);
  }

  /** {@code log.segment.bytes} as set, or Kafka's default with a note. */
  public String segmentBytes() {
    String v = settings.get("log.segment.bytes");
    return v != null ? v : DEFAULT_SEGMENT_BYTES + " (Kafka's default)";
  }

  /** The {@code log.flush.*} settings given, {@code name=value} joined; empty when none. */
  public String flushSettings() {
    StringBuilder b = new StringBuilder();
    settings.forEach(
        (k, v) -> {
          if (k.startsWith("log.flush.")) {
            b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v);
          }
        });
    return b.toString();
  }

  /** True only when the version is known and is before {@code major.minor}. */
  public boolean kafkaBefore(int major, int minor) {
    if (kafkaVersion == null) {
      return false;
    }
    String[] parts = kafkaVersion.split("[.-]");
    try {
      int ma = Integer.parseInt(parts[0]);
      int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return ma < major || (ma == major && mi < minor);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

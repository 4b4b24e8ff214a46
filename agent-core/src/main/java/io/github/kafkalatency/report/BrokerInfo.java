package io.github.kafkalatency.report;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the watch's header says about the broker: a name (broker id, host, pid), its Kafka version
 * and when its JVM started; null where the source could not tell.
 *
 * <p>Usage: {@code BrokerInfo.kafkaVersionOf(classPath)} when no app-info MBean says it.
 */
record BrokerInfo(String name, String kafkaVersion, Instant started, String via) {
  private static final Pattern CLIENTS_JAR =
      Pattern.compile("kafka-clients-(\\d+\\.\\d+[\\w.-]*?)\\.jar");
  private static final Pattern SERVER_JAR =
      Pattern.compile("kafka_2\\.1\\d-(\\d+\\.\\d+[\\w.-]*?)\\.jar");

  /** The version in the name of Kafka's jars on a class path, or null. */
  static String kafkaVersionOf(String classPath) {
    if (classPath == null) {
      return null;
    }
    for (Pattern p : new Pattern[] {SERVER_JAR, CLIENTS_JAR}) {
      Matcher m = p.matcher(classPath);
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }

  /** {@code 3d04h}, {@code 1h02m}, {@code 5m12s}, {@code 42s}; "?" when unknown. */
  String uptime(Instant now) {
    if (started == null) {
      return "?";
    }
    long s = Math.max(0, Duration.between(started, now).getSeconds());
    if (s >= 86_400) {
      return String.format("%dd%02dh", s / 86_400, s % 86_400 / 3600);
    }
    if (s >= 3600) {
      return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
    }
    return s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}

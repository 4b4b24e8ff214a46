package io.github.kafkalatency.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The broker's Kafka version, read from {@code kafka/kafka-version.properties} in kafka-clients on
 * the broker's class path, without loading any Kafka class.
 */
final class KafkaVersion {
  private KafkaVersion() {}

  /**
   * The version, or null when the class path has no kafka-clients (not a broker, or not yet known).
   */
  static String detect() {
    try (InputStream in = ClassLoader.getSystemResourceAsStream("kafka/kafka-version.properties")) {
      if (in == null) {
        return null;
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** 2.4.x to 4.4.x: the lines whose classes and methods the hooks were checked against. */
  static boolean isSupported(String version) {
    if (version == null) {
      return false;
    }
    String[] parts = version.split("[.-]");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = Integer.parseInt(parts[1]);
      return (major == 2 && minor >= 4) || major == 3 || (major == 4 && minor <= 4);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** JDK 17 to 25, the range the agent is tested on. */
  static boolean isSupportedJdk(int feature) {
    return feature >= 17 && feature <= 25;
  }
}

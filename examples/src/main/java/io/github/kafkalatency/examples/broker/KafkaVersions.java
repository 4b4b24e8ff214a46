package io.github.kafkalatency.examples.broker;

/** Compares Kafka release versions ({@code 2.4.1}, {@code 4.0.0-rc1}) by major and minor only. */
final class KafkaVersions {

  private KafkaVersions() {}

  static boolean atLeast(String version, int major, int minor) {
    int[] v = majorMinor(version);
    return v[0] > major || (v[0] == major && v[1] >= minor);
  }

  static int[] majorMinor(String version) {
    try {
      String[] parts = version.split("[.-]");
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a Kafka version: " + version, e);
    }
  }
}

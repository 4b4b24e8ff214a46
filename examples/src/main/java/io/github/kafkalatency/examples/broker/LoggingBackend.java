package io.github.kafkalatency.examples.broker;

import java.nio.file.Path;
import java.util.List;

/**
 * Use {@link #forVersion(String)} to get the logging backend a Kafka broker of that version needs,
 * then {@link #dependencies()} for the extra Maven artifacts, {@link #configFileName()} / {@link
 * #config()} for the file to write, and {@link #jvmArg(Path)} for the system property that points
 * the broker at it.
 *
 * <p>kafka_2.13 declares no slf4j binding in any version from 3.9 to 4.4, and 4.0.x does not even
 * declare log4j-core although it needs it; without a binding the broker starts but logs nothing,
 * and the harness waits for its "Kafka Server started" line. 3.x is written against log4j 1.x, so
 * reload4j is the drop-in; 4.x is written against log4j2. Up to 3.0 Kafka declared slf4j 1.7.30 and
 * was shipped with slf4j-log4j12 and log4j 1.2.17, which this uses there; reload4j replaced them in
 * the 3.1 distribution.
 */
enum LoggingBackend {

  /** Kafka 2.4 to 3.0: log4j 1.2.17 and slf4j-log4j12, as their distributions ship. */
  LOG4J1(
      List.of("log4j:log4j:1.2.17", "org.slf4j:slf4j-log4j12:1.7.30"),
      "log4j.properties",
      Log4j1.CONFIG) {
    @Override
    String jvmArg(Path configFile) {
      return "-Dlog4j.configuration=" + configFile.toUri();
    }
  },

  /** Kafka 3.x: log4j 1.x API provided by reload4j, slf4j 1.7 bound to it. */
  RELOAD4J(
      List.of("ch.qos.reload4j:reload4j:1.2.25", "org.slf4j:slf4j-reload4j:1.7.36"),
      "log4j.properties",
      Log4j1.CONFIG) {
    @Override
    String jvmArg(Path configFile) {
      // log4j 1.x reads this property as a URL, not as a path
      return "-Dlog4j.configuration=" + configFile.toUri();
    }
  },

  /** Kafka 4.x: log4j2; log4j-slf4j-impl because the broker still ships slf4j-api 1.7.36. */
  LOG4J2(
      List.of(
          "org.apache.logging.log4j:log4j-core:2.25.3",
          "org.apache.logging.log4j:log4j-api:2.25.3",
          "org.apache.logging.log4j:log4j-slf4j-impl:2.25.3"),
      "log4j2.properties",
      String.join(
          "\n",
          "status = warn",
          "appender.stdout.type = Console",
          "appender.stdout.name = STDOUT",
          "appender.stdout.target = SYSTEM_OUT",
          "appender.stdout.layout.type = PatternLayout",
          "appender.stdout.layout.pattern = " + Patterns.LINE,
          "rootLogger.level = INFO",
          "rootLogger.appenderRef.stdout.ref = STDOUT",
          "logger.agent.name = kafka.latency.agent",
          "logger.agent.level = INFO",
          "")) {
    @Override
    String jvmArg(Path configFile) {
      return "-Dlog4j2.configurationFile=" + configFile;
    }
  };

  /** Shared so 3.x and 4.x output can be grepped with the same patterns. */
  private static final class Patterns {
    static final String LINE = "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%t] %c - %m%n";
  }

  /** The log4j 1.x configuration, the same for log4j 1.2.17 and reload4j. */
  private static final class Log4j1 {
    static final String CONFIG =
        String.join(
            "\n",
            "log4j.rootLogger=INFO, stdout",
            "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
            "log4j.appender.stdout.Target=System.out",
            "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
            "log4j.appender.stdout.layout.ConversionPattern=" + Patterns.LINE,
            "log4j.logger.kafka.latency.agent=INFO",
            "");
  }

  private final List<String> dependencies;
  private final String configFileName;
  private final String config;

  LoggingBackend(List<String> dependencies, String configFileName, String config) {
    this.dependencies = dependencies;
    this.configFileName = configFileName;
    this.config = config;
  }

  static LoggingBackend forVersion(String kafkaVersion) {
    if (KafkaVersions.atLeast(kafkaVersion, 4, 0)) {
      return LOG4J2;
    }
    return KafkaVersions.atLeast(kafkaVersion, 3, 1) ? RELOAD4J : LOG4J1;
  }

  /** groupId:artifactId:version coordinates added next to kafka_2.13. */
  List<String> dependencies() {
    return dependencies;
  }

  String configFileName() {
    return configFileName;
  }

  String config() {
    return config;
  }

  abstract String jvmArg(Path configFile);
}

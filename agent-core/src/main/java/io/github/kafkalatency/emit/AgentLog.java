package io.github.kafkalatency.emit;

/**
 * The agent's own log: stderr until the broker's logging is up, then the broker's slf4j.
 *
 * <p>Usage: {@code AgentLog.info("...")}; {@link #useBrokerLogging()} once the broker has
 * configured its logging (the aggregator calls it at its first interval). Loggers: {@value #LOGGER}
 * for status and {@value #SUMMARY_LOGGER} for interval summaries, so operators can route summaries
 * to a file of their own. Only slf4j 1.7 methods are used (Kafka ships slf4j-api 1.7.36); no
 * binding is bundled. Thread-safe.
 */
public final class AgentLog {
  public static final String LOGGER = "kafka.latency.agent";
  public static final String SUMMARY_LOGGER = "kafka.latency.agent.summary";
  private static final String PREFIX = "kafka-latency-agent: ";

  private static volatile org.slf4j.Logger status;
  private static volatile org.slf4j.Logger summary;

  private AgentLog() {}

  /** Switches to the broker's slf4j; stays on stderr when the broker has none. */
  public static synchronized boolean useBrokerLogging() {
    if (status != null) {
      return true;
    }
    try {
      summary = org.slf4j.LoggerFactory.getLogger(SUMMARY_LOGGER);
      status = org.slf4j.LoggerFactory.getLogger(LOGGER);
      return true;
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }

  public static void info(String message) {
    org.slf4j.Logger l = status;
    if (l != null) {
      l.info(message);
    } else {
      System.err.println(PREFIX + message);
    }
  }

  public static void warn(String message) {
    org.slf4j.Logger l = status;
    if (l != null) {
      l.warn(message);
    } else {
      System.err.println(PREFIX + "WARN " + message);
    }
  }

  public static void summary(String line) {
    org.slf4j.Logger l = summary;
    if (l != null) {
      l.info(line);
    } else {
      System.err.println(PREFIX + line);
    }
  }
}

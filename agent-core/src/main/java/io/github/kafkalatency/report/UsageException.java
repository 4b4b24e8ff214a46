package io.github.kafkalatency.report;

/**
 * A bad command line: its message names the argument and what was expected.
 *
 * <p>Usage: thrown by {@link ReportOptions#parse}; the command prints it and exits with 2.
 */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}

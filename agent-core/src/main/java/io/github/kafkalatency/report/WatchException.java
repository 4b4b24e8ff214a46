package io.github.kafkalatency.report;

/**
 * The broker cannot be watched: its message is the one line the user sees, its code the exit code
 * ({@link WatchUsage}).
 *
 * <p>Usage: thrown by {@link WatchSource#open}.
 */
final class WatchException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int code;

  WatchException(int code, String message) {
    super(message);
    this.code = code;
  }

  int code() {
    return code;
  }
}

package io.github.kafkalatency.report;

/**
 * The file is missing, is not a JFR recording, or nothing in it could be read.
 *
 * <p>Usage: thrown by {@link RecordingReader#read}; its message is the one line the user sees.
 */
final class UnreadableRecordingException extends Exception {
  private static final long serialVersionUID = 1L;

  UnreadableRecordingException(String message) {
    super(message);
  }
}

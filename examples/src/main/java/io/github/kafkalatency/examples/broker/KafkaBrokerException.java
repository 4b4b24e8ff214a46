package io.github.kafkalatency.examples.broker;

/**
 * Thrown by {@link KafkaBroker} when the broker (or the storage tool before it) failed, died or did
 * not print what was awaited in time; catch it only to add context, since the message already
 * carries the exit code and the tail of the broker output, which is usually all a failed test needs
 * to show.
 *
 * <p>Unchecked because a test can do nothing about it but fail.
 */
public class KafkaBrokerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public KafkaBrokerException(String message) {
    super(message);
  }

  public KafkaBrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.github.kafkalatency.config;

/** An agent argument that cannot be used; its message is the one line the operator sees. */
public final class BadOptionException extends Exception {
  private static final long serialVersionUID = 1L;

  BadOptionException(String message) {
    super(message, null, false, false);
  }
}

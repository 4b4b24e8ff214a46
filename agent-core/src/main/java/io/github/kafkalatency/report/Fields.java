package io.github.kafkalatency.report;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * Reads one field of a recorded event, or a default where that version of the event has no such
 * field (recordings outlive agent versions, and fields come and go between them).
 *
 * <p>Usage: {@code Fields.string(event, "topic")}, {@code Fields.nanos(event, "maxWait")}.
 * Tolerance hides a rename in the agent's own event classes, so {@code EventSchemaTest} sets {@link
 * #check} to be told of every read and its expected JFR type.
 */
final class Fields {
  /** Told of each read: event, field name, the JFR type names that would read; null in use. */
  interface Check {
    void read(RecordedEvent e, String field, String... types);
  }

  static volatile Check check;

  private Fields() {}

  private static void checked(RecordedEvent e, String name, String... types) {
    Check c = check;
    if (c != null) {
      c.read(e, name, types);
    }
  }

  static String string(RecordedEvent e, String name) {
    checked(e, name, "java.lang.String");
    try {
      return e.hasField(name) ? e.getString(name) : null;
    } catch (IllegalArgumentException wrongType) {
      return null;
    }
  }

  static long number(RecordedEvent e, String name, long otherwise) {
    checked(e, name, "int", "long");
    try {
      return e.hasField(name) ? e.getLong(name) : otherwise;
    } catch (IllegalArgumentException wrongType) {
      return otherwise;
    }
  }

  /** A timespan in nanoseconds, whatever unit the field was declared with. */
  static long nanos(RecordedEvent e, String name, long otherwise) {
    checked(e, name, "long");
    if (!e.hasField(name)) {
      return otherwise;
    }
    try {
      Duration d = e.getDuration(name);
      return d.getSeconds() > Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : d.toNanos();
    } catch (IllegalArgumentException notATimespan) {
      return number(e, name, otherwise);
    }
  }

  static boolean flag(RecordedEvent e, String name) {
    checked(e, name, "boolean");
    try {
      return e.hasField(name) && e.getBoolean(name);
    } catch (IllegalArgumentException wrongType) {
      return false;
    }
  }

  /** A thread-typed field by name, or the event's own thread for {@code "eventThread"}. */
  static String thread(RecordedEvent e, String name) {
    checked(e, name, "java.lang.Thread");
    try {
      RecordedThread t = e.hasField(name) ? e.getThread(name) : null;
      if (t == null) {
        return null;
      }
      return t.getJavaName() != null ? t.getJavaName() : t.getOSName();
    } catch (IllegalArgumentException wrongType) {
      return null;
    }
  }

  /** A comma-separated list field; empty when absent. */
  static List<String> list(RecordedEvent e, String name) {
    String s = string(e, name);
    if (s == null || s.isBlank()) {
      return List.of();
    }
    return Arrays.stream(s.split(","))
        .map(String::trim)
        .filter(x -> !x.isEmpty())
        .collect(Collectors.toUnmodifiableList());
  }
}

package io.github.kafkalatency.report;

import io.github.kafkalatency.jfr.EventSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import jdk.jfr.Timespan;
import jdk.jfr.Timestamp;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * One recorded event as one line of JSON, for {@code watch --jsonl}: {@code "event"} (the name
 * without the {@code kafkalatency.} namespace; JDK events keep theirs), then every field of the
 * event under its JFR field name. Times ({@code startTime}, {@code endTime}) are ISO-8601 instants;
 * every timespan ({@code duration}, {@code maxWait}, ...) is whole nanoseconds, whatever unit the
 * event declares; threads are their names; absent strings are null. Stack traces are left out.
 *
 * <p>Usage: {@code out.println(JsonLine.of(event))}. The field names are the events' own, declared
 * once in the event classes, so a new field appears here without a change.
 */
final class JsonLine {
  private JsonLine() {}

  static String of(RecordedEvent e) {
    StringBuilder b = new StringBuilder(256).append('{');
    String name = e.getEventType().getName();
    key(b, "event");
    string(
        b,
        name.startsWith(EventSchema.NAMESPACE)
            ? name.substring(EventSchema.NAMESPACE.length())
            : name);
    for (ValueDescriptor f : e.getFields()) {
      String field = f.getName();
      if (field.equals("stackTrace")) {
        continue;
      }
      b.append(',');
      key(b, field);
      value(b, e, f);
      if (field.equals("startTime")) {
        b.append(',');
        key(b, "endTime");
        string(b, e.getEndTime().toString());
      }
    }
    return b.append('}').toString();
  }

  private static void value(StringBuilder b, RecordedEvent e, ValueDescriptor f) {
    String name = f.getName();
    try {
      if (f.getAnnotation(Timespan.class) != null) {
        Duration d = e.getDuration(name);
        b.append(d.getSeconds() > Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : d.toNanos());
        return;
      }
      if (f.getAnnotation(Timestamp.class) != null) {
        Instant t = e.getInstant(name);
        string(b, t == null ? null : t.toString());
        return;
      }
      Object v = e.getValue(name);
      if (v instanceof RecordedThread t) {
        string(b, t.getJavaName() != null ? t.getJavaName() : t.getOSName());
      } else if (v instanceof RecordedClass c) {
        string(b, c.getName());
      } else if (v instanceof Double || v instanceof Float) {
        double d = ((Number) v).doubleValue();
        b.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%s", d) : "null");
      } else if (v instanceof Number || v instanceof Boolean) {
        b.append(v);
      } else {
        string(b, v == null ? null : v.toString());
      }
    } catch (RuntimeException notReadable) {
      b.append("null");
    }
  }

  private static void key(StringBuilder b, String k) {
    string(b, k);
    b.append(':');
  }

  static void string(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
      return;
    }
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}

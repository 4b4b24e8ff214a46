package io.github.kafkalatency.report;

import io.github.kafkalatency.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Clock times for the report, in one zone: {@code 04:25:57.608}, or with the date for headers.
 *
 * <p>Usage: {@code new TimeFormat(zone).time(instant)}.
 */
final class TimeFormat {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);
  private final ZoneId zone;

  TimeFormat(ZoneId zone) {
    this.zone = zone;
  }

  String time(Instant t) {
    return t == null ? "" : TIME.format(t.atZone(zone));
  }

  String dateTime(Instant t) {
    return t == null ? "" : DATE_TIME.format(t.atZone(zone));
  }

  String zoneName() {
    return zone.getId();
  }

  /** {@code 04:25:48.134 to 04:26:12.301 UTC (24s)}, with the date when {@code withDate}. */
  String span(Instant from, Instant to, boolean withDate) {
    String a = from == null ? "the start" : withDate ? dateTime(from) : time(from);
    String b = to == null ? "the end" : time(to);
    String length =
        from != null && to != null
            ? " (" + Durations.format(Duration.between(from, to).toNanos()) + ")"
            : "";
    return a + " to " + b + " " + zoneName() + length;
  }
}

package io.github.kafkalatency.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A {@code --from} or {@code --to} value: an ISO instant ({@code 2026-11-25T04:25:57Z}), an ISO
 * date-time with or without an offset, or a time of day ({@code 04:25:57}, {@code 04:25:57.5}).
 *
 * <p>Usage: {@code TimeArgument.parse("--from", text)} while parsing arguments (bad text is a usage
 * error), then {@code resolve(recording, zone)} once the recording is read, because a time of day
 * means that time on the recording's own day.
 */
final class TimeArgument {
  private final String text;
  private final Instant instant;
  private final LocalDateTime localDateTime;
  private final LocalTime timeOfDay;

  private TimeArgument(String text, Instant instant, LocalDateTime ldt, LocalTime timeOfDay) {
    this.text = text;
    this.instant = instant;
    this.localDateTime = ldt;
    this.timeOfDay = timeOfDay;
  }

  static TimeArgument parse(String option, String text) throws UsageException {
    try {
      return new TimeArgument(text, Instant.parse(text), null, null);
    } catch (DateTimeException notAnInstant) {
      // try the other forms
    }
    try {
      return new TimeArgument(text, OffsetDateTime.parse(text).toInstant(), null, null);
    } catch (DateTimeException notAnOffsetDateTime) {
      // try the other forms
    }
    try {
      return new TimeArgument(text, null, LocalDateTime.parse(text), null);
    } catch (DateTimeException notALocalDateTime) {
      // try the other forms
    }
    try {
      return new TimeArgument(text, null, null, LocalTime.parse(text));
    } catch (DateTimeException e) {
      throw new UsageException(
          option
              + " "
              + text
              + ": not a time (expected an ISO instant such as"
              + " 2026-11-25T04:25:57Z, or a time of day HH:mm:ss)");
    }
  }

  /**
   * A time of day goes on the day the recording starts, or the next day where that is the one
   * inside the recording (a recording that runs past midnight).
   */
  Instant resolve(Instant recordingStart, Instant recordingEnd, ZoneId zone) {
    if (instant != null) {
      return instant;
    }
    if (localDateTime != null) {
      return localDateTime.atZone(zone).toInstant();
    }
    ZonedDateTime start = (recordingStart == null ? Instant.EPOCH : recordingStart).atZone(zone);
    Instant sameDay = start.toLocalDate().atTime(timeOfDay).atZone(zone).toInstant();
    Instant nextDay = start.toLocalDate().plusDays(1).atTime(timeOfDay).atZone(zone).toInstant();
    boolean nextDayInside = recordingEnd != null && !nextDay.isAfter(recordingEnd);
    return sameDay.isBefore(recordingStart == null ? sameDay : recordingStart) && nextDayInside
        ? nextDay
        : sameDay;
  }

  @Override
  public String toString() {
    return text;
  }
}

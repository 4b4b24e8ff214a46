package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {
  private static final Instant START = Instant.parse("2026-11-25T23:59:00Z");
  private static final Instant END = Instant.parse("2026-11-26T00:10:00Z");

  @Test
  void instantsAndDateTimes() throws UsageException {
    assertEquals(
        Instant.parse("2026-11-25T04:25:57Z"), resolve("2026-11-25T04:25:57Z", ZoneOffset.UTC));
    assertEquals(
        Instant.parse("2026-11-25T02:25:57Z"),
        resolve("2026-11-25T04:25:57+02:00", ZoneOffset.UTC));
    assertEquals(
        Instant.parse("2026-11-25T03:25:57Z"),
        resolve("2026-11-25T04:25:57", ZoneId.of("Europe/Paris")));
  }

  @Test
  void timeOfDayIsOnTheRecordingsDayInTheGivenZone() throws UsageException {
    assertEquals(Instant.parse("2026-11-25T23:59:30Z"), resolve("23:59:30", ZoneOffset.UTC));
    // the recording starts at 00:59 on the 26th in Paris
    assertEquals(
        Instant.parse("2026-11-26T00:05:00Z"), resolve("01:05", ZoneId.of("Europe/Paris")));
  }

  @Test
  void timeOfDayAfterMidnightOfARecordingThatCrossesIt() throws UsageException {
    assertEquals(
        Instant.parse("2026-11-26T00:05:00.250Z"), resolve("00:05:00.250", ZoneOffset.UTC));
  }

  @Test
  void anythingElseIsAUsageError() {
    assertThrows(UsageException.class, () -> TimeArgument.parse("--from", "5 minutes ago"));
    assertThrows(UsageException.class, () -> TimeArgument.parse("--to", "25:00"));
  }

  private static Instant resolve(String text, ZoneId zone) throws UsageException {
    return TimeArgument.parse("--from", text).resolve(START, END, zone);
  }
}

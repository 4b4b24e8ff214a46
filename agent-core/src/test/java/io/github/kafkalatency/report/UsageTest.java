package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad arguments: exit code 2, the argument named, the synopsis, no stack trace. */
class UsageTest {
  @Test
  void helpPrintsUsageWithExitCodes() {
    Fixture.Run run = Fixture.run("--help");
    assertEquals(Usage.OK, run.code());
    assertTrue(
        run.out()
            .startsWith("usage: java -jar kafka-latency-agent.jar report <recording.jfr|dir>... "),
        run.out());
    for (String code : new String[] {"  0  ", "  1  ", "  2  ", "  3  ", "  4  ", "  5  "}) {
      assertTrue(run.out().contains("\n" + code), code + " in " + run.out());
    }
  }

  @Test
  void badArgumentsNameThemselves() {
    String jfr = Fixture.recording().toString();
    assertUsage(Fixture.run(), "which recording?");
    assertUsage(Fixture.run(jfr, "--colour", "red"), "unknown option --colour");
    assertUsage(Fixture.run(jfr, "--top", "0"), "--top 0: expected a whole number from 1 to 1000");
    assertUsage(Fixture.run(jfr, "--top"), "--top: needs a value");
    assertUsage(Fixture.run(jfr, "--from", "yesterday"), "--from yesterday: not a time");
    assertUsage(
        Fixture.run(jfr, "--partition", "demo"), "--partition demo: expected topic-partition");
    assertUsage(Fixture.run(jfr, "--zone", "Mars/Olympus"), "--zone Mars/Olympus: not a time zone");
    assertUsage(Fixture.run(jfr, "--top", "3", "--top=4"), "--top: given twice");
    assertUsage(Fixture.run(jfr, jfr), "given twice");
    assertUsage(
        Fixture.run(jfr, "--from", "04:26:30", "--to", "04:26:20"),
        "--from 04:26:30 is after --to 04:26:20");
  }

  private static void assertUsage(Fixture.Run run, String message) {
    assertEquals(Usage.USAGE, run.code(), run.err());
    assertEquals(2, run.errLines().size(), run.err());
    assertTrue(run.errLines().get(0).startsWith("kafka-latency-agent report: "), run.err());
    assertTrue(run.errLines().get(0).contains(message), run.err());
    assertTrue(
        run.errLines().get(1).startsWith("usage: java -jar kafka-latency-agent.jar report"),
        run.err());
    BadInputTest.assertNoStackTrace(run);
  }
}

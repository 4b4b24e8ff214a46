package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report over several recordings, from the real freeze recording: the same recording as two
 * brokers shares every incident; the same recording shifted by an hour on one broker shares none.
 * The two-broker report of two real brokers frozen together is examples' FleetTest.
 */
class FleetReportTest {
  @TempDir Path dir;

  @Test
  void aDirectoryOfTwoBrokersGroupsTheirOverlappingIncidents() throws Exception {
    Files.createDirectories(dir.resolve("b1"));
    Files.createDirectories(dir.resolve("b2"));
    Files.copy(Fixture.recording(), dir.resolve("b1").resolve("recording.jfr"));
    Files.copy(Fixture.recording(), dir.resolve("b2").resolve("recording.jfr"));
    Fixture.Run run =
        Fixture.run(
            dir.resolve("b1").resolve("recording.jfr").toString(),
            dir.resolve("b2").resolve("recording.jfr").toString(),
            "--zone",
            "UTC",
            "--html",
            dir.resolve("fleet.html").toString());
    assertEquals(0, run.code(), run.err());
    String out = run.out();
    assertTrue(out.startsWith("kafka-latency-agent report: 2 brokers"), out);
    assertTrue(out.contains("=== broker b1/recording.jfr ==="), out);
    assertTrue(out.contains("=== broker b2/recording.jfr ==="), out);
    assertTrue(out.contains("brokers b1/recording.jfr, b2/recording.jfr"), out);
    AgentRecording one = Fixture.read();
    Map<String, AgentRecording> two = new LinkedHashMap<>();
    two.put("b1", one);
    two.put("b2", one);
    List<FleetReport.Group> groups = FleetReport.shared(two);
    assertTrue(!groups.isEmpty(), "the freeze's incidents, on both");
    int incidents = groups.stream().mapToInt(g -> g.incidents().size()).sum();
    assertEquals(
        2 * (one.stalls().size() + one.cascades().size()),
        incidents,
        "every incident in some group");
    groups.forEach(g -> assertEquals(List.of("b1", "b2"), g.brokers()));

    String html = Files.readString(dir.resolve("fleet.html"));
    assertTrue(
        html.contains("[b1] ") && html.contains("[b2] "),
        "lanes per broker, named by their directory");
    List<String> lanes =
        Lanes.order(
            List.of(
                "[b2] data-plane-kafka-request-handler-1",
                "[b1] kafka-raft-io",
                "[b1] data-plane-kafka-request-handler-10",
                "[b1] data-plane-kafka-request-handler-2"));
    assertEquals(
        List.of(
            "[b1] data-plane-kafka-request-handler-2",
            "[b1] data-plane-kafka-request-handler-10",
            "[b1] kafka-raft-io",
            "[b2] data-plane-kafka-request-handler-1"),
        lanes,
        "one group of lanes per broker");
  }

  @Test
  void incidentsAtDifferentTimesAreNotShared() throws Exception {
    AgentRecording one = Fixture.read();
    AgentRecording later =
        one.with(
            one.cascades().stream()
                .map(
                    c ->
                        new RecordedCascade(
                            c.start().plus(Duration.ofHours(1)),
                            c.nanos(),
                            c.partition(),
                            c.holder(),
                            c.holderSite(),
                            c.operation(),
                            c.operationFile(),
                            c.operationNanos(),
                            c.operationBytes(),
                            c.waiters(),
                            c.totalWaitNanos(),
                            c.maxWaitNanos(),
                            c.waiterThreads(),
                            c.overlappingThread(),
                            c.overlappingOperation(),
                            c.jvmPause(),
                            c.jvmPauseNanos(),
                            c.verdict(),
                            c.kernelWaitSite(),
                            c.hint()))
                .collect(Collectors.toList()),
            List.of(),
            one.waits(),
            one.holds(),
            one.fileOps(),
            one.produceRequests(),
            one.intervals());
    Map<String, AgentRecording> two = new LinkedHashMap<>();
    two.put("b1", one);
    two.put("b2", later);
    assertEquals(List.of(), FleetReport.shared(two));
  }

  @Test
  void aJfrRepositoryIsOneBrokerPerJvmDirectory() throws Exception {
    // the layout JFR leaves: <repository>/<yyyy_MM_dd_HH_mm_ss_pid>/<yyyy_MM_dd_HH_mm_ss>.jfr, one
    // file per chunk
    for (String jvm : List.of("2026_11_25_04_26_18_101", "2026_11_25_04_26_18_202")) {
      Path d = Files.createDirectories(dir.resolve("repository").resolve(jvm));
      Files.copy(Fixture.recording(), d.resolve("2026_11_25_04_26_18.jfr"));
    }
    Fixture.Run run = Fixture.run(dir.resolve("repository").toString(), "--zone", "UTC");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("kafka-latency-agent report: 2 brokers"), run.out());
    assertTrue(
        run.out().contains("=== broker 2026_11_25_04_26_18_101 ===")
            && run.out().contains("=== broker 2026_11_25_04_26_18_202 ==="),
        run.out());
    List<Brokers.Broker> one =
        Brokers.read(List.of(dir.resolve("repository").resolve("2026_11_25_04_26_18_101")));
    assertEquals(1, one.size());
    assertEquals(Fixture.read().cascades().size(), one.get(0).recording().cascades().size());
  }

  @Test
  void aDirectoryWithoutRecordingsIsOneLine() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "x");
    Fixture.Run run = Fixture.run(dir.toString());
    assertEquals(Usage.UNREADABLE, run.code());
    assertEquals(
        List.of(
            "kafka-latency-agent report: "
                + dir
                + ": a directory with no JFR recording (.jfr) in it"),
        run.errLines());
  }
}

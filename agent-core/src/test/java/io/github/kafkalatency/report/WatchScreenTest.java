package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The watch's lines for people: what a cascade, a stall and an incident in progress say, plain and
 * live.
 */
class WatchScreenTest {
  private static final Instant T = Instant.parse("2026-12-02T10:15:30.250Z");
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final BrokerInfo info =
      new BrokerInfo(
          "broker 1 (4242@host)",
          "4.4.0",
          Instant.now().minusSeconds(3725),
          "pid 4242 (local JMX)");

  private WatchScreen screen(boolean live) {
    return new WatchScreen(
        new PrintStream(bytes, true, StandardCharsets.UTF_8),
        live,
        info,
        new TimeFormat(ZoneOffset.UTC),
        30,
        160);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static RecordedInProgress cascade(int update, boolean ended, long nanos) {
    return new RecordedInProgress(
        T,
        nanos,
        "cascade",
        update,
        ended,
        "orders-3",
        "/data/kafka",
        "data-plane-kafka-request-handler-3",
        "write",
        "orders-3/00000000000000000000.log",
        5,
        List.of("data-plane-kafka-request-handler-1", "data-plane-kafka-request-handler-2"),
        List.of("orders-3"),
        List.of("data-plane-kafka-request-handler-3"));
  }

  @Test
  void plainLinesSayWhoHoldsWhatAndForHowLong() {
    WatchScreen s = screen(false);
    s.inProgress(cascade(1, false, 1_400_000_000L));
    s.inProgress(cascade(2, false, 2_400_000_000L));
    s.inProgress(cascade(4, true, 4_020_000_000L));
    List<String> lines = printed().lines().toList();
    assertEquals(
        "watching broker 1 (4242@host), Kafka 4.4.0, up 1h02m, via pid 4242 (local JMX)",
        lines.get(0));
    assertEquals(
        "10:15:30.250  IN PROGRESS  cascade orders-3: data-plane-kafka-request-handler-3 holds the"
            + " log lock, in write orders-3/00000000000000000000.log for 1.4s so far; 5 queued on"
            + " the lock (data-plane-kafka-request-handler-1, data-plane-kafka-request-handler-2)",
        lines.get(1));
    assertEquals(3, lines.size(), "an update in between prints nothing when piped: " + lines);
    assertTrue(
        lines.get(2).startsWith("10:15:30.250  ENDED        cascade orders-3: "), lines.get(2));
    assertTrue(
        lines
            .get(2)
            .contains(
                " held the log lock, in write orders-3/00000000000000000000.log ended after 4.0s;"
                    + " 5 were queued on the lock"),
        lines.get(2));
  }

  @Test
  void anIncidentThatEndedBeforeTheWatchStartedIsNotShownAsNew() {
    WatchScreen s = screen(false);
    s.inProgress(cascade(3, true, 3_000_000_000L));
    assertEquals(1, printed().lines().count(), printed());
  }

  @Test
  void theRemedyComesBeforeTheKernelEvidenceSoAClippedLineKeepsIt() {
    RecordedCascade c =
        new RecordedCascade(
            T,
            4_000_000_000L,
            "frozen-4",
            "handler-14",
            "append",
            "write",
            "frozen-4/0.log",
            4_000_000_000L,
            512,
            2,
            8_000_000_000L,
            4_000_000_000L,
            "handler-1, handler-2",
            null,
            null,
            null,
            0,
            "the disk or file system",
            "percpu_rwsem_wait < vfs_write",
            "find what froze the file system");
    assertEquals(
        "frozen-4 held 4.0s by handler-14 (append) in write frozen-4/0.log 4.0s; 2 waiters,"
            + " longest wait 4.0s, total 8.0s; verdict: the disk or file system -> find what froze"
            + " the file system; kernel wait site percpu_rwsem_wait < vfs_write",
        WatchScreen.cascade(c, c.hint()));
    RecordedStall st =
        new RecordedStall(
            T,
            4_000_000_000L,
            "/data/kafka",
            List.of("a-0"),
            List.of("t1"),
            1,
            3_990_000_000L,
            "GC pause (G1 Young Generation)",
            "the disk or file system, of which 14ms a GC pause (G1 Young Generation) (<1%)",
            "percpu_rwsem_wait",
            "find what froze the file system");
    assertEquals(
        "/data/kafka 4.0s: 1 partitions (a-0), 1 slow writes/fsyncs, longest 4.0s; verdict: the"
            + " disk or file system, of which 14ms a GC pause (G1 Young Generation) (<1%) -> find"
            + " what froze the file system; kernel wait site percpu_rwsem_wait",
        WatchScreen.stall(st, st.hint()));
  }

  @Test
  void completeCascadeAndStall() {
    RecordedCascade c =
        new RecordedCascade(
            T,
            4_010_000_000L,
            "orders-3",
            "handler-3",
            "append",
            "write",
            "orders-3/00000000000000000000.log",
            4_000_000_000L,
            512,
            7,
            20_100_000_000L,
            3_900_000_000L,
            "handler-1, handler-2",
            null,
            null,
            null,
            0,
            null,
            null,
            null);
    assertEquals(
        "orders-3 held 4.0s by handler-3 (append) in write orders-3/00000000000000000000.log 4.0s;"
            + " 7 waiters, longest wait 3.9s, total 20.1s -> use XFS",
        WatchScreen.cascade(c, "use XFS"));
    RecordedStall st =
        new RecordedStall(
            T,
            4_000_000_000L,
            "/data/kafka",
            List.of("a-0", "a-1", "a-2", "a-3", "a-4"),
            List.of("t1"),
            12,
            3_990_000_000L,
            null,
            null,
            null,
            null);
    assertEquals(
        "/data/kafka 4.0s: 5 partitions (a-0, a-1, a-2, a-3, +1 more), 12 slow writes/fsyncs,"
            + " longest 4.0s -> freeze barrier",
        WatchScreen.stall(st, "freeze barrier"));
  }

  @Test
  void liveScreenIsRedrawnInPlaceWithColourAndTheUpdateReplacesTheLine() {
    WatchScreen s = screen(true);
    s.inProgress(cascade(1, false, 1_400_000_000L));
    s.tick();
    s.inProgress(cascade(2, false, 2_400_000_000L));
    s.tick();
    String out = printed();
    String last = out.substring(out.lastIndexOf("\033[H\033[2J"));
    assertTrue(
        last.contains("kafka-latency-agent watch | broker 1 (4242@host) | Kafka 4.4.0 | up "),
        last);
    assertTrue(last.contains("for 2.4s so far"), last);
    assertFalse(last.contains("for 1.4s so far"), "updated in place: " + last);
    assertTrue(last.contains("\033[1;31m"), "red on a terminal");
    s.close(null);
    assertTrue(printed().endsWith("\033[?25h"), "the cursor is given back");
  }

  @Test
  void kafkaVersionFromTheClassPath() {
    assertEquals(
        "4.4.0", BrokerInfo.kafkaVersionOf("/opt/kafka/libs/kafka-clients-4.4.0.jar:/opt/x.jar"));
    assertEquals("3.9.2", BrokerInfo.kafkaVersionOf("/opt/kafka/libs/kafka_2.13-3.9.2.jar"));
    assertEquals(null, BrokerInfo.kafkaVersionOf("/opt/app.jar"));
  }
}

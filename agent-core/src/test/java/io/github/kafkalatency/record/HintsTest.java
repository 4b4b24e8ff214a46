package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.probe.Probe;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HintsTest {
  private static final long MS = 1_000_000L;
  private static final MountInfo MOUNTS = MountInfo.parse(MountInfoTest.TEXT);

  private static Hints hints(String version, String... settings) {
    Properties p = new Properties();
    for (int i = 0; i < settings.length; i += 2) {
      p.setProperty(settings[i], settings[i + 1]);
    }
    return new Hints(BrokerFacts.read(version, p, MOUNTS));
  }

  private static Stall stall(String logDir, String site, JvmPauses.Overlap pause) {
    return new Stall(
        logDir,
        0,
        320 * MS,
        List.of("a-0", "a-1"),
        List.of("h1", "h2"),
        2,
        319 * MS,
        pause,
        site,
        null);
  }

  private static Cascade cascade(String logDir, int op, IoOverlap overlap, String site) {
    return new Cascade(
        "a",
        0,
        new Thread("h1"),
        "append",
        0,
        1_200 * MS,
        op,
        "a-0/0.log",
        1_190 * MS,
        1000,
        overlap,
        3,
        3_000 * MS,
        1_100 * MS,
        List.of("h2"),
        0,
        0,
        null,
        null,
        logDir,
        site,
        null);
  }

  @Test
  void anExt4StallInOrderedModeGetsTheAllegroOptionsWithItsFacts() {
    Hint h = hints("4.4.0").forStall(stall("/mnt/kafka a/logs", "wait_transaction_locked", null));
    assertEquals("ext4-journal", h.rule());
    assertTrue(
        h.remedy().contains("data=writeback") && h.remedy().contains("fast_commit"), h.text());
    assertTrue(
        h.evidence().contains("2 partitions of /mnt/kafka a/logs stuck together for 320 ms"),
        h.text());
    assertTrue(
        h.evidence().contains("/dev/loop0") && h.evidence().contains("data=ordered"), h.text());
    Hint journal =
        hints("4.4.0")
            .forStall(
                stall("/mnt/kafka a/logs", "wait_transaction_locked < jbd2__journal_start", null));
    assertTrue(
        journal.evidence().contains("kernel wait site wait_transaction_locked"), journal.text());
  }

  @Test
  void noJournalHintWithoutItsEvidence() {
    String journal = "wait_transaction_locked < jbd2__journal_start";
    assertNull(
        hints("4.4.0").forStall(stall("/mnt/kafka a/logs", null, null)),
        "no writer seen waiting on the journal");
    assertNull(
        hints("4.4.0").forStall(stall("/mnt/fast/logs", journal, null)), "fast_commit already");
    assertNull(hints("4.4.0").forStall(stall("/mnt/xfs/logs", journal, null)), "xfs");
    assertNull(
        hints("4.4.0").forStall(stall("/mnt/kafka a/logs", "folio_wait_bit", null)),
        "waited for a read, not the journal");
    assertNull(BrokerFacts.none().mountOf("/x"));
    assertNull(
        new Hints(BrokerFacts.none()).forStall(stall("/mnt/kafka a/logs", journal, null)),
        "mounts unknown");
  }

  @Test
  void writersOnAFrozenFileSystemAreToldSo() {
    Hint h =
        hints("4.4.0")
            .forStall(
                stall("/mnt/kafka a/logs", "percpu_rwsem_wait < ext4_buffered_write_iter", null));
    assertEquals("fs-frozen", h.rule());
    assertTrue(h.evidence().contains("percpu_rwsem_wait"), h.text());
  }

  @Test
  void aPauseCoveringTheStallPointsAtGc() {
    Hint h =
        hints("4.4.0")
            .forStall(
                stall(
                    "/mnt/kafka a/logs",
                    null,
                    new JvmPauses.Overlap("GC pause (G1 Full)", 300 * MS, 300 * MS)));
    assertEquals("jvm-pause", h.rule());
    assertTrue(h.evidence().contains("covered 94% of the 320 ms stall"), h.text());
    Hint minor =
        hints("4.4.0")
            .forStall(
                stall(
                    "/mnt/kafka a/logs",
                    "jbd2_log_wait_commit",
                    new JvmPauses.Overlap("GC pause (G1 Young Generation)", 41 * MS, 41 * MS)));
    assertEquals("ext4-journal", minor.rule(), "a 41 ms pause does not make it the JVM's");
  }

  @Test
  void aWriteOnXfsBehindAColdTransferGetsASmallerSegmentSize() {
    IoOverlap o = new IoOverlap();
    o.set(
        new Thread("data-plane-kafka-network-thread-1-ListenerName(PLAINTEXT)-PLAINTEXT-0"),
        Probe.TRANSFER_TO,
        8_388_608,
        1_048_576,
        4_000 * MS,
        1_150 * MS);
    Hint h =
        hints("4.4.0", "log.segment.bytes", "1073741824")
            .forCascade(cascade("/mnt/xfs/logs", Probe.WRITE, o, null));
    assertEquals("xfs-cold-read", h.rule());
    assertTrue(h.remedy().contains("log.segment.bytes (now 1073741824;"), h.text());
    assertTrue(h.evidence().contains("transferTo of 8388608 bytes at position 1048576"), h.text());
    assertNull(
        hints("4.4.0").forCascade(cascade("/mnt/kafka a/logs", Probe.WRITE, o, null)),
        "ext4 does not lock so");
    assertNull(
        hints("4.4.0").forCascade(cascade("/mnt/xfs/logs", Probe.WRITE, null, null)),
        "no reader: no LINE");
  }

  @Test
  void aSlowFsyncUnderTheLockBefore37NamesKafka15046() {
    Hint h =
        hints("3.6.1", "log.flush.interval.messages", "1")
            .forCascade(cascade("/mnt/xfs/logs", Probe.FORCE, null, null));
    assertEquals("fsync-under-lock", h.rule());
    assertTrue(
        h.remedy().contains("KAFKA-15046")
            && h.evidence().contains("Kafka 3.6.1")
            && h.evidence().contains("log.flush.interval.messages=1"),
        h.text());
    assertNull(hints("3.7.0").forCascade(cascade("/mnt/xfs/logs", Probe.FORCE, null, null)));
    assertNull(
        hints(null).forCascade(cascade("/mnt/xfs/logs", Probe.FORCE, null, null)),
        "version unknown");
  }

  @Test
  void aSlowWriteUnderTheLockGetsItsHintWithoutWaiters() {
    IoOverlap o = new IoOverlap();
    o.set(new Thread("network-thread-1"), Probe.TRANSFER_TO, 580_424, 0, 900 * MS, 330 * MS);
    Hint h =
        hints("4.4.0")
            .forFileOp(
                "/mnt/xfs/logs",
                "cold-0/0.log",
                Probe.WRITE,
                331 * MS,
                true,
                o,
                "xfs_ilock < xfs_file_buffered_write");
    assertEquals("xfs-cold-read", h.rule());
    assertTrue(
        h.evidence().startsWith("write of cold-0/0.log took 331 ms under its log lock"), h.text());
    assertTrue(h.evidence().contains("kernel wait site xfs_ilock"), h.text());
    assertNull(
        hints("4.4.0")
            .forFileOp("/mnt/xfs/logs", "cold-0/0.log", Probe.WRITE, 331 * MS, false, o, null),
        "not under the log lock: nobody queued on it");
    assertNull(
        hints("4.4.0")
            .forFileOp("/mnt/xfs/logs", "cold-0/0.log", Probe.WRITE, 331 * MS, true, null, null));
    assertEquals(
        "fs-frozen",
        hints("4.4.0")
            .forFileOp(
                "/mnt/kafka a/logs",
                "a-0/0.log",
                Probe.WRITE,
                300 * MS,
                true,
                null,
                "percpu_rwsem_wait")
            .rule());
  }
}

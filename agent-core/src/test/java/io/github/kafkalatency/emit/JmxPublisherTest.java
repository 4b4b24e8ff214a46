package io.github.kafkalatency.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.record.Aggregator;
import io.github.kafkalatency.record.FakeLog;
import io.github.kafkalatency.record.IntervalSnapshot;
import io.github.kafkalatency.record.LogDirs;
import io.github.kafkalatency.record.Metric;
import io.github.kafkalatency.record.Partitions;
import io.github.kafkalatency.record.ProbeRecorder;
import io.github.kafkalatency.record.SlowOperationListener;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JmxPublisherTest {
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final ProbeRecorder recorder =
      new ProbeRecorder(
          new Partitions(new LogDirs()), 5_000_000, 1_000_000, SlowOperationListener.NONE);
  private final Aggregator aggregator = new Aggregator(recorder, 5_000, 5, List.of());
  private final File data = new File("/data");
  private final FakeLog a = new FakeLog("orders", 3, data);
  private final FakeLog b = new FakeLog("orders", 1, data);
  private final FakeLog c = new FakeLog("audit.log_v2", 0, data);

  @AfterEach
  void unregister() throws Exception {
    for (ObjectName n : server.queryNames(new ObjectName("kafka.latency:*"), null)) {
      server.unregisterMBean(n);
    }
  }

  private IntervalSnapshot interval(long aNanos, long bNanos, long cNanos) {
    if (aNanos > 0) {
      recorder.appendEnd(a, System.nanoTime() - aNanos, null, false);
    }
    if (bNanos > 0) {
      recorder.appendEnd(b, System.nanoTime() - bNanos, null, false);
    }
    if (cNanos > 0) {
      recorder.appendEnd(c, System.nanoTime() - cNanos, null, false);
    }
    aggregator.drain();
    return aggregator.rollInterval();
  }

  @Test
  void brokerFiguresPerMetricAndAnAccumulatingCount() throws Exception {
    JmxPublisher jmx = new JmxPublisher(2);
    jmx.onInterval(interval(40_000_000, 2_000_000, 0));
    ObjectName append = new ObjectName("kafka.latency:type=BrokerLatency,metric=append");
    assertEquals(2L, server.getAttribute(append, "Count"));
    assertEquals(2L, server.getAttribute(append, "TotalCount"));
    double max = (Double) server.getAttribute(append, "MaxMs");
    assertTrue(
        max >= 40 && max < 50,
        "MaxMs " + max); // 40 ms back-dated, plus the scheduling delay of a loaded machine
    assertTrue((Double) server.getAttribute(append, "P50Ms") >= 2, "P50Ms");
    for (Metric m : Metric.values()) {
      assertTrue(
          server.isRegistered(
              new ObjectName("kafka.latency:type=BrokerLatency,metric=" + m.label())),
          m.label());
    }
    jmx.onInterval(interval(1_000_000, 0, 0));
    assertEquals(1L, server.getAttribute(append, "Count"));
    assertEquals(3L, server.getAttribute(append, "TotalCount"));
    assertTrue(
        (Double) server.getAttribute(append, "MaxMs") < 10,
        "only the 1 ms append of this interval");
    jmx.onInterval(interval(0, 0, 0));
    assertEquals(0L, server.getAttribute(append, "Count"));
    assertEquals(0.0, server.getAttribute(append, "P99Ms"));
  }

  @Test
  void worstPartitionsAreBoundedRankedAndRenamedAsTheyChange() throws Exception {
    JmxPublisher jmx = new JmxPublisher(2);
    jmx.onInterval(interval(40_000_000, 2_000_000, 10_000_000));
    assertEquals(
        Set.of(
            "kafka.latency:type=WorstPartitions,rank=1,topic=orders,partition=3,metric=append",
            "kafka.latency:type=WorstPartitions,rank=2,topic=audit.log_v2,partition=0,metric=append"),
        worst());
    ObjectName first =
        server
            .queryNames(new ObjectName("kafka.latency:type=WorstPartitions,rank=1,*"), null)
            .iterator()
            .next();
    assertEquals("orders", server.getAttribute(first, "Topic"));
    assertEquals(3, server.getAttribute(first, "Partition"));
    assertEquals("append", server.getAttribute(first, "Metric"));
    assertEquals(1, server.getAttribute(first, "Rank"));
    assertEquals(1L, server.getAttribute(first, "Count"));
    double max = (Double) server.getAttribute(first, "MaxMs");
    assertTrue(
        max >= 40 && max < 50,
        "MaxMs " + max); // 40 ms back-dated, plus the scheduling delay of a loaded machine

    jmx.onInterval(interval(0, 5_000_000, 0)); // only orders-1 active: one rank left
    assertEquals(
        Set.of("kafka.latency:type=WorstPartitions,rank=1,topic=orders,partition=1,metric=append"),
        worst());
    jmx.onInterval(interval(0, 0, 0));
    assertEquals(Set.of(), worst());
  }

  @Test
  void topPartitionsZeroPublishesNoPartition() throws Exception {
    new JmxPublisher(0).onInterval(interval(1_000_000, 1_000_000, 0));
    assertEquals(Set.of(), worst());
  }

  private Set<String> worst() throws Exception {
    return server.queryNames(new ObjectName("kafka.latency:type=WorstPartitions,*"), null).stream()
        .map(ObjectName::getCanonicalName)
        .map(JmxPublisherTest::inOrder)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Canonical names sort their keys; put them back in the order the agent gives them. */
  private static String inOrder(String canonical) {
    try {
      ObjectName n = new ObjectName(canonical);
      return "kafka.latency:type=WorstPartitions,rank="
          + n.getKeyProperty("rank")
          + ",topic="
          + n.getKeyProperty("topic")
          + ",partition="
          + n.getKeyProperty("partition")
          + ",metric="
          + n.getKeyProperty("metric");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

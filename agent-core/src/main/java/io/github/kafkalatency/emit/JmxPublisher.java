package io.github.kafkalatency.emit;

import io.github.kafkalatency.record.AgentFaults;
import io.github.kafkalatency.record.IntervalListener;
import io.github.kafkalatency.record.IntervalSnapshot;
import io.github.kafkalatency.record.LatencySummary;
import io.github.kafkalatency.record.Metric;
import io.github.kafkalatency.record.PartitionInterval;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Publishes each interval's figures as MBeans on the platform MBean server, the one Kafka's own
 * metrics and the Prometheus JMX exporter use:
 *
 * <ul>
 *   <li>{@code kafka.latency:type=BrokerLatency,metric=<metric>}, one per metric: the last
 *       interval's {@code Count}, {@code P50Ms}, {@code P99Ms}, {@code P999Ms}, {@code MaxMs}, and
 *       {@code TotalCount} since the agent started (a counter);
 *   <li>{@code kafka.latency:type=WorstPartitions,rank=<r>,topic=<t>,partition=<p>,metric=<m>}, at
 *       most {@code topPartitions} of them: the partitions with the largest maximum in the last
 *       interval, worst first (as the summary line ranks them), with that metric's {@code Count},
 *       {@code P99Ms}, {@code MaxMs} and, for plain JMX clients, {@code Rank}, {@code Topic},
 *       {@code Partition}, {@code Metric}. Topic and partition are in the name so that the exporter
 *       turns them into labels; a rank whose partition changed is re-registered under its new name,
 *       and ranks beyond the active partitions are unregistered. Query {@code
 *       kafka.latency:type=WorstPartitions,rank=1,*} for the worst one.
 * </ul>
 *
 * <p>Registered at the end of the first interval, not in premain: the broker has set up its own JMX
 * and logging by then. Times are milliseconds as doubles (the histograms' 2 significant digits).
 * Attribute reads are thread-safe (each bean holds one immutable snapshot); updates come from the
 * aggregator thread only. A failure turns it off and is reported once.
 */
public final class JmxPublisher implements IntervalListener {
  public static final String DOMAIN = "kafka.latency";

  /** Broker-wide figures of one metric. */
  public interface BrokerLatencyMBean {
    String getMetric();

    long getCount();

    long getTotalCount();

    double getP50Ms();

    double getP99Ms();

    double getP999Ms();

    double getMaxMs();
  }

  /** One of the worst partitions of the last interval. */
  public interface WorstPartitionMBean {
    int getRank();

    String getTopic();

    int getPartition();

    String getMetric();

    long getCount();

    double getP99Ms();

    double getMaxMs();
  }

  private final int topPartitions;
  private final Map<Metric, BrokerLatency> broker = new EnumMap<>(Metric.class);
  private final List<Worst> worst = new ArrayList<>();
  private MBeanServer server;
  private boolean off;

  public JmxPublisher(int topPartitions) {
    this.topPartitions = topPartitions;
  }

  @Override
  public void onInterval(IntervalSnapshot interval) {
    if (off) {
      return;
    }
    try {
      publish(interval);
    } catch (JMException | RuntimeException e) {
      off = true;
      AgentFaults.report("JMX MBeans", e);
    }
  }

  private void publish(IntervalSnapshot interval) throws JMException {
    if (server == null) {
      server = ManagementFactory.getPlatformMBeanServer();
      for (Metric m : Metric.values()) {
        BrokerLatency b = new BrokerLatency(m.label());
        register(
            new StandardMBean(b, BrokerLatencyMBean.class),
            new ObjectName(DOMAIN + ":type=BrokerLatency,metric=" + m.label()));
        broker.put(m, b);
      }
    }
    for (Metric m : Metric.values()) {
      broker.get(m).update(interval.brokerWide(m));
    }
    List<PartitionInterval> ranked = new ArrayList<>(interval.partitions());
    ranked.sort(Comparator.comparingLong(PartitionInterval::worstNanos).reversed());
    int n = Math.min(topPartitions, ranked.size());
    for (int r = 0; r < n; r++) {
      PartitionInterval p = ranked.get(r);
      Metric metric = worstMetric(p);
      WorstValues v =
          new WorstValues(r + 1, p.topic(), p.partition(), metric.label(), p.summary(metric));
      ObjectName name =
          new ObjectName(
              DOMAIN
                  + ":type=WorstPartitions,rank="
                  + (r + 1)
                  + ",topic="
                  + value(p.topic())
                  + ",partition="
                  + p.partition()
                  + ",metric="
                  + metric.label());
      if (r < worst.size()) {
        Worst w = worst.get(r);
        w.values = v;
        if (!w.name.equals(name)) {
          unregister(w.name);
          w.name = name;
          register(new StandardMBean(w, WorstPartitionMBean.class), name);
        }
      } else {
        Worst w = new Worst(v, name);
        register(new StandardMBean(w, WorstPartitionMBean.class), name);
        worst.add(w);
      }
    }
    while (worst.size() > n) {
      unregister(worst.remove(worst.size() - 1).name);
    }
  }

  /** The metric whose maximum ranks the partition. */
  private static Metric worstMetric(PartitionInterval p) {
    Metric worst = Metric.APPEND;
    long max = -1;
    for (Metric m : Metric.values()) {
      LatencySummary s = p.summary(m);
      if (s.count() > 0 && s.max() > max) {
        max = s.max();
        worst = m;
      }
    }
    return worst;
  }

  private void register(Object bean, ObjectName name) throws JMException {
    if (server.isRegistered(name)) {
      server.unregisterMBean(name); // left by an earlier agent in this JVM
    }
    server.registerMBean(bean, name);
  }

  private void unregister(ObjectName name) throws JMException {
    if (server.isRegistered(name)) {
      server.unregisterMBean(name);
    }
  }

  /** Kafka topic names never need quoting in an ObjectName; anything else is quoted. */
  static String value(String s) {
    return s.matches("[A-Za-z0-9._-]+") ? s : ObjectName.quote(s);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static final class BrokerLatency implements BrokerLatencyMBean {
    private final String metric;
    private volatile LatencySummary last = new LatencySummary(0, 0, 0, 0, 0);
    private volatile long total;

    BrokerLatency(String metric) {
      this.metric = metric;
    }

    void update(LatencySummary s) {
      last = s;
      total += s.count(); // one writer: the aggregator thread
    }

    @Override
    public String getMetric() {
      return metric;
    }

    @Override
    public long getCount() {
      return last.count();
    }

    @Override
    public long getTotalCount() {
      return total;
    }

    @Override
    public double getP50Ms() {
      return millis(last.p50());
    }

    @Override
    public double getP99Ms() {
      return millis(last.p99());
    }

    @Override
    public double getP999Ms() {
      return millis(last.p999());
    }

    @Override
    public double getMaxMs() {
      return millis(last.max());
    }
  }

  private record WorstValues(
      int rank, String topic, int partition, String metric, LatencySummary s) {}

  private static final class Worst implements WorstPartitionMBean {
    volatile WorstValues values;
    ObjectName name;

    Worst(WorstValues values, ObjectName name) {
      this.values = values;
      this.name = name;
    }

    @Override
    public int getRank() {
      return values.rank();
    }

    @Override
    public String getTopic() {
      return values.topic();
    }

    @Override
    public int getPartition() {
      return values.partition();
    }

    @Override
    public String getMetric() {
      return values.metric();
    }

    @Override
    public long getCount() {
      return values.s().count();
    }

    @Override
    public double getP99Ms() {
      return millis(values.s().p99());
    }

    @Override
    public double getMaxMs() {
      return millis(values.s().max());
    }
  }
}

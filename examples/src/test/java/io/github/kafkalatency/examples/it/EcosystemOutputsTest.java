package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import jdk.jfr.consumer.RecordingFile;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.io.IOToolkit;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.ContentType;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.JfrAttributes;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.internal.EventArray;
import org.openjdk.jmc.flightrecorder.internal.EventArrays;
import org.openjdk.jmc.flightrecorder.internal.FlightRecordingLoader;
import org.openjdk.jmc.flightrecorder.parser.ParserExtensionRegistry;

/**
 * The outputs other tools read, from one real broker run with only the agent attached (no {@code
 * -XX:StartFlightRecording}): the agent's own JFR recording, opened with the parser JDK Mission
 * Control uses; the .hlog interval log, read back with HdrHistogram's own reader and log processor
 * and checked against the summary lines; and the MBeans, read over remote JMX while the broker is
 * under load.
 */
class EcosystemOutputsTest {
  private static final int INTERVAL_SECONDS = 2;
  private static final int PARTITIONS = 3;
  private static final Pattern SUMMARY =
      Pattern.compile(
          "kafka\\.latency\\.agent\\.summary - interval \\d+s: (.*)$", Pattern.MULTILINE);
  private static final Pattern APPEND_FIGURES =
      Pattern.compile("(?:^|; )append n=(\\d+) p50=(\\S+) p99=(\\S+) p999=(\\S+) max=([^;\\s]+)");

  @TempDir Path out;

  @Test
  void recordingHlogAndMBeansFromOneBrokerRun() throws Exception {
    Path recordingDir = Files.createDirectory(out.resolve("jfr"));
    Path hlogDir = Files.createDirectory(out.resolve("hlog"));
    int jmxPort = freePort();
    String output;
    long sentWhileWatched;
    try (KafkaBroker broker =
        KafkaBroker.builder()
            .agentArgs(
                "intervalSeconds="
                    + INTERVAL_SECONDS
                    + ",thresholdMs=0,recording="
                    + recordingDir
                    + ",hlog="
                    + hlogDir)
            .jvmArg("-Dcom.sun.management.jmxremote.port=" + jmxPort)
            .jvmArg("-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort)
            .jvmArg("-Dcom.sun.management.jmxremote.authenticate=false")
            .jvmArg("-Dcom.sun.management.jmxremote.ssl=false")
            .jvmArg("-Dcom.sun.management.jmxremote.host=127.0.0.1")
            .jvmArg("-Djava.rmi.server.hostname=127.0.0.1")
            .start()) {
      String bootstrap = broker.bootstrapServers();
      Clients.createTopic(bootstrap, "eco", PARTITIONS);
      broker.awaitOutput(
          Pattern.compile("JFR recording 'kafka-latency-agent' started"), Duration.ofSeconds(30));

      JMXServiceURL url =
          new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
      try (JMXConnector jmx = JMXConnectorFactory.connect(url);
          KafkaProducer<String, String> producer = Clients.producer(bootstrap, "1")) {
        MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
        ObjectName append = new ObjectName("kafka.latency:type=BrokerLatency,metric=append");
        awaitSummaries(broker, 1); // the MBeans are registered at the end of the first interval
        assertTrue(mbeans.isRegistered(append), "BrokerLatency MBean for append");

        // 4. Under load the MBeans move: every synchronous send is one append, counted in
        // TotalCount.
        long before = (Long) mbeans.getAttribute(append, "TotalCount");
        sentWhileWatched = 0;
        double maxP99 = 0;
        long maxCount = 0;
        Set<String> worstTopics = new java.util.TreeSet<>();
        long end = System.nanoTime() + Duration.ofSeconds(3 * INTERVAL_SECONDS).toNanos();
        while (System.nanoTime() < end) {
          for (int i = 0; i < 20; i++) {
            producer
                .send(new ProducerRecord<>("eco", (int) (sentWhileWatched % PARTITIONS), "k", "v"))
                .get();
            sentWhileWatched++;
          }
          maxP99 = Math.max(maxP99, (Double) mbeans.getAttribute(append, "P99Ms"));
          maxCount = Math.max(maxCount, (Long) mbeans.getAttribute(append, "Count"));
          for (ObjectName w :
              mbeans.queryNames(new ObjectName("kafka.latency:type=WorstPartitions,*"), null)) {
            try {
              assertEquals(w.getKeyProperty("topic"), mbeans.getAttribute(w, "Topic"));
              assertEquals(
                  Integer.parseInt(w.getKeyProperty("partition")),
                  mbeans.getAttribute(w, "Partition"));
            } catch (javax.management.InstanceNotFoundException reRanked) {
              continue; // the interval ended between the query and the read: ranks are
              // re-registered
            }
            worstTopics.add(w.getKeyProperty("topic"));
          }
        }
        awaitSummaries(
            broker, summaries(broker.output()) + 2); // the sends are in finished intervals
        long after = (Long) mbeans.getAttribute(append, "TotalCount");
        System.out.printf(
            "JMX: append TotalCount %d -> %d after %d sends; max Count %d, max P99Ms %.3f;"
                + " worst partitions' topics %s%n",
            before, after, sentWhileWatched, maxCount, maxP99, worstTopics);
        assertTrue(
            after - before >= sentWhileWatched,
            "TotalCount grew by the appends sent: " + before + " -> " + after);
        assertTrue(maxCount > 0 && maxP99 > 0, "per-interval Count and P99Ms under load");
        assertTrue(
            worstTopics.contains("eco"),
            "a partition of the loaded topic among the worst: " + worstTopics);
        assertTrue(
            mbeans.queryNames(new ObjectName("kafka.latency:type=WorstPartitions,*"), null).size()
                <= 5,
            "bounded by topPartitions");
      }
      broker.stop();
      output = broker.output();
    }
    assertFalse(output.contains("failed and is off"), "an agent part turned itself off");

    // 1. The recording, dumped at exit into the configured directory, holds the agent's events.
    List<Path> recordings;
    try (Stream<Path> files = Files.list(recordingDir)) {
      recordings = files.collect(Collectors.toList());
    }
    assertEquals(1, recordings.size(), "one file in the recording dir: " + recordings);
    Path jfr = recordings.get(0);
    assertTrue(
        jfr.getFileName().toString().matches("kafka-latency-\\d{8}-\\d{6}-\\d+\\.jfr"),
        jfr.toString());
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(jfr)));
    Map<String, Long> jdkCounts =
        RecordingFile.readAllEvents(jfr).stream()
            .collect(Collectors.groupingBy(e -> e.getEventType().getName(), Collectors.counting()));
    System.out.println(
        "recording "
            + jfr
            + " ("
            + Files.size(jfr) / 1024
            + " KB): "
            + jdkCounts.entrySet().stream()
                .filter(e -> e.getKey().startsWith("kafkalatency."))
                .collect(Collectors.toList()));
    for (String type :
        List.of("LogAppend", "LogLockHold", "LogFileOperation", "PartitionLatency")) {
      assertTrue(
          jdkCounts.getOrDefault("kafkalatency." + type, 0L) > 0,
          "kafkalatency." + type + " events");
    }
    assertTrue(
        jdkCounts.getOrDefault("jdk.GarbageCollection", 0L)
                + jdkCounts.getOrDefault("jdk.CPULoad", 0L)
            > 0,
        "the JDK's default events too");

    // 2. Mission Control's parser: types come back with the Kafka category, labels, descriptions,
    // units.
    EventArrays arrays;
    try (InputStream in = IOToolkit.openUncompressedStream(jfr.toFile())) {
      arrays =
          FlightRecordingLoader.loadStream(
              in, ParserExtensionRegistry.getParserExtensions(), false, true);
    }
    Map<String, EventArray> agentTypes = new HashMap<>();
    for (EventArray a : arrays.getArrays()) {
      if (a.getType().getIdentifier().startsWith("kafkalatency.")) {
        agentTypes.put(a.getType().getIdentifier(), a);
      }
    }
    for (String type :
        List.of("LogAppend", "LogLockHold", "LogFileOperation", "PartitionLatency")) {
      EventArray a = agentTypes.get("kafkalatency." + type);
      assertNotNull(a, "Mission Control sees kafkalatency." + type + ": " + agentTypes.keySet());
      assertEquals(
          "Kafka",
          a.getTypeCategory()[0],
          type + " category " + String.join("/", a.getTypeCategory()));
      assertFalse(a.getType().getName().isBlank(), type + " label");
      assertFalse(
          a.getType().getName().equals(a.getType().getIdentifier()),
          type + " has a label of its own");
      assertNotNull(a.getType().getDescription(), type + " description");
      assertTrue(a.getEvents().length > 0, type + " events");
    }
    assertEquals("Log Append", agentTypes.get("kafkalatency.LogAppend").getType().getName());
    assertEquals(
        List.of("Kafka", "Log"),
        List.of(agentTypes.get("kafkalatency.LogAppend").getTypeCategory()));
    IType<IItem> latency = agentTypes.get("kafkalatency.PartitionLatency").getType();
    assertEquals(UnitLookup.TIMESPAN, contentType(latency, "p99"), "p99 is a timespan");
    assertEquals(UnitLookup.TIMESPAN, contentType(latency, "max"), "max is a timespan");
    assertEquals(UnitLookup.MEMORY, contentType(latency, "bytes"), "bytes is a data amount");
    assertEquals(
        UnitLookup.MEMORY,
        contentType(agentTypes.get("kafkalatency.LogAppend").getType(), "bytes"));
    assertEquals(
        UnitLookup.TIMESPAN,
        contentType(agentTypes.get("kafkalatency.LogFileOperation").getType(), "overlap"));

    // ... and the slow-operation events sit on the lanes of the threads that did the work, with
    // their duration.
    IItemCollection items = JfrLoaderToolkit.loadEvents(jfr.toFile());
    Map<String, Long> appendThreads = new HashMap<>();
    long withDuration = 0;
    for (IItemIterable it : items.apply(ItemFilters.type("kafkalatency.LogAppend"))) {
      IMemberAccessor<IMCThread, IItem> thread =
          JfrAttributes.EVENT_THREAD.getAccessor(it.getType());
      IMemberAccessor<IQuantity, IItem> duration = JfrAttributes.DURATION.getAccessor(it.getType());
      for (IItem item : it) {
        appendThreads.merge(
            thread.getMember(item).getThreadName().replaceAll("\\d+$", "N"), 1L, Long::sum);
        if (duration.getMember(item).longValueIn(UnitLookup.NANOSECOND) > 0) {
          withDuration++;
        }
      }
    }
    System.out.println(
        "LogAppend events by thread: " + appendThreads + ", " + withDuration + " with a duration");
    assertTrue(
        appendThreads.getOrDefault("data-plane-kafka-request-handler-N", 0L) >= sentWhileWatched,
        "every produce append on a request handler's lane: " + appendThreads);
    assertTrue(withDuration > 0, "back-dated to their measured start and duration");

    // 3. The .hlog, read back with HdrHistogram's reader, gives the summary line's figures.
    Path hlog = hlogDir.resolve("kafka-latency.hlog");
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(hlog)));
    List<Histogram> brokerAppend = new ArrayList<>();
    Set<String> tags = new java.util.TreeSet<>();
    HistogramLogReader reader = new HistogramLogReader(hlog.toString());
    try {
      EncodableHistogram h;
      while ((h = reader.nextIntervalHistogram()) != null) {
        tags.add(h.getTag());
        if ("broker/append".equals(h.getTag())) {
          brokerAppend.add((Histogram) h);
        }
      }
    } finally {
      reader.close();
    }
    for (int p = 0; p < PARTITIONS; p++) {
      assertTrue(
          tags.contains("eco-" + p + "/append") && tags.contains("eco-" + p + "/write"),
          "tags " + tags);
    }
    List<String[]> summaries = new ArrayList<>();
    Matcher m = SUMMARY.matcher(output);
    while (m.find()) {
      Matcher a = APPEND_FIGURES.matcher(m.group(1));
      if (a.find()) {
        summaries.add(new String[] {a.group(1), a.group(2), a.group(3), a.group(4), a.group(5)});
      }
    }
    int offset = alignment(summaries, brokerAppend);
    int compared = 0;
    for (int i = 0; i < summaries.size(); i++) {
      int j = i + offset;
      if (j < 0 || j >= brokerAppend.size()) {
        continue;
      }
      String[] s = summaries.get(i);
      Histogram h = brokerAppend.get(j);
      assertEquals(Long.parseLong(s[0]), h.getTotalCount(), "count of interval " + i);
      assertWithin(s[1], h.getValueAtPercentile(50), "p50 of interval " + i);
      assertWithin(s[2], h.getValueAtPercentile(99), "p99 of interval " + i);
      assertWithin(s[3], h.getValueAtPercentile(99.9), "p999 of interval " + i);
      assertWithin(s[4], h.getMaxValue(), "max of interval " + i);
      compared++;
    }
    System.out.println(
        ".hlog: "
            + brokerAppend.size()
            + " broker/append intervals, "
            + summaries.size()
            + " summary lines with appends, "
            + compared
            + " compared (offset "
            + offset
            + "); tags "
            + tags);
    assertTrue(compared >= 3, "intervals compared: " + compared);

    // ... and HistogramLogProcessor, the log's own command-line tool, reads the same counts.
    Path processed = out.resolve("broker-append");
    new HistogramLogProcessor(
            new String[] {
              "-i", hlog.toString(), "-tag", "broker/append", "-csv", "-o", processed.toString()
            })
        .run();
    List<Long> processorCounts =
        Files.readAllLines(processed, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.startsWith("#") && !l.startsWith("\""))
            .map(l -> Long.parseLong(l.split(",")[1]))
            .collect(Collectors.toList());
    assertEquals(
        brokerAppend.stream().map(Histogram::getTotalCount).collect(Collectors.toList()),
        processorCounts);
  }

  /**
   * The offset between summary lines and .hlog intervals at which every overlapping count agrees.
   */
  private static int alignment(List<String[]> summaries, List<Histogram> hlog) {
    for (int offset = 0; offset <= 3; offset++) {
      for (int sign : new int[] {1, -1}) {
        int o = offset * sign;
        int overlap = 0;
        boolean agree = true;
        for (int i = 0; i < summaries.size(); i++) {
          int j = i + o;
          if (j >= 0 && j < hlog.size()) {
            overlap++;
            agree &= Long.parseLong(summaries.get(i)[0]) == hlog.get(j).getTotalCount();
          }
        }
        if (agree && overlap >= 3) {
          return o;
        }
      }
    }
    throw new AssertionError(
        "summary lines and .hlog intervals never agree on the append counts: "
            + summaries.stream().map(s -> s[0]).collect(Collectors.toList())
            + " vs "
            + hlog.stream().map(Histogram::getTotalCount).collect(Collectors.toList()));
  }

  /**
   * The summary prints nanoseconds via Durations.format: exact below 1 us, whole microseconds
   * (truncated) below 1 ms, one decimal of a millisecond (rounded) below 10 ms, whole milliseconds
   * (truncated) below 1 s, one decimal of a second (rounded) above. The value must lie in the range
   * the printed figure stands for.
   */
  private static void assertWithin(String printed, long nanos, String what) {
    Matcher m = Pattern.compile("([0-9.]+)(ns|us|ms|s)").matcher(printed);
    assertTrue(m.matches(), printed);
    double v = Double.parseDouble(m.group(1));
    double lo;
    double hi;
    switch (m.group(2)) {
      case "ns":
        lo = v;
        hi = v + 1;
        break;
      case "us":
        lo = v * 1e3;
        hi = lo + 1e3;
        break;
      case "ms":
        if (m.group(1).contains(".")) {
          lo = (v - 0.05) * 1e6;
          hi = (v + 0.05) * 1e6 + 1;
        } else {
          lo = v * 1e6;
          hi = lo + 1e6;
        }
        break;
      default:
        lo = (v - 0.05) * 1e9;
        hi = (v + 0.05) * 1e9 + 1;
        break;
    }
    assertTrue(nanos >= lo && nanos < hi, what + ": .hlog " + nanos + " ns, summary " + printed);
  }

  private static ContentType<?> contentType(IType<IItem> type, String field) {
    for (IAccessorKey<?> k : type.getAccessorKeys().keySet()) {
      if (k.getIdentifier().equals(field)) {
        return k.getContentType();
      }
    }
    throw new AssertionError(type.getIdentifier() + " has no field " + field);
  }

  private static int summaries(String output) {
    Matcher m = SUMMARY.matcher(output);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static void awaitSummaries(KafkaBroker broker, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10L * INTERVAL_SECONDS + 10).toNanos();
    while (summaries(broker.output()) < count) {
      assertTrue(System.nanoTime() < deadline, "summary line " + count + " never came");
      Thread.sleep(100);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

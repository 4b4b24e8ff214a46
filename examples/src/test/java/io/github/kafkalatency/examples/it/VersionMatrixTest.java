package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.kafkalatency.examples.broker.BrokerMode;
import io.github.kafkalatency.examples.broker.KafkaBroker;
import io.github.kafkalatency.examples.broker.KafkaRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Kafka release line the agent supports (the latest patch of each, 2.4 to 4.4), in ZooKeeper
 * mode up to 3.9 and in KRaft mode from 3.3, on the JDKs it supports, each on one real broker with
 * a PLAINTEXT and an SSL listener: the agent starts, finds every hook's target ({@code not found:
 * none}), and measures append, log-lock wait and hold, write and {@code transferTo} (plaintext
 * fetch, sendfile) for each partition of a produced and consumed topic, then {@code read} and no
 * {@code transferTo} while a TLS consumer reads the same partitions (SslTransportLayer copies the
 * file through the SSLEngine instead of using sendfile), with no instrumentation error in the
 * broker's output; and the log-lock hook wrapped every {@code monitorenter} of the log class, as
 * many as {@code javap -c} of the broker's own jar counts. One broker per row serves all its
 * checks, so a row costs 15-25 s on 2 cores; each row prints one line (version, mode, JDK, hooks
 * found, monitors placed, seconds), and the class prints them all at the end.
 *
 * <p>JDK 17 is this JVM's (or {@code -Dkla.jdk17Home}); JDK 25 is {@code -Dkla.jdk25Home}, by
 * default Temurin's Debian path. A row whose JDK is not installed is skipped, saying so.
 */
class VersionMatrixTest {
  private static final String TOPIC = "matrix";
  private static final int PARTITIONS = 2;

  /**
   * Eight synchronous producers, four per partition: handlers queue on each partition's log lock.
   */
  private static final int PRODUCERS = 8;

  private static final int SENDS_PER_ROUND = 60;
  private static final int MAX_ROUNDS = 6;

  /** About 1 KB a record, so that a TLS fetch of a partition takes many reads. */
  private static final String VALUE = "v".repeat(1000);

  /**
   * The size of SslTransportLayer's file buffer, in every version from 2.4 to 4.4: at most this
   * much a read.
   */
  private static final int TLS_READ_BYTES = 32 * 1024;

  private static final Pattern SUMMARY =
      Pattern.compile("kafka\\.latency\\.agent\\.summary - interval 2s: ");
  private static final Pattern HOOKS =
      Pattern.compile("kafka\\.latency\\.agent - (hooks found: .*)");
  private static final Pattern START =
      Pattern.compile(
          "kafka-latency-agent \\S+ started: JDK (\\S+), Kafka (\\S+),"
              + " hooks (.*), interval .*");

  /** The hooks every supported version must place; the start line may name more. */
  private static final List<String> REQUIRED_HOOKS =
      List.of("log-append", "log-lock", "partition-lock", "file-io");

  private static final List<String> TIMES = new ArrayList<>();

  @TempDir static Path keys;
  private static TlsKeys tls;

  /**
   * All rows, or those named in {@code -Dkla.matrix=4.4.0@17,3.9.2@25,2.4.1-zk@17} to rerun a few
   * ({@code -zk}: ZooKeeper mode).
   */
  static Stream<Arguments> rows() {
    Set<String> only = Set.of(System.getProperty("kla.matrix", "").split(","));
    Stream<Arguments> zooKeeper =
        Stream.of(
                "2.4.1", "2.5.1", "2.6.3", "2.7.2", "2.8.2", "3.0.2", "3.1.2", "3.2.3", "3.3.2",
                "3.4.1", "3.5.2", "3.6.2", "3.7.2", "3.8.1", "3.9.2")
            .map(v -> arguments(v, BrokerMode.ZOOKEEPER, 17));
    Stream<Arguments> kraft =
        Stream.of(
                "3.3.2", "3.4.1", "3.5.2", "3.6.2", "3.7.2", "3.8.1", "3.9.2", "4.0.0", "4.0.2",
                "4.1.2", "4.2.2", "4.3.1", "4.4.0")
            .map(v -> arguments(v, BrokerMode.KRAFT, 17));
    Stream<Arguments> jdk25 =
        Stream.of("3.9.2", "4.4.0").map(v -> arguments(v, BrokerMode.KRAFT, 25));
    return Stream.of(zooKeeper, kraft, jdk25)
        .flatMap(r -> r)
        .filter(a -> only.equals(Set.of("")) || only.contains(key(a)));
  }

  private static String key(Arguments row) {
    Object[] a = row.get();
    return a[0] + (a[1] == BrokerMode.ZOOKEEPER ? "-zk" : "") + "@" + a[2];
  }

  /**
   * A self-signed broker key for 127.0.0.1, and a trust store holding its certificate for the
   * clients.
   */
  @BeforeAll
  static void makeKeys() throws Exception {
    tls = TlsKeys.make(keys);
  }

  @AfterAll
  static void printTimes() {
    System.out.println("Version matrix wall times:");
    TIMES.forEach(t -> System.out.println("  " + t));
  }

  @ParameterizedTest(name = "Kafka {0} {1} on JDK {2}")
  @MethodSource("rows")
  void everyPartitionIsMeasuredOverPlaintextAndTls(String version, BrokerMode mode, int jdk)
      throws Exception {
    Path javaHome = javaHome(jdk);
    long t0 = System.nanoTime();
    String output;
    List<RecordedEvent> latency;
    int[] sent = new int[PARTITIONS];
    long[] logBytes = new long[PARTITIONS];
    int rounds;
    Duration startup;
    Instant tlsFrom;
    String classPath;
    try (KafkaBroker broker =
        KafkaBroker.builder()
            .kafkaVersion(version)
            .mode(mode)
            .javaHome(javaHome)
            .agentArgs("intervalSeconds=2,topPartitions=10")
            .jvmArg(
                "-XX:StartFlightRecording=filename=recording.jfr,dumponexit=true,settings=default")
            .tls(tls.keystore(), tls.password())
            .start()) {
      startup = broker.startupTime();
      classPath = KafkaRuntime.resolve(version).classPath();
      String bootstrap = broker.bootstrapServers();
      Clients.createTopic(bootstrap, TOPIC, PARTITIONS);

      // Produce in rounds until the summaries show lock waits on every partition (usually after the
      // first).
      List<KafkaProducer<String, String>> producers = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS);
      try {
        for (int w = 0; w < PRODUCERS; w++) {
          producers.add(Clients.producer(bootstrap, "1"));
        }
        rounds = 0;
        while (rounds < MAX_ROUNDS && !lockWaitsOnEveryPartition(broker.output())) {
          int summaries = count(SUMMARY, broker.output());
          List<Future<?>> done = new ArrayList<>();
          for (int w = 0; w < PRODUCERS; w++) {
            KafkaProducer<String, String> p = producers.get(w);
            int partition = w % PARTITIONS;
            done.add(
                pool.submit(
                    () -> {
                      for (int i = 0; i < SENDS_PER_ROUND; i++) {
                        p.send(new ProducerRecord<>(TOPIC, partition, "k" + i, VALUE)).get();
                      }
                      return null;
                    }));
          }
          for (Future<?> f : done) {
            f.get();
          }
          for (int w = 0; w < PRODUCERS; w++) {
            sent[w % PARTITIONS] += SENDS_PER_ROUND;
          }
          rounds++;
          awaitSummaries(broker, summaries + 1); // the round is in a finished interval
        }
      } finally {
        producers.forEach(KafkaProducer::close);
        pool.shutdown();
      }
      int total = sent[0] + sent[1];
      for (int p = 0; p < PARTITIONS; p++) {
        logBytes[p] = logBytes(broker.logDir().resolve(TOPIC + "-" + p));
      }

      // Plaintext fetch: sendfile (transferTo) on the network thread.
      assertEquals(
          total,
          Clients.consumeAll(bootstrap, TOPIC, total, Duration.ofSeconds(60)).size(),
          "records consumed over PLAINTEXT");
      // TLS fetch, in intervals of its own: FileChannel.read into a 32 KiB buffer, then through the
      // SSLEngine.
      awaitSummaries(broker, count(SUMMARY, broker.output()) + 1);
      Thread.sleep(200); // clear of the interval that just ended, whatever the skew of JFR's clock
      tlsFrom = Instant.now();
      assertEquals(
          total,
          Clients.consumeAll(
                  broker.sslBootstrapServers(), tlsClient(), TOPIC, total, Duration.ofSeconds(60))
              .size(),
          "records consumed over SSL");
      awaitSummaries(
          broker, count(SUMMARY, broker.output()) + 2); // the fetches are in a finished interval
      broker.stop();
      output = broker.output();
      latency =
          Recordings.agentEvents(broker.workDir().resolve("recording.jfr"), "PartitionLatency");
    }

    String row = "Kafka " + version + " " + mode.label() + " on JDK " + jdk;
    Instant split = tlsFrom;
    List<RecordedEvent> plain =
        latency.stream().filter(e -> !e.getEndTime().isAfter(split)).collect(Collectors.toList());
    List<RecordedEvent> tls =
        latency.stream().filter(e -> e.getEndTime().isAfter(split)).collect(Collectors.toList());
    StringBuilder counts = new StringBuilder();
    for (int p = 0; p < PARTITIONS; p++) {
      counts.append(p == 0 ? "" : "; ").append(TOPIC).append('-').append(p);
      for (String metric :
          List.of("append", "lock-wait", "lock-hold", "write", "transferTo", "force")) {
        counts
            .append(' ')
            .append(metric)
            .append('=')
            .append(Recordings.count(plain, TOPIC, p, metric));
      }
      counts
          .append(", then over TLS: read=")
          .append(Recordings.count(tls, TOPIC, p, "read"))
          .append(" (")
          .append(logBytes[p])
          .append(" bytes) transferTo=")
          .append(Recordings.count(tls, TOPIC, p, "transferTo"));
    }
    hookLines(output).forEach(l -> System.out.println(row + ": " + l));
    System.out.println(row + ": " + rounds + " round(s); " + counts);

    assertCleanStart(output, version, jdk);
    for (int p = 0; p < PARTITIONS; p++) {
      String where = row + ", " + TOPIC + "-" + p + ": ";
      assertEquals(
          sent[p], Recordings.count(plain, TOPIC, p, "append"), where + "one append per send");
      assertEquals(
          0, Recordings.count(tls, TOPIC, p, "append"), where + "no appends while consuming");
      for (String metric : List.of("lock-wait", "lock-hold", "write", "transferTo")) {
        assertTrue(
            Recordings.count(plain, TOPIC, p, metric) > 0, where + metric + " measured; " + counts);
      }
      assertTrue(
          Recordings.count(plain, TOPIC, p, "lock-hold") >= sent[p], where + "a hold per append");
      assertTrue(
          Recordings.count(plain, TOPIC, p, "write") >= sent[p], where + "a write per append");
      if (tlsFetchIsTransferTo(version)) {
        // 2.4's SslTransportLayer.transferFrom hands the file to FileChannel.transferTo with itself
        // as the target,
        // which the JDK serves by copying through a buffer: still a transferTo, but not sendfile.
        assertTrue(
            Recordings.count(tls, TOPIC, p, "transferTo") > 0,
            where + "TLS fetch transferTo; " + counts);
        continue;
      }
      // The TLS consumer read the whole log through 32 KiB reads, and never with sendfile.
      assertEquals(
          0,
          Recordings.count(tls, TOPIC, p, "transferTo"),
          where + "no sendfile over TLS; " + counts);
      assertTrue(
          Recordings.count(tls, TOPIC, p, "read") >= logBytes[p] / TLS_READ_BYTES,
          where + "TLS fetch reads of the log; " + counts);
    }

    // Every monitorenter of the log class is wrapped: as many as javap counts in the broker's own
    // jar.
    Matcher placed = Pattern.compile("log-lock (\\w+) x(\\d+)").matcher(lastPlacement(output));
    assertTrue(placed.find(), row + ": log-lock placed: " + lastPlacement(output));
    int[] javap = MonitorCount.of(classPath, placed.group(1));
    assertEquals(
        javap[0],
        Integer.parseInt(placed.group(2)),
        row
            + ": monitors placed vs javap's monitorenter count"
            + " ("
            + javap[1]
            + " on the lock)");
    assertTrue(
        javap[1] > 0 && javap[1] >= javap[0] - 1,
        row + ": all but the lazy logger's are on the lock");

    String hooks = hookLines(output).get(0);
    String time =
        String.format(
            "%s: hooks found %s; monitors placed %s (javap: %d monitorenter, %d on the lock);"
                + " %.0f s (broker start %.1f s)",
            row,
            hooks
                .substring("hooks found: ".length(), hooks.indexOf(';'))
                .replaceAll(" \\(placed so far.*", ""),
            placed.group(1) + " x" + placed.group(2),
            javap[0],
            javap[1],
            (System.nanoTime() - t0) / 1e9,
            startup.toMillis() / 1e3);
    TIMES.add(time);
    System.out.println(time);
  }

  /**
   * Kafka 2.4 (kafka-clients 2.4's SslTransportLayer); from 2.5 it reads the file into its own
   * buffer.
   */
  private static boolean tlsFetchIsTransferTo(String version) {
    return version.startsWith("2.4.");
  }

  /**
   * The latest statement of where hooks were placed: a "hooks placed" line, or the hooks statement.
   */
  private static String lastPlacement(String output) {
    String last = "";
    Matcher m =
        Pattern.compile("kafka\\.latency\\.agent - (hooks placed: .*|hooks found: .*)")
            .matcher(output);
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  /**
   * A hook left out (here with {@code disableHooks}, as if its target had not been found) costs
   * only its own metric: the start line names it, the hooks statement lists it as disabled and the
   * others as found, there is no stack trace, and the other hooks keep measuring.
   */
  @Test
  void aHookLeftOutIsNamedAndTheOthersKeepMeasuring() throws Exception {
    String output;
    List<RecordedEvent> latency;
    int n = 100;
    try (KafkaBroker broker =
        KafkaBroker.builder()
            .kafkaVersion("4.4.0")
            .agentArgs("intervalSeconds=2,disableHooks=partition-lock")
            .jvmArg(
                "-XX:StartFlightRecording=filename=recording.jfr,dumponexit=true,settings=default")
            .start()) {
      String bootstrap = broker.bootstrapServers();
      Clients.createTopic(bootstrap, "partial", 1);
      try (KafkaProducer<String, String> p = Clients.producer(bootstrap, "1")) {
        for (int i = 0; i < n; i++) {
          p.send(new ProducerRecord<>("partial", 0, "k", "v" + i)).get();
        }
      }
      assertEquals(n, Clients.consumeAll(bootstrap, "partial", n, Duration.ofSeconds(60)).size());
      awaitSummaries(broker, count(SUMMARY, broker.output()) + 2);
      broker.stop();
      output = broker.output();
      latency =
          Recordings.agentEvents(broker.workDir().resolve("recording.jfr"), "PartitionLatency");
    }
    output
        .lines()
        .filter(l -> l.contains("latency-agent") || l.contains("kafka.latency.agent -"))
        .forEach(l -> System.out.println("disableHooks=partition-lock: " + l));

    Matcher start = START.matcher(output);
    assertTrue(start.find(), "start line");
    List<String> armed = List.of(start.group(3).split(", "));
    assertFalse(armed.contains("partition-lock"), start.group());
    assertTrue(start.group().contains("disableHooks=partition-lock"), start.group());
    assertTrue(armed.containsAll(List.of("log-append", "log-lock", "file-io")), start.group());
    List<String> hooks = hookLines(output);
    assertEquals(1, hooks.size(), "one hooks statement: " + hooks);
    String line = hooks.get(0);
    assertTrue(line.endsWith("; not found: none; disabled: partition-lock"), line);
    int so = line.indexOf(" (placed so far");
    String found = line.substring("hooks found: ".length(), so < 0 ? line.indexOf(';') : so);
    assertTrue(
        List.of(found.split(", ")).containsAll(List.of("log-append", "log-lock", "file-io")), line);
    assertFalse(found.contains("partition-lock"), line);
    assertFalse(output.contains("failed and is off"), "an agent part turned itself off");
    assertFalse(
        Pattern.compile("^\\s+at io\\.github\\.kafkalatency", Pattern.MULTILINE)
            .matcher(output)
            .find(),
        "no stack trace from the agent");

    assertEquals(n, Recordings.count(latency, "partial", 0, "append"));
    for (String metric : List.of("lock-hold", "write", "transferTo")) {
      assertTrue(Recordings.count(latency, "partial", 0, metric) > 0, metric + " still measured");
    }
    assertEquals(
        0,
        latency.stream().filter(e -> "partition-lock-wait".equals(e.getString("metric"))).count(),
        "nothing measured by the hook left out");
  }

  /**
   * The agent's start line names this Kafka and JDK, every hook finds its target, and nothing
   * failed.
   */
  private static void assertCleanStart(String output, String version, int jdk) {
    List<String> starts =
        output
            .lines()
            .filter(l -> l.startsWith("kafka-latency-agent "))
            .collect(Collectors.toList());
    assertEquals(1, starts.size(), "one start line: " + starts);
    Matcher start = START.matcher(starts.get(0));
    assertTrue(start.matches(), starts.get(0));
    assertTrue(start.group(1).matches(jdk + "([.+].*)?"), "JDK " + jdk + ": " + start.group());
    assertEquals(version, start.group(2), start.group());
    List<String> armed = List.of(start.group(3).split(", "));
    assertTrue(armed.containsAll(REQUIRED_HOOKS), start.group());
    assertFalse(output.contains("outside the tested"), "a supported version was warned about");
    assertFalse(
        output.contains("safepoint counters are not readable"),
        "JVM pauses are attributed on JDK " + jdk);

    List<String> hooks = hookLines(output);
    assertEquals(1, hooks.size(), "one hooks statement: " + hooks);
    String line = hooks.get(0);
    assertTrue(line.endsWith("; not found: none; disabled: none"), line);
    int paren = line.indexOf(" (placed so far");
    String found = line.substring("hooks found: ".length(), paren < 0 ? line.indexOf(';') : paren);
    assertTrue(
        List.of(found.split(", ")).containsAll(armed),
        "every armed hook finds its target: " + line);

    assertFalse(
        output.contains("failed and is off") || output.contains("failed and are off"),
        "an agent part turned itself off:\n" + grep(output, "failed and"));
    assertFalse(
        output.contains("kafka-latency-agent: disabled"), grep(output, "kafka-latency-agent"));
    String errors =
        output
            .lines()
            .filter(
                l ->
                    l.contains("io.github.kafkalatency")
                        && (l.contains("Exception")
                            || l.contains("Error")
                            || l.strip().startsWith("at ")))
            .collect(Collectors.joining("\n"));
    assertEquals("", errors, "instrumentation errors in the broker output");
  }

  /** Every summary so far taken together shows a lock wait on each partition of the topic. */
  private static boolean lockWaitsOnEveryPartition(String output) {
    Set<Integer> waited = new TreeSet<>();
    Matcher m =
        Pattern.compile("\\b" + TOPIC + "-(\\d+) \\[[^\\]]*\\block-wait n=[1-9]").matcher(output);
    while (m.find()) {
      waited.add(Integer.parseInt(m.group(1)));
    }
    return waited.size() == PARTITIONS;
  }

  private static void awaitSummaries(KafkaBroker broker, int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (count(SUMMARY, broker.output()) < atLeast) {
      assertTrue(System.nanoTime() < deadline, "no summary line within 20 s");
      Thread.sleep(100);
    }
  }

  private static int count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static List<String> hookLines(String output) {
    List<String> out = new ArrayList<>();
    Matcher m = HOOKS.matcher(output);
    while (m.find()) {
      out.add(m.group(1).strip());
    }
    return out;
  }

  private static long logBytes(Path partitionDir) throws IOException {
    try (Stream<Path> files = Files.list(partitionDir)) {
      long total = 0;
      for (Path f : files.filter(f -> f.toString().endsWith(".log")).collect(Collectors.toList())) {
        total += Files.size(f);
      }
      return total;
    }
  }

  private static String grep(String output, String text) {
    return output.lines().filter(l -> l.contains(text)).collect(Collectors.joining("\n"));
  }

  private static Map<String, String> tlsClient() {
    return tls.clientProperties();
  }

  /** The JDK of that feature release, or the row is skipped when it is not installed. */
  private static Path javaHome(int feature) throws IOException {
    String configured = System.getProperty("kla.jdk" + feature + "Home");
    Path home;
    if (configured != null && !configured.isBlank()) {
      home = Path.of(configured);
    } else if (feature == Runtime.version().feature()) {
      home = Path.of(System.getProperty("java.home"));
    } else {
      home = Path.of("/usr/lib/jvm/temurin-" + feature + "-jdk-amd64");
    }
    Path release = home.resolve("release");
    assumeTrue(
        Files.isRegularFile(release),
        "JDK " + feature + " not installed at " + home + " (set -Dkla.jdk" + feature + "Home)");
    String text = Files.readString(release, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(text);
    assumeTrue(
        m.find() && Integer.parseInt(m.group(1)) == feature, home + " is not JDK " + feature);
    return home;
  }
}

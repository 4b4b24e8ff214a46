package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.kafkalatency.examples.broker.BrokerMode;
import io.github.kafkalatency.examples.broker.KafkaBroker;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The instrumented lock sites stay compilable: HotSpot compiles a method only if its locking is
 * provably structured, and a probe call in the wrong place makes C1 or C2 give up on it, so that
 * {@code UnifiedLog.append} and every other method taking the log lock run interpreted. Runs a
 * broker with {@code -XX:+PrintCompilation} under produce load and reads its compilation log. 3.9.2
 * is scalac's bytecode for {@code lock synchronized}, 4.4.0 javac's; 2.8.2 ({@code kafka.log.Log})
 * and 3.6.2 are run in ZooKeeper mode, the mode most brokers of those lines run in.
 */
class JitCompilationTest {
  /** A compilation of a Kafka log class that HotSpot gave up on, except the transient reasons. */
  private static final Pattern SKIPPED_LOG_METHOD =
      Pattern.compile(
          ".*(kafka\\.log\\.|org\\.apache\\.kafka\\.storage\\.internals\\.log\\.)\\S+::.*COMPILE"
              + " SKIPPED: (?!Jvmti state change|concurrent class loading).*");

  /**
   * A compilation of {@code Log.append} or {@code UnifiedLog.append} (C2 may also inline it into
   * its caller).
   */
  private static final Pattern APPEND_COMPILED =
      Pattern.compile(".*\\S*(UnifiedLog|\\.Log)::append \\(\\d+ bytes\\)\\s*$");

  static Stream<Arguments> brokers() {
    return Stream.of(
        arguments("3.9.2", BrokerMode.KRAFT),
        arguments("4.4.0", BrokerMode.KRAFT),
        arguments("2.8.2", BrokerMode.ZOOKEEPER),
        arguments("3.6.2", BrokerMode.ZOOKEEPER));
  }

  @ParameterizedTest(name = "Kafka {0} {1}")
  @MethodSource("brokers")
  void methodsTakingTheLogLockAreCompiled(String version, BrokerMode mode) throws Exception {
    try (KafkaBroker broker =
        KafkaBroker.builder()
            .kafkaVersion(version)
            .mode(mode)
            .jvmArg("-XX:+PrintCompilation")
            .start()) {
      Clients.createTopic(broker.bootstrapServers(), "jit", 1);
      long end = System.nanoTime() + 15_000_000_000L;
      int sent = 0;
      try (KafkaProducer<String, String> p = Clients.producer(broker.bootstrapServers(), "1")) {
        while (System.nanoTime() < end) {
          p.send(new ProducerRecord<>("jit", "k", "v")).get(); // one append per request
          sent++;
        }
      }
      List<String> lines = broker.output().lines().toList();
      List<String> skipped =
          lines.stream().filter(l -> SKIPPED_LOG_METHOD.matcher(l).matches()).toList();
      assertEquals(
          List.of(), skipped, "log methods HotSpot would not compile, after " + sent + " appends");
      assertTrue(
          lines.stream().anyMatch(l -> APPEND_COMPILED.matcher(l).matches()),
          "the log's append was compiled after " + sent + " appends");
      System.out.println(
          "Kafka "
              + version
              + " "
              + mode.label()
              + ": no skipped log method, append compiled, after "
              + sent
              + " appends");
    }
  }
}

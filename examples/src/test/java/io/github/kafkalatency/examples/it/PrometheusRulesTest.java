package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/prometheus/kafka-latency-alerts.yml checked by Prometheus's own promtool: the rules
 * parse, and their unit tests (synthetic series in kafka-latency-alerts.test.yml) fire exactly the
 * expected alerts; a rule with a typo in a metric name is caught by those unit tests.
 */
class PrometheusRulesTest {
  private static final Path RULES = Path.of("prometheus", "kafka-latency-alerts.yml");
  private static final Path TESTS = Path.of("prometheus", "kafka-latency-alerts.test.yml");

  @BeforeAll
  static void needsPromtool() {
    FaultGate.needTool("promtool");
  }

  @Test
  void rulesParse() throws Exception {
    String out = promtool("check", "rules", RULES.toString());
    System.out.println(out);
    assertTrue(out.contains("SUCCESS: 7 rules found"), out);
  }

  @Test
  void rulesFireAsTheirUnitTestsExpect() throws Exception {
    String out = promtool("test", "rules", TESTS.toString());
    System.out.println(out);
    assertTrue(out.contains("SUCCESS"), out);
  }

  @Test
  void aMistypedMetricFailsTheUnitTests(@TempDir Path tmp) throws Exception {
    Files.writeString(
        tmp.resolve("kafka-latency-alerts.yml"),
        Files.readString(RULES).replace("kafka_latency_stalls_total", "kafka_latency_stall_total"));
    Files.copy(TESTS, tmp.resolve("kafka-latency-alerts.test.yml"));
    Process p =
        new ProcessBuilder("promtool", "test", "rules", "kafka-latency-alerts.test.yml")
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, p.exitValue(), out);
    assertTrue(out.contains("KafkaLogDirStall"), out);
  }

  private static String promtool(String... args) throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "promtool";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}

package io.github.kafkalatency.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The Java version gate of the class the JVM loads first (no JDK older than 17 is installable
 * here).
 */
class AgentMainTest {

  @Test
  void olderJvmsGetOneLineAndTheAgentIsOff() {
    assertEquals(
        "kafka-latency-agent: needs Java 17, this broker runs 8; the agent is off",
        AgentMain.refusal("1.8"));
    assertEquals(
        "kafka-latency-agent: needs Java 17, this broker runs 11; the agent is off",
        AgentMain.refusal("11"));
    assertEquals(
        "kafka-latency-agent: needs Java 17, this broker runs 16; the agent is off",
        AgentMain.refusal("16"));
  }

  @Test
  void java17AndLaterAndUnreadableVersionsGoOn() {
    assertNull(AgentMain.refusal("17"));
    assertNull(AgentMain.refusal("25"));
    assertNull(AgentMain.refusal(System.getProperty("java.specification.version")));
    assertNull(AgentMain.refusal(null));
    assertNull(AgentMain.refusal("eleven"));
  }

  /**
   * The premain on a faked Java 11: one line on stderr, nothing started, no exception to the JVM.
   */
  @Test
  void premainOnAnOlderJvmPrintsTheLineAndReturns() {
    String real = System.getProperty("java.specification.version");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setProperty("java.specification.version", "11");
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      AgentMain.premain(
          "", null); // a null Instrumentation would fail the launcher: it is never reached
    } finally {
      System.setErr(err);
      System.setProperty("java.specification.version", real);
    }
    assertEquals(
        "kafka-latency-agent: needs Java 17, this broker runs 11; the agent is off\n",
        captured.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theEntryClassIsJava8BytecodeAndTheLauncherIsNot() throws Exception {
    assertEquals(52, majorVersion(AgentMain.class));
    assertEquals(61, majorVersion(AgentLauncher.class));
  }

  static int majorVersion(Class<?> type) throws Exception {
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      DataInputStream data = new DataInputStream(in);
      data.readInt(); // magic
      data.readUnsignedShort(); // minor
      return data.readUnsignedShort();
    }
  }
}

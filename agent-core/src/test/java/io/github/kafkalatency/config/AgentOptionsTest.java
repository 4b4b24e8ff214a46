package io.github.kafkalatency.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentOptionsTest {

  @Test
  void defaultsWhenNoArguments() throws Exception {
    AgentOptions o = AgentOptions.parse(null);
    assertTrue(o.enabled());
    assertEquals(60, o.intervalSeconds());
    assertEquals(5_000_000L, o.thresholdNanos());
    assertEquals(1_000_000L, o.lockThresholdNanos());
    assertTrue(o.logDirs().isEmpty());
    assertTrue(o.hookEnabled("file-io"));
    assertEquals(o.intervalSeconds(), AgentOptions.parse("  ").intervalSeconds());
  }

  @Test
  void parsesEveryKind() throws Exception {
    AgentOptions o =
        AgentOptions.parse(
            "intervalSeconds=5,thresholdMs=10,lockThresholdMs=0,logDirs=/a;/b,disableHooks=file-io,enabled=true");
    assertEquals(5, o.intervalSeconds());
    assertEquals(10_000_000L, o.thresholdNanos());
    assertEquals(0L, o.lockThresholdNanos());
    assertEquals(java.util.List.of("/a", "/b"), o.logDirs());
    assertFalse(o.hookEnabled("file-io"));
    assertTrue(o.hookEnabled("log-lock"));
    assertTrue(o.given().contains("intervalSeconds=5,thresholdMs=10,lockThresholdMs=0"), o.given());
  }

  @Test
  void prometheusEndpointIsOffUnlessAPortIsGiven() throws Exception {
    assertEquals(0, AgentOptions.parse(null).prometheusPort());
    AgentOptions port = AgentOptions.parse("prometheus=9404,histogramTopics=orders;audit.v2");
    assertEquals(9404, port.prometheusPort());
    assertEquals(null, port.prometheusHost());
    assertEquals(java.util.List.of("orders", "audit.v2"), port.histogramTopics());
    AgentOptions host = AgentOptions.parse("prometheus=127.0.0.1:9405");
    assertEquals("127.0.0.1", host.prometheusHost());
    assertEquals(9405, host.prometheusPort());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "thresholdMs=abc",
        "thresholdMs=-1",
        "thresholdMs=99999999999999999999",
        "thresholdMs=60001",
        "thresholdMs=",
        "thresholdMs=1.5",
        "intervalSeconds=0",
        "intervalSeconds=3601",
        "intervalSeconds=５",
        "unknownKey=1",
        "threshold=5",
        "=5",
        "thresholdMs",
        "thresholdMs=1,thresholdMs=2",
        "enabled=yes",
        "enabled=",
        "logDirs=relative/dir",
        "logDirs=/ok;also-relative",
        "disableHooks=everything",
        "disableHooks=file-io;nope",
        "topPartitions=101",
        "idleIntervals=0",
        "intervalSeconds=5,,thresholdMs=1",
        "thresholdMs=1\u202e0",
        "thresholdMs=\u0000",
        "prometheus=0",
        "prometheus=65536",
        "prometheus=:9404",
        "prometheus=host:",
        "prometheus=a b:9404",
        "histogramTopics=orders;bad topic",
      })
  void rejectsMalformedArgumentsWithOneLineNamingIt(String args) {
    BadOptionException e = assertThrows(BadOptionException.class, () -> AgentOptions.parse(args));
    String message = e.getMessage();
    assertFalse(message.contains("\n"), message);
    assertFalse(message.isBlank());
    assertTrue(message.startsWith("argument") || message.startsWith("unknown argument"), message);
    for (char c : message.toCharArray()) {
      assertFalse(Character.isISOControl(c), "control character in: " + message);
    }
  }

  @Test
  void errorNamesTheBadArgument() {
    BadOptionException e =
        assertThrows(
            BadOptionException.class,
            () -> AgentOptions.parse("intervalSeconds=5,thresholdMs=abc"));
    assertEquals(
        "argument 'thresholdMs=abc': not a whole number (expected 0 to 60000)", e.getMessage());
  }

  @Test
  void everyOptionHasADefaultThatParses() throws Exception {
    for (Option o : Option.values()) {
      if (!o.defaultValue().isEmpty()) {
        AgentOptions.parse(o.key() + "=" + o.defaultValue());
      }
    }
  }
}

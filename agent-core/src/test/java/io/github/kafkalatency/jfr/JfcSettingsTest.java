package io.github.kafkalatency.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped kafka-latency.jfc and the agent's own recording built from it. */
class JfcSettingsTest {
  @TempDir Path dir;

  @Test
  void enablesEveryEventTypeWithoutJfrThresholdOrStackTrace() throws Exception {
    Configuration c = ContinuousRecording.shippedSettings();
    Map<String, String> s = c.getSettings();
    for (Class<? extends Event> type : Events.TYPES) {
      String name = type.getAnnotation(Name.class).value();
      assertEquals("true", s.get(name + "#enabled"), name + " enabled in kafka-latency.jfc");
      assertEquals("0 ms", s.get(name + "#threshold"), name);
      assertEquals("false", s.get(name + "#stackTrace"), name);
    }
    List<String> named =
        s.keySet().stream()
            .map(k -> k.substring(0, k.indexOf('#')))
            .distinct()
            .collect(Collectors.toList());
    assertEquals(
        Events.TYPES.size(), named.size(), "no settings for events that do not exist: " + named);
    assertEquals("kafka-latency-agent", c.getProvider());
  }

  @Test
  void agentRecordingHasTheDefaultEventsAndTheAgentsAndIsDumpedIntoTheDirectory() throws Exception {
    Events.register();
    Path file = ContinuousRecording.start(dir, Duration.ofMinutes(5), 10 << 20);
    assertEquals(dir, file.getParent());
    assertTrue(
        file.getFileName().toString().matches("kafka-latency-\\d{8}-\\d{6}-\\d+\\.jfr"),
        file.toString());
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    Recording r =
        FlightRecorder.getFlightRecorder().getRecordings().stream()
            .filter(
                x ->
                    x.getName().equals(ContinuousRecording.NAME)
                        && x.getState() == RecordingState.RUNNING)
            .findFirst()
            .orElseThrow();
    assertEquals(Duration.ofMinutes(5), r.getMaxAge());
    assertTrue(r.getDumpOnExit());
    LogAppendEvent e = new LogAppendEvent();
    e.topic = "orders";
    e.partition = 3;
    e.commit();
    Thread.sleep(1100); // one jdk.CPULoad period of the default settings
    r.stop(); // writes the destination, as the JVM's exit would
    r.close();
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    assertTrue(
        events.stream()
            .anyMatch(
                x ->
                    x.getEventType().getName().equals("kafkalatency.LogAppend")
                        && "orders".equals(x.getString("topic"))),
        "the agent's event");
    assertTrue(
        events.stream().anyMatch(x -> x.getEventType().getName().startsWith("jdk.")),
        "the JDK's defaults");
    assertFalse(
        events.stream()
            .anyMatch(
                x ->
                    x.getEventType().getName().equals("kafkalatency.LogAppend")
                        && x.getStackTrace() != null),
        "no stack traces");
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "nothing else is created in the directory");
    }
  }
}

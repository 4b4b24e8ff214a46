package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An event recorded by the JDK and read back, as one JSON line: names, units, escaping. */
class JsonLineTest {
  @Name("kafkalatency.JsonLineTestEvent")
  @StackTrace(true)
  static final class TestEvent extends jdk.jfr.Event {
    @Label("Topic")
    String topic;

    @Timespan(Timespan.MILLISECONDS)
    long interval;

    @Timespan(Timespan.NANOSECONDS)
    long maxWait;

    Thread holder;

    int waiters;

    boolean ended;

    String missing;
  }

  @Test
  void oneObjectPerEventWithTheEventsOwnFieldNames(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("json.jfr");
    try (Recording r = new Recording()) {
      r.enable(TestEvent.class);
      r.start();
      TestEvent e = new TestEvent();
      e.topic = "or\"ders\\\n\u0001";
      e.interval = 5_000;
      e.maxWait = 1_234_567;
      e.holder = Thread.currentThread();
      e.waiters = 3;
      e.ended = true;
      e.commit();
      r.stop();
      r.dump(file);
    }
    List<RecordedEvent> events =
        RecordingFile.readAllEvents(file).stream()
            .filter(e -> e.getEventType().getName().equals("kafkalatency.JsonLineTestEvent"))
            .collect(Collectors.toList());
    assertEquals(1, events.size());
    String line = JsonLine.of(events.get(0));
    assertTrue(line.startsWith("{\"event\":\"JsonLineTestEvent\",\"startTime\":\"20"), line);
    assertTrue(line.contains("\",\"endTime\":\"20"), line);
    assertTrue(line.contains(",\"duration\":"), line);
    assertTrue(
        line.contains(",\"eventThread\":\"" + Thread.currentThread().getName() + "\""), line);
    assertTrue(line.contains(",\"topic\":\"or\\\"ders\\\\\\n\\u0001\""), line);
    assertTrue(
        line.contains(",\"interval\":5000000000,"), "milliseconds become nanoseconds: " + line);
    assertTrue(line.contains(",\"maxWait\":1234567,"), line);
    assertTrue(line.contains(",\"holder\":\"" + Thread.currentThread().getName() + "\""), line);
    assertTrue(line.contains(",\"waiters\":3,\"ended\":true,\"missing\":null}"), line);
    assertTrue(!line.contains("stackTrace"), "no stack traces: " + line);
    assertTrue(!line.contains("\n"), "one line");
  }
}

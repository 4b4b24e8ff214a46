package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kafkalatency.jfr.Events;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.Event;
import jdk.jfr.Recording;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report and watch read the agent's events by field name and tolerate missing fields (for other
 * agents' recordings), so a renamed field would silently read as a default: every read they make of
 * one event of each registered type must name a field of that type with a type that reads.
 */
class EventSchemaTest {
  /** Read for recordings of older agents only: the fields were renamed or dropped since. */
  private static final Set<String> OLDER_AGENTS = Set.of("remedy", "totalTime");

  @Test
  void everyFieldTheReportAndWatchReadExistsWithItsType(@TempDir Path dir) throws Exception {
    Path file = recordOneOfEach(dir.resolve("all.jfr"));
    List<String> wrong = new ArrayList<>();
    Set<String> read = new TreeSet<>();
    Fields.check =
        (e, field, types) -> {
          String type = e.getEventType().getName();
          read.add(type);
          ValueDescriptor d = e.getEventType().getField(field);
          if (d == null && !OLDER_AGENTS.contains(field)) {
            wrong.add(type + " has no field " + field);
          } else if (d != null && !List.of(types).contains(d.getTypeName())) {
            wrong.add(
                type + "." + field + " is " + d.getTypeName() + ", read as " + List.of(types));
          }
        };
    try {
      RecordingReader.read(file);
      WatchScreen watch =
          new WatchScreen(
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              false,
              new BrokerInfo("b", "4.4.0", Instant.now(), "test"),
              new TimeFormat(ZoneOffset.UTC),
              30,
              160);
      for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
        watch.accept(e);
      }
    } finally {
      Fields.check = null;
    }
    assertEquals(List.of(), wrong);
    // A read path that stopped reading a type would pass the check above vacuously.
    assertEquals(
        Set.of(
            "kafkalatency.IncidentInProgress",
            "kafkalatency.LogDirStall",
            "kafkalatency.LogFileOperation",
            "kafkalatency.LogLockCascade",
            "kafkalatency.LogLockHold",
            "kafkalatency.LogLockWait",
            "kafkalatency.PartitionLatency",
            "kafkalatency.ProduceRequest"),
        read);
  }

  private static Path recordOneOfEach(Path file) throws Exception {
    Events.register();
    try (Recording r = new Recording()) {
      for (Class<? extends Event> t : Events.TYPES) {
        r.enable(t).withoutThreshold();
      }
      r.start();
      for (Class<? extends Event> t : Events.TYPES) {
        var constructor = t.getDeclaredConstructor();
        constructor.setAccessible(true);
        Event e = constructor.newInstance();
        // Non-null text and threads, as the agent writes them: the watch prints them.
        for (Class<?> c = t; c != Event.class; c = c.getSuperclass()) {
          for (java.lang.reflect.Field f : c.getDeclaredFields()) {
            f.setAccessible(true);
            if (f.getType() == String.class) {
              f.set(e, "x");
            } else if (f.getType() == Thread.class) {
              f.set(e, Thread.currentThread());
            }
          }
        }
        e.commit();
      }
      r.stop();
      r.dump(file);
    }
    return file;
  }
}

package io.github.kafkalatency.report;

import io.github.kafkalatency.jfr.EventSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the agent's events from a JFR file with {@link RecordingFile}: no broker needed.
 *
 * <p>Usage: {@code AgentRecording r = RecordingReader.read(path)}. A file that is missing, is not a
 * recording, or of which nothing can be read throws {@link UnreadableRecordingException}. A
 * recording cut short (a broker killed with {@code kill -9} leaves its last chunk unfinished) or
 * damaged part-way is read up to the damage: the JDK reads whole chunks, so what comes back is
 * every complete chunk before it, and {@link AgentRecording#damage()} says so.
 */
final class RecordingReader {
  private static final byte[] MAGIC = {'F', 'L', 'R', 0};

  private final List<RecordedCascade> cascades = new ArrayList<>();
  private final List<RecordedStall> stalls = new ArrayList<>();
  private final List<RecordedLockWait> waits = new ArrayList<>();
  private final List<RecordedLockHold> holds = new ArrayList<>();
  private final List<RecordedFileOp> fileOps = new ArrayList<>();
  private final List<RecordedProduceRequest> requests = new ArrayList<>();
  private final List<RecordedInterval> intervals = new ArrayList<>();
  private final Set<String> types = new HashSet<>();
  private Instant first;
  private Instant last;
  private long events;

  private RecordingReader() {}

  static AgentRecording read(Path file) throws UnreadableRecordingException {
    checkHeader(file);
    return new RecordingReader().readAll(file);
  }

  private AgentRecording readAll(Path file) throws UnreadableRecordingException {
    String damage = null;
    // The JDK's parser throws unchecked exceptions and errors on damaged input, not only
    // IOException: any of them means "unreadable from here on".
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        add(recording.readEvent());
      }
      declaredTypes(recording);
    } catch (Exception | StackOverflowError | OutOfMemoryError e) {
      String cut = ChunkChain.cutShort(file);
      damage =
          cut != null
              ? "truncated: " + cut
              : "damaged ("
                  + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                  + ")";
    }
    if (damage != null && events == 0) {
      throw new UnreadableRecordingException(
          file + ": a JFR recording, but " + damage + "; nothing before it could be read");
    }
    return new AgentRecording(
        file,
        first,
        last,
        Set.copyOf(types),
        cascades,
        stalls,
        waits,
        holds,
        fileOps,
        requests,
        intervals,
        damage);
  }

  private void add(RecordedEvent e) {
    events++;
    first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
    last = last == null || e.getEndTime().isAfter(last) ? e.getEndTime() : last;
    String name = e.getEventType().getName();
    if (!name.startsWith(EventSchema.NAMESPACE)) {
      return;
    }
    types.add(name);
    switch (name.substring(EventSchema.NAMESPACE.length())) {
      case EventSchema.LOG_LOCK_CASCADE -> cascades.add(EventMapper.cascade(e));
      case EventSchema.LOG_DIR_STALL -> stalls.add(EventMapper.stall(e));
      case EventSchema.LOG_LOCK_WAIT -> waits.add(EventMapper.lockWait(e));
      case EventSchema.LOG_LOCK_HOLD -> holds.add(EventMapper.lockHold(e));
      case EventSchema.LOG_FILE_OPERATION -> fileOps.add(EventMapper.fileOp(e));
      case EventSchema.PRODUCE_REQUEST -> requests.add(EventMapper.produceRequest(e));
      case EventSchema.PARTITION_LATENCY -> intervals.add(EventMapper.intervalLatency(e));
      default -> {} // LogAppend, PartitionLockWait and later agents' types: not reported
    }
  }

  /** Types declared but without events, such as ProduceRequest with none over its threshold. */
  private void declaredTypes(RecordingFile recording) throws IOException {
    for (EventType t : recording.readEventTypes()) {
      if (t.getName().startsWith(EventSchema.NAMESPACE)) {
        types.add(t.getName());
      }
    }
  }

  private static void checkHeader(Path file) throws UnreadableRecordingException {
    if (!Files.exists(file)) {
      throw new UnreadableRecordingException(file + ": no such file");
    }
    if (Files.isDirectory(file)) {
      throw new UnreadableRecordingException(file + ": a directory, not a JFR recording");
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(MAGIC.length);
    } catch (IOException e) {
      throw new UnreadableRecordingException(file + ": cannot be read: " + e.getMessage());
    }
    if (!Arrays.equals(head, MAGIC)) {
      throw new UnreadableRecordingException(
          file
              + ": not a JFR recording"
              + (head.length == 0
                  ? " (the file is empty)"
                  : " (it does not start with the bytes FLR)"));
    }
  }
}

package io.github.kafkalatency.record;

import io.github.kafkalatency.probe.Probe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Groups slow writes and fsyncs by log dir into windows of overlapping operations; a window that
 * spans two or more partitions is a {@link Stall} of the device or its journal. A window is closed
 * once nothing has overlapped it for a grace period.
 *
 * <p>Not thread-safe: the aggregator thread owns it.
 */
final class StallDetector {
  private static final class Window {
    long start;
    long end;
    long touched;
    int operations;
    long maxOp;
    final TreeSet<String> partitions = new TreeSet<>();
    final TreeSet<String> threads = new TreeSet<>();
    final Map<String, Integer> kernelSites = new HashMap<>();

    void add(SlowFileOp op, long now) {
      if (operations == 0) {
        start = op.start;
        end = op.start + op.duration;
      } else {
        start = Math.min(start, op.start);
        end = Math.max(end, op.start + op.duration);
      }
      operations++;
      maxOp = Math.max(maxOp, op.duration);
      partitions.add(op.partition.name);
      threads.add(op.thread.getName());
      if (op.kernelSite != null) {
        kernelSites.merge(op.kernelSite, 1, Integer::sum);
      }
      touched = now;
    }
  }

  private final long graceNanos;
  private final JvmPauses pauses;
  private final Map<String, Window> open = new HashMap<>();
  private final List<Stall> closed = new ArrayList<>();

  StallDetector(long graceNanos, JvmPauses pauses) {
    this.graceNanos = graceNanos;
    this.pauses = pauses;
  }

  void op(SlowFileOp op, long now) {
    if (op.partition == null || (op.op != Probe.WRITE && op.op != Probe.FORCE)) {
      return;
    }
    Window w = open.get(op.logDir);
    long end = op.start + op.duration;
    if (w != null && (op.start > w.end || end < w.start)) {
      close(op.logDir, w);
      w = null;
    }
    if (w == null) {
      w = new Window();
      open.put(op.logDir, w);
    }
    w.add(op, now);
  }

  /** Stalls complete by {@code now}; {@code all} closes every window (shutdown). */
  List<Stall> complete(long now, boolean all) {
    for (Iterator<Map.Entry<String, Window>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Window> e = it.next();
      if (all || now - e.getValue().touched >= graceNanos) {
        it.remove();
        close(e.getKey(), e.getValue());
      }
    }
    List<Stall> out = new ArrayList<>(closed);
    closed.clear();
    return out;
  }

  private static String commonest(Map<String, Integer> sites) {
    return sites.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  private void close(String logDir, Window w) {
    if (w.partitions.size() >= 2) {
      closed.add(
          new Stall(
              logDir,
              w.start,
              w.end,
              List.copyOf(w.partitions),
              List.copyOf(w.threads),
              w.operations,
              w.maxOp,
              pauses.longestOverlap(w.start, w.end),
              commonest(w.kernelSites),
              null));
    }
  }
}

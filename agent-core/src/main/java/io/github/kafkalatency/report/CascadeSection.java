package io.github.kafkalatency.report;

import io.github.kafkalatency.text.Durations;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The report's cascades: per cascade, the holder's row (its hold, the slow file operation inside
 * it) and then one row per recorded waiter, so that "who held the lock, doing what, and who queued"
 * reads top to bottom.
 *
 * <p>Usage: {@code CascadeSection.lines(recording, top, timeFormat)}; longest holds first.
 */
final class CascadeSection {
  private CascadeSection() {}

  static List<String> lines(AgentRecording r, int top, TimeFormat tf) {
    List<RecordedCascade> cascades =
        r.cascades().stream()
            .sorted(Comparator.comparingLong(RecordedCascade::nanos).reversed())
            .limit(top)
            .collect(Collectors.toList());
    String title =
        "Cascades: log-lock holds that others queued behind ("
            + r.cascades().size()
            + Sections.shown(cascades.size(), r.cascades().size())
            + ", longest hold first; time = held or waited)";
    if (cascades.isEmpty()) {
      return Sections.none(title);
    }
    TextTable t =
        new TextTable(
            "start",
            "partition",
            "role",
            "thread",
            "site",
            ">time",
            "operation",
            ">op time",
            "file",
            "note");
    for (RecordedCascade c : cascades) {
      t.row(
          tf.time(c.start()),
          c.partition(),
          "holder",
          c.holder(),
          c.holderSite(),
          Durations.format(c.nanos()),
          c.operation(),
          c.operation() == null ? null : Durations.format(c.operationNanos()),
          c.operationFile(),
          holderNote(c));
      List<RecordedLockWait> waits = CascadeWaiters.of(c, r.waits());
      for (RecordedLockWait w : waits) {
        t.row(tf.time(w.start()), "", "waiter", w.thread(), w.site(), Durations.format(w.nanos()));
      }
      if (c.waiters() > waits.size()) {
        // the note column, last and unpadded, so that the names do not widen the thread column
        t.row(
            "",
            "",
            "waiter",
            "+" + (c.waiters() - waits.size()) + " more",
            "",
            "",
            "",
            "",
            "",
            "waits below lockThresholdMs" + (waits.isEmpty() ? ": " + c.waiterThreads() : ""));
      }
    }
    return Sections.table(title, t);
  }

  private static String holderNote(RecordedCascade c) {
    String waits =
        c.waiters()
            + (c.waiters() == 1 ? " waiter" : " waiters")
            + ", max "
            + Durations.format(c.maxWaitNanos())
            + ", total "
            + Durations.format(c.totalWaitNanos());
    String other = c.note();
    return other.isEmpty() ? waits : waits + "; " + other;
  }
}

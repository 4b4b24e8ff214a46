package io.github.kafkalatency.report;

import io.github.kafkalatency.text.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The slowest log file operations ({@code kafkalatency.LogFileOperation}), one table per kind:
 * writes, fsyncs, transferTo (sendfile) and reads, so that a few slow fsyncs are not buried under
 * many slow writes.
 *
 * <p>Usage: {@code FileOpSection.lines(recording, top, timeFormat)}.
 */
final class FileOpSection {
  private static final List<String> KINDS = List.of("write", "force", "transferTo", "read");
  private static final List<String> TITLES =
      List.of("writes", "fsyncs (force)", "transferTo (sendfile)", "reads");

  private FileOpSection() {}

  static List<String> lines(AgentRecording r, int top, TimeFormat tf) {
    List<String> out = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (int k = 0; k < KINDS.size(); k++) {
      String kind = KINDS.get(k);
      List<RecordedFileOp> all =
          r.fileOps().stream().filter(f -> kind.equals(f.operation())).collect(Collectors.toList());
      if (all.isEmpty()) {
        without.add(TITLES.get(k));
        continue;
      }
      List<RecordedFileOp> slowest =
          all.stream()
              .sorted(Comparator.comparingLong(RecordedFileOp::nanos).reversed())
              .limit(top)
              .collect(Collectors.toList());
      TextTable t =
          new TextTable("start", ">time", "partition", "file", ">bytes", "thread", "note");
      for (RecordedFileOp f : slowest) {
        t.row(
            tf.time(f.start()),
            Durations.format(f.nanos()),
            f.partition(),
            f.file(),
            Sizes.format(f.bytes()),
            f.thread(),
            f.note());
      }
      if (!out.isEmpty()) {
        out.add("");
      }
      out.addAll(
          Sections.table(
              "Slowest "
                  + TITLES.get(k)
                  + " ("
                  + all.size()
                  + Sections.shown(slowest.size(), all.size())
                  + ", slowest first)",
              t));
    }
    if (!without.isEmpty()) {
      if (!out.isEmpty()) {
        out.add("");
      }
      out.add("Slow " + String.join(", ", without) + ": none");
    }
    return out;
  }
}

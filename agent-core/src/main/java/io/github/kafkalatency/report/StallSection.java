package io.github.kafkalatency.report;

import io.github.kafkalatency.text.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The report's log-dir stalls, in time order, each row followed by the partitions and threads that
 * were stuck: the names an operator needs, not just counts.
 *
 * <p>Usage: {@code StallSection.lines(recording, top, timeFormat)}; with more than {@code top}, the
 * longest are shown.
 */
final class StallSection {
  private static final String DETAIL = Sections.INDENT + "    ";
  private static final int WIDTH = 120;

  private StallSection() {}

  static List<String> lines(AgentRecording r, int top, TimeFormat tf) {
    List<RecordedStall> stalls =
        r.stalls().stream()
            .sorted(Comparator.comparingLong(RecordedStall::nanos).reversed())
            .limit(top)
            .sorted(Comparator.comparing(RecordedStall::start))
            .collect(Collectors.toList());
    String title =
        "Stalls: slow writes/fsyncs on several partitions of one log dir at once ("
            + r.stalls().size()
            + Sections.shown(stalls.size(), r.stalls().size())
            + ", in time order)";
    if (stalls.isEmpty()) {
      return Sections.none(title);
    }
    TextTable t =
        new TextTable(
            "start", ">length", ">partitions", ">operations", ">longest", "log dir", "note");
    for (RecordedStall s : stalls) {
      t.row(
          tf.time(s.start()),
          Durations.format(s.nanos()),
          s.partitions().size(),
          s.operations(),
          Durations.format(s.maxOperationNanos()),
          s.logDir(),
          s.note());
    }
    List<String> table = t.lines();
    List<String> out = new ArrayList<>();
    out.add(title);
    out.add(Sections.INDENT + table.get(0));
    for (int i = 0; i < stalls.size(); i++) {
      out.add(Sections.INDENT + table.get(i + 1));
      out.addAll(wrapped("stuck partitions: ", stalls.get(i).partitions()));
      out.addAll(wrapped("stuck threads:    ", stalls.get(i).threads()));
    }
    return out;
  }

  /** A long list over several lines, so that a terminal does not fold it mid-name. */
  private static List<String> wrapped(String label, List<String> names) {
    List<String> lines = new ArrayList<>();
    String lead = DETAIL + label;
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i) + (i < names.size() - 1 ? "," : "");
      if (line.length() > 0 && lead.length() + line.length() + 1 + name.length() > WIDTH) {
        lines.add(lead + line);
        lead = DETAIL + " ".repeat(label.length());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(name);
    }
    lines.add(lead + line);
    return lines;
  }
}

package io.github.kafkalatency.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The text report: what was read and selected, then cascades, stalls, produce requests, file
 * operations and per-partition latency, as aligned tables.
 *
 * <p>Usage: {@code TextReport.lines(whole, selected, selection, top, timeFormat)}; pure, so that
 * tests read its lines.
 */
final class TextReport {
  private TextReport() {}

  static List<String> lines(
      AgentRecording whole, AgentRecording selected, Selection selection, int top, TimeFormat tf) {
    List<String> out = new ArrayList<>();
    out.add("kafka-latency-agent report: " + whole.file());
    out.add(
        "recording: "
            + tf.span(whole.first(), whole.last(), true)
            + (whole.damage() == null
                ? ""
                : "; " + whole.damage() + ": only the complete chunks before it"));
    out.add("selected:  " + describe(selection, tf));
    out.add("found:     " + counts(selected));
    for (List<String> section :
        List.of(
            CascadeSection.lines(selected, top, tf),
            StallSection.lines(selected, top, tf),
            ProduceSection.lines(selected, top, tf),
            FileOpSection.lines(selected, top, tf),
            PercentileSection.lines(selected, top))) {
      out.add("");
      out.addAll(section);
    }
    return out;
  }

  static void print(List<String> lines, PrintStream out) {
    lines.forEach(out::println);
  }

  private static String describe(Selection s, TimeFormat tf) {
    if (s.everything()) {
      return "everything";
    }
    String window =
        s.from() == null && s.to() == null
            ? "the whole recording"
            : tf.span(s.from(), s.to(), true);
    return window + (s.partition() == null ? "" : ", partition " + s.partition());
  }

  private static String counts(AgentRecording r) {
    return r.cascades().size()
        + " cascades, "
        + r.stalls().size()
        + " stalls, "
        + r.waits().size()
        + " lock waits, "
        + r.holds().size()
        + " lock holds, "
        + r.fileOps().size()
        + " slow file operations, "
        + r.produceRequests().size()
        + " slow produce requests, "
        + r.intervals().size()
        + " partition-interval figures";
  }
}

package io.github.kafkalatency.report;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * {@code java -jar kafka-latency-agent.jar report <recording.jfr> ...}: the offline report.
 *
 * <p>Usage: {@code int code = ReportCommand.run(args, System.out, System.err)} with the arguments
 * after the word {@code report}. The report goes to {@code out}; every problem is one line on
 * {@code err} and an exit code from {@link Usage}, never a stack trace: the user of a broken
 * recording needs to know what is wrong with the file, not where the parser was.
 */
public final class ReportCommand {
  static final String PREFIX = "kafka-latency-agent report: ";

  private ReportCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    try {
      return report(args, out, err);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      err.println(PREFIX + "internal error: " + e);
      return Usage.FAILED;
    }
  }

  private static int report(List<String> args, PrintStream out, PrintStream err) {
    ReportOptions o;
    try {
      o = ReportOptions.parse(args);
    } catch (UsageException e) {
      return usageError(e.getMessage(), err);
    }
    if (o.help()) {
      out.print(Usage.TEXT);
      return Usage.OK;
    }
    if (o.fleet()) {
      return fleet(o, out, err);
    }
    AgentRecording whole;
    try {
      whole = RecordingReader.read(o.recording());
    } catch (UnreadableRecordingException e) {
      err.println(PREFIX + e.getMessage());
      return Usage.UNREADABLE;
    }
    if (whole.agentEvents() == 0) {
      err.println(
          PREFIX
              + o.recording()
              + ": no kafkalatency events"
              + (whole.damage() == null ? "" : " in its readable part (" + whole.damage() + ")")
              + ": was the agent attached to this JVM, and were its events enabled"
              + " (settings=default or kafka-latency.jfc)?");
      return Usage.NO_AGENT_EVENTS;
    }
    Instant from =
        o.from() == null ? null : o.from().resolve(whole.first(), whole.last(), o.zone());
    Instant to = o.to() == null ? null : o.to().resolve(whole.first(), whole.last(), o.zone());
    if (from != null && to != null && from.isAfter(to)) {
      return usageError("--from " + o.from() + " is after --to " + o.to(), err);
    }
    Selection selection = new Selection(from, to, o.partition());
    AgentRecording selected = selection.apply(whole);
    TimeFormat tf = new TimeFormat(o.zone());
    TextReport.print(TextReport.lines(whole, selected, selection, o.top(), tf), out);
    if (o.html() != null) {
      try {
        HtmlReport.write(whole, selected, selection, o.top(), tf, o.html());
        out.println();
        out.println("HTML report: " + o.html().toAbsolutePath());
      } catch (IOException | RuntimeException e) {
        err.println(PREFIX + "could not write " + o.html() + ": " + e.getMessage());
        return Usage.FAILED;
      }
    }
    out.flush();
    if (whole.damage() != null) {
      err.println(
          PREFIX
              + o.recording()
              + ": "
              + whole.damage()
              + "; the report covers "
              + tf.span(whole.first(), whole.last(), true)
              + ", the complete chunks before it");
      return Usage.TRUNCATED;
    }
    return Usage.OK;
  }

  /**
   * Several brokers: each must be readable and hold agent events; damage is reported per broker.
   */
  private static int fleet(ReportOptions o, PrintStream out, PrintStream err) {
    List<Brokers.Broker> brokers;
    try {
      brokers = Brokers.read(o.recordings());
    } catch (UnreadableRecordingException e) {
      err.println(PREFIX + e.getMessage());
      return Usage.UNREADABLE;
    }
    for (Brokers.Broker b : brokers) {
      if (b.recording().agentEvents() == 0) {
        err.println(
            PREFIX
                + b.recording().file()
                + ": no kafkalatency events: was the agent attached to"
                + " this broker, and were its events enabled?");
        return Usage.NO_AGENT_EVENTS;
      }
    }
    AgentRecording first = brokers.get(0).recording();
    Instant from =
        o.from() == null ? null : o.from().resolve(first.first(), first.last(), o.zone());
    Instant to = o.to() == null ? null : o.to().resolve(first.first(), first.last(), o.zone());
    if (from != null && to != null && from.isAfter(to)) {
      return usageError("--from " + o.from() + " is after --to " + o.to(), err);
    }
    Selection selection = new Selection(from, to, o.partition());
    TimeFormat tf = new TimeFormat(o.zone());
    List<String> text = FleetReport.lines(brokers, selection, o.top(), tf);
    TextReport.print(text, out);
    if (o.html() != null) {
      try {
        AgentRecording merged = FleetReport.merged(brokers, selection);
        HtmlReport.write(brokers.size() + " brokers", text, merged, o.top(), tf, o.html());
        out.println();
        out.println("HTML report: " + o.html().toAbsolutePath());
      } catch (IOException | RuntimeException e) {
        err.println(PREFIX + "could not write " + o.html() + ": " + e.getMessage());
        return Usage.FAILED;
      }
    }
    out.flush();
    int code = Usage.OK;
    for (Brokers.Broker b : brokers) {
      if (b.recording().damage() != null) {
        err.println(
            PREFIX
                + b.recording().file()
                + ": "
                + b.recording().damage()
                + "; its section covers the complete chunks before it");
        code = Usage.TRUNCATED;
      }
    }
    return code;
  }

  private static int usageError(String message, PrintStream err) {
    err.println(PREFIX + message);
    err.println("usage: " + Usage.SYNOPSIS + " (--help for more)");
    return Usage.USAGE;
  }
}

package io.github.kafkalatency.report;

/**
 * The {@code report} command's help and exit codes.
 *
 * <p>Usage: {@code out.print(Usage.TEXT)}; {@link ReportCommand} returns the codes.
 */
public final class Usage {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int UNREADABLE = 3;
  public static final int TRUNCATED = 4;
  public static final int NO_AGENT_EVENTS = 5;

  public static final String SYNOPSIS =
      "java -jar kafka-latency-agent.jar report <recording.jfr|dir>... [--from TIME] [--to TIME]"
          + " [--partition TOPIC-N] [--top N] [--zone ZONE] [--html FILE]";

  public static final String TEXT =
      "usage: "
          + SYNOPSIS
          + "\n"
          + "\n"
          + "Reads a JFR recording of a broker that ran with the agent (events kafkalatency.*)"
          + " and\n"
          + "prints, as text tables: the lock cascades (holder, its slow operation and file, the\n"
          + "waiters and their waits), the log-dir stalls, the slowest produce requests and their\n"
          + "dominant cause, the slowest writes, fsyncs, transfers and reads, and per-partition\n"
          + "latency. Needs no broker.\n"
          + "\n"
          + "Several recordings (one per broker), or a directory of them, or a JFR repository left"
          + " by a\n"
          + "crashed broker (a directory of chunk files): first the incidents that overlap in time"
          + " on\n"
          + "more than one broker, grouped as one (a shared cause), then a section per broker;"
          + " the\n"
          + "HTML timeline has a group of lanes per broker.\n"
          + "\n"
          + "  --from TIME        only what ends at or after TIME\n"
          + "  --to TIME          only what starts at or before TIME\n"
          + "                     TIME: an ISO instant (2026-11-25T04:25:57Z, or with an offset)"
          + " or\n"
          + "                     a time of day (04:25:57, 04:25:57.250) on the recording's day\n"
          + "  --partition T-N    only this topic-partition, such as demo-3\n"
          + "  --top N            rows per table, and slow windows in the HTML (default 10)\n"
          + "  --zone ZONE        time zone of printed times and times of day (default: this\n"
          + "                     machine's, such as UTC or Europe/Paris)\n"
          + "  --html FILE        also write one self-contained HTML file: a per-thread timeline"
          + " of\n"
          + "                     the slow windows (zoomable) and per-partition latency charts\n"
          + "  -h, --help         this text\n"
          + "\n"
          + "exit codes:\n"
          + "  0  the report was printed\n"
          + "  1  the HTML file could not be written, or an internal error (the message says"
          + " which)\n"
          + "  2  bad arguments\n"
          + "  3  not a JFR recording, no such file, or nothing in it could be read\n"
          + "  4  truncated or damaged part-way (a broker killed with kill -9 leaves such a file):"
          + " the\n"
          + "     report was printed from the complete chunks before the damage; stderr says"
          + " where\n"
          + "  5  no agent events in the recording (or in the part before a cut): was the agent\n"
          + "     attached, and its events enabled in the recording?\n";

  private Usage() {}
}

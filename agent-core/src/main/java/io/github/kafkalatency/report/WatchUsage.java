package io.github.kafkalatency.report;

/**
 * The {@code watch} command's help and exit codes; 0 to 2 mean what they mean for {@code report}.
 *
 * <p>Usage: {@code out.print(WatchUsage.TEXT)}; {@link WatchCommand} returns the codes.
 */
public final class WatchUsage {
  public static final int OK = Usage.OK;
  public static final int FAILED = Usage.FAILED;
  public static final int USAGE = Usage.USAGE;
  public static final int NO_TARGET = 3;
  public static final int NO_AGENT = 5;
  public static final int GONE = 6;

  public static final String SYNOPSIS =
      "java -jar kafka-latency-agent.jar watch <pid | host:port | service:jmx:... | repository-dir>"
          + " [--jsonl] [--plain] [--user NAME --password-file FILE] [--ssl]"
          + " [--duration SECONDS]";

  public static final String TEXT =
      "usage: "
          + SYNOPSIS
          + "\n"
          + "\n"
          + "Shows live what the agent sees in a running broker, through JFR event streaming:"
          + " lock\n"
          + "cascades (holder, its operation and file, the waiters), log dir stalls and slow"
          + " produce\n"
          + "requests as they happen (a cascade or stall still going on shows as IN PROGRESS), and"
          + " the\n"
          + "worst partitions of the last interval. Colour and a screen refreshed in place on a\n"
          + "terminal, plain lines when piped. The broker keeps running whatever happens here.\n"
          + "\n"
          + "The broker, one of:\n"
          + "  <pid>              a local broker: attaches and starts its local JMX agent, as"
          + " jconsole\n"
          + "                     does (same user as the broker; needs a JDK with jdk.attach)\n"
          + "  host:port          the broker's JMX port (Kafka's JMX_PORT); or a service:jmx:"
          + " URL.\n"
          + "                     TLS: the JDK's javax.net.ssl.* system properties, and --ssl\n"
          + "  <directory>        a JFR repository (the agent's recording= option, or any\n"
          + "                     -XX:StartFlightRecording): tails its files, with no connection at"
          + " all\n"
          + "Over JMX only the agent's events are recorded, at the agent's own thresholds, for as\n"
          + "long as the watch runs.\n"
          + "\n"
          + "  --jsonl            one JSON object per event on stdout (fields: see README,"
          + " 'watch')\n"
          + "  --plain            plain lines even on a terminal\n"
          + "  --user NAME        JMX user name, with --password-file FILE (its first line)\n"
          + "  --ssl              JMX over TLS (RMI registry and connection)\n"
          + "  --duration S       stop after S seconds (default: until Ctrl-C or the broker goes"
          + " away)\n"
          + "  -h, --help         this text\n"
          + "\n"
          + "exit codes:\n"
          + "  0  stopped (Ctrl-C or --duration)\n"
          + "  1  internal error\n"
          + "  2  bad arguments\n"
          + "  3  no such process, not a JVM, JMX refused or unreachable, or a directory with no\n"
          + "     recording\n"
          + "  5  the broker has no agent (no kafkalatency event types)\n"
          + "  6  the broker went away (while watched, or before: the repository's JVM has"
          + " exited)\n";

  private WatchUsage() {}
}

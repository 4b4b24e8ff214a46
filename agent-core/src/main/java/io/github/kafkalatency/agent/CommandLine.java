package io.github.kafkalatency.agent;

import io.github.kafkalatency.report.ReportCommand;
import io.github.kafkalatency.report.Usage;
import io.github.kafkalatency.report.WatchCommand;
import io.github.kafkalatency.report.WatchUsage;
import java.util.Arrays;

/**
 * {@code java -jar kafka-latency-agent.jar [report|watch ...]}: without arguments, what the jar is
 * and how to attach it; {@code report} reads a recording offline (see {@link Usage#TEXT}), {@code
 * watch} streams a running broker's events live (see {@link WatchUsage#TEXT}).
 */
public final class CommandLine {
  private CommandLine() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("report")) {
      System.exit(
          ReportCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
    }
    if (args.length > 0 && args[0].equals("watch")) {
      System.exit(
          WatchCommand.run(
              Arrays.asList(args).subList(1, args.length),
              System.out,
              System.err,
              System.console() != null));
    }
    System.out.println("kafka-latency-agent " + Version.get());
    System.out.println(
        "Attach to a broker: export KAFKA_OPTS=\"-javaagent:<path>/kafka-latency-agent.jar\"");
    System.out.println("Read a recording:   " + Usage.SYNOPSIS);
    System.out.println("Watch a broker:     " + WatchUsage.SYNOPSIS);
    if (args.length > 0 && !args[0].equals("-h") && !args[0].equals("--help")) {
      System.err.println("unknown command: " + args[0] + " (the commands are report and watch)");
      System.exit(Usage.USAGE);
    }
  }
}

package io.github.kafkalatency.agent;

/** {@code java -jar kafka-latency-agent.jar}: what the jar is and how to attach it. */
public final class CommandLine {
  private CommandLine() {}

  public static void main(String[] args) {
    System.out.println("kafka-latency-agent " + Version.get());
    System.out.println("Attach to a broker: export KAFKA_OPTS=\"-javaagent:<path>/kafka-latency-agent.jar\"");
    if (args.length > 0) {
      System.out.println("unknown command: " + args[0]);
      System.exit(2);
    }
  }
}

package io.github.kafkalatency.agent;

import io.github.kafkalatency.config.AgentOptions;
import io.github.kafkalatency.config.BadOptionException;
import io.github.kafkalatency.emit.AgentLog;
import io.github.kafkalatency.emit.SummaryFormatter;
import io.github.kafkalatency.emit.SummaryLog;
import io.github.kafkalatency.instrument.HookStatus;
import io.github.kafkalatency.instrument.Installer;
import io.github.kafkalatency.jfr.Events;
import io.github.kafkalatency.jfr.InProgressEmitter;
import io.github.kafkalatency.jfr.JfrEmitter;
import io.github.kafkalatency.probe.Probe;
import io.github.kafkalatency.record.AgentFaults;
import io.github.kafkalatency.record.Aggregator;
import io.github.kafkalatency.record.BrokerFacts;
import io.github.kafkalatency.record.FileDescriptorPaths;
import io.github.kafkalatency.record.Hints;
import io.github.kafkalatency.record.JvmPauseWatch;
import io.github.kafkalatency.record.LogDirs;
import io.github.kafkalatency.record.MountInfo;
import io.github.kafkalatency.record.OngoingIncidents;
import io.github.kafkalatency.record.Partitions;
import io.github.kafkalatency.record.ProbeRecorder;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wires the stages together at start-up: options → instrument → probe sink → aggregator → emitters.
 * Called once by {@code AgentMain}, reflectively, from premain.
 *
 * <p>Bad options, an unknown Kafka or JDK version, or any failure here cost the broker one line on
 * stderr, never its start: the agent then disables itself (bad options, failure) or carries on with
 * the hooks that could be placed (unknown version).
 */
public final class AgentStarter {
  /**
   * The event types are registered (so that recordings list them before their first event) once the
   * broker has started: registering initialises JFR's metadata, 100 ms of CPU that start-up would
   * otherwise share its two cores with. An event emitted before then registers its own type.
   */
  private static final long EVENT_REGISTRATION_DELAY_NANOS = 15_000_000_000L;

  private AgentStarter() {}

  public static void start(String args, Instrumentation inst, String agentJar, boolean atLaunch) {
    AgentOptions options;
    try {
      options = AgentOptions.parse(args);
    } catch (BadOptionException e) {
      System.err.println("kafka-latency-agent: disabled: " + e.getMessage());
      return;
    }
    if (!options.enabled()) {
      System.err.println("kafka-latency-agent: disabled by enabled=false");
      return;
    }
    try {
      run(options, inst, atLaunch);
    } catch (Throwable t) {
      Probe.uninstall();
      System.err.println("kafka-latency-agent: disabled: could not start: " + t);
    }
  }

  /**
   * A checkpoint's sync names its file through private {@code java.io} fields
   * (FileDescriptorPaths).
   */
  private static void openFileDescriptors(Instrumentation inst) {
    try {
      inst.redefineModule(
          Object.class.getModule(),
          Set.of(),
          Map.of(),
          Map.of("java.io", Set.of(FileDescriptorPaths.class.getModule())),
          Set.of(),
          Map.of());
    } catch (RuntimeException e) {
      // not modifiable: checkpoint syncs are made but not timed
    }
  }

  /**
   * HotSpot's safepoint counters are in {@code sun.management}, which the agent may read once
   * exported to it.
   */
  private static JvmPauseWatch openPauseWatch(Instrumentation inst, Aggregator aggregator) {
    try {
      ModuleLayer.boot()
          .findModule("java.management")
          .ifPresent(
              m ->
                  inst.redefineModule(
                      m,
                      Set.of(),
                      Map.of("sun.management", Set.of(JvmPauseWatch.class.getModule())),
                      Map.of(),
                      Set.of(),
                      Map.of()));
    } catch (RuntimeException e) {
      // not modifiable: open() finds no counters and says so below
    }
    JvmPauseWatch watch = JvmPauseWatch.open(aggregator.pauses());
    if (watch == null) {
      System.err.println(
          "kafka-latency-agent: WARN HotSpot's safepoint counters are not readable"
              + " (-XX:-UsePerfData?): JVM pauses will not be attributed");
    }
    return watch;
  }

  private static void run(AgentOptions options, Instrumentation inst, boolean atLaunch) {
    String kafka = KafkaVersion.detect();
    int jdk = Runtime.version().feature();
    if (kafka != null && !KafkaVersion.isSupported(kafka)) {
      System.err.println(
          "kafka-latency-agent: WARN Kafka "
              + kafka
              + " is outside the tested 2.4-4.4 range; hooks that find their targets will still"
              + " work");
    }
    if (!KafkaVersion.isSupportedJdk(jdk)) {
      System.err.println(
          "kafka-latency-agent: WARN JDK "
              + Runtime.version()
              + " is outside the tested 17-25 range");
    }

    LogDirs logDirs = new LogDirs();
    List<String> dirs =
        options.logDirs().isEmpty()
            ? LogDirs.fromBrokerCommandLine(System.getProperty("sun.java.command"))
            : options.logDirs();
    dirs.forEach(logDirs::learn);

    JfrEmitter jfr = new JfrEmitter();
    ProbeRecorder recorder =
        new ProbeRecorder(
            new Partitions(logDirs), options.thresholdNanos(), options.lockThresholdNanos(), jfr);
    recorder.slowRequestNanos(options.slowRequestNanos());
    openFileDescriptors(inst);
    Probe.install(recorder);
    HookStatus hooks = Installer.install(inst, options);

    StatusLog status = new StatusLog(hooks, recorder);
    Outputs outputs = new Outputs(options);
    Aggregator aggregator =
        new Aggregator(
            recorder,
            options.intervalSeconds() * 1000L,
            options.idleIntervals(),
            outputs.listeners(
                status, jfr, new SummaryLog(new SummaryFormatter(options.topPartitions()))),
            List.of(jfr));
    JvmPauseWatch pauses = options.jvmPauses() ? openPauseWatch(inst, aggregator) : null;
    OngoingIncidents ongoing = new OngoingIncidents(recorder, new InProgressEmitter());
    long registerEventsAt = System.nanoTime() + EVENT_REGISTRATION_DELAY_NANOS;
    boolean[] eventsRegistered = {false};
    aggregator.onTick(
        () -> {
          if (!eventsRegistered[0] && System.nanoTime() - registerEventsAt >= 0) {
            eventsRegistered[0] = true;
            Events.register();
          }
          JfrEmitter.calibrateClock();
          ongoing.poll(System.nanoTime());
          if (pauses != null) {
            pauses.poll(System.nanoTime());
          }
        });
    aggregator.onStart(
        () -> {
          // Read once, here, off the broker's main thread and every hot path: evidence for remedy
          // hints.
          Hints hints =
              new Hints(
                  BrokerFacts.read(
                      kafka,
                      LogDirs.brokerProperties(System.getProperty("sun.java.command")),
                      MountInfo.read()));
          aggregator.hints(hints);
          jfr.hints(hints);
          if (options.recordingDir() != null) {
            // the agent's own recording starts JFR now anyway; it lists the types from the start
            eventsRegistered[0] = true;
            Events.register();
          }
          outputs.start(); // the agent's own JFR recording, if configured; never throws
        });
    aggregator.start();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(aggregator::stop, "kafka-latency-agent-shutdown"));
    AgentFaults.output((part, e) -> AgentLog.warn(part + " failed and is off: " + e));

    System.err.println(
        "kafka-latency-agent "
            + Version.get()
            + " started"
            + (atLaunch ? "" : " (attached)")
            + ": JDK "
            + Runtime.version()
            + ", Kafka "
            + (kafka == null ? "unknown" : kafka)
            + ", hooks "
            + String.join(", ", hooks.armed())
            + ", interval "
            + options.intervalSeconds()
            + "s"
            + ", log dirs "
            + (dirs.isEmpty() ? "learned from the logs" : String.join(";", dirs))
            + (options.given().isEmpty() ? "" : ", options " + options.given()));
  }
}

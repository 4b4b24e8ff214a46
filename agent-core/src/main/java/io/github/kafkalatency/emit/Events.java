package io.github.kafkalatency.emit;

import java.util.List;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;

/** The agent's JFR event types, all named {@value #NAMESPACE}*. */
public final class Events {
  public static final String NAMESPACE = "kafkalatency.";

  static final List<Class<? extends Event>> TYPES = List.of(
      LogAppendEvent.class,
      LogLockWaitEvent.class,
      LogLockHoldEvent.class,
      PartitionLockWaitEvent.class,
      LogFileOperationEvent.class,
      LogLockCascadeEvent.class,
      LogDirStallEvent.class,
      ProduceRequestEvent.class,
      PartitionLatencyEvent.class,
      IncidentInProgressEvent.class);

  private Events() {}

  /** Registers every type, so that they show in recordings' settings before their first event. */
  public static void register() {
    for (Class<? extends Event> type : TYPES) {
      FlightRecorder.register(type);
    }
  }
}

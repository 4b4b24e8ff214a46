package io.github.kafkalatency.jfr;

import java.util.List;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;

/** The agent's JFR event types, all named {@code kafkalatency.*} (see {@link EventSchema}). */
public final class Events {
  /** Every type, for registration and for the tests that hold the read side to them. */
  public static final List<Class<? extends Event>> TYPES =
      List.of(
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

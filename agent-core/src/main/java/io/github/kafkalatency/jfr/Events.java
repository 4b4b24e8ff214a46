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

  /**
   * Registers every type, so that they show in recordings' settings before their first event.
   *
   * <p>Each class is initialised before it is registered. {@code FlightRecorder.register} takes
   * JFR's metadata lock and then initialises the class, while an event class's first use on a
   * broker thread (a slow append during start-up) initialises it and registers it from its static
   * initialiser, taking the two in the other order: registering the class uninitialised deadlocked
   * both threads (seen in a JMH fork, JDK 17).
   */
  public static void register() {
    for (Class<? extends Event> type : TYPES) {
      initialize(type);
      FlightRecorder.register(type);
    }
  }

  private static void initialize(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e); // the class literal above is loaded already
    }
  }
}

package io.github.kafkalatency.jfr;

/**
 * The names the agent's recordings are read by: the event namespace, each event's name and the
 * broker-wide topic. The event classes here write them and {@code report} reads them, so a rename
 * is one edit; the field names are the event classes' own, and {@code EventSchemaTest} checks every
 * field the report and {@code watch} read against the registered types.
 */
public final class EventSchema {
  public static final String NAMESPACE = "kafkalatency.";

  public static final String LOG_APPEND = "LogAppend";
  public static final String LOG_LOCK_WAIT = "LogLockWait";
  public static final String LOG_LOCK_HOLD = "LogLockHold";
  public static final String PARTITION_LOCK_WAIT = "PartitionLockWait";
  public static final String LOG_FILE_OPERATION = "LogFileOperation";
  public static final String LOG_LOCK_CASCADE = "LogLockCascade";
  public static final String LOG_DIR_STALL = "LogDirStall";
  public static final String PRODUCE_REQUEST = "ProduceRequest";
  public static final String PARTITION_LATENCY = "PartitionLatency";
  public static final String INCIDENT_IN_PROGRESS = "IncidentInProgress";

  /**
   * The topic of the broker-wide interval figures: no partition has it, Kafka forbids {@code *}.
   */
  public static final String BROKER_WIDE_TOPIC = "*";

  /** JFR's own field for the thread that committed an event. */
  public static final String EVENT_THREAD = "eventThread";

  private EventSchema() {}
}

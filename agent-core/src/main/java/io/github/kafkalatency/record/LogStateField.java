package io.github.kafkalatency.record;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * The field the log-lock hook adds to Kafka's log class when it loads, in which the agent keeps
 * that log's {@link PartitionState}: every lock site then passes it to the probe, and finding the
 * partition costs one field read of a log already in the cache instead of an identity-table lookup
 * (OpenTelemetry's agent keeps its "virtual fields" the same way).
 *
 * <p>Usage: the hook adds {@code public transient Object} {@link #NAME}; {@link #store} writes a
 * log's state once, when the agent first sees that log, and {@link #clear} empties it when the
 * agent releases the partition. A class without the field (retransformed after it loaded, or a test
 * double without it) is left alone, and its logs are found by the lookup as before.
 *
 * <p>Thread-safety: any thread. A store is a plain write of an immutable reference; a probe that
 * reads null or a released state falls back to the lookup, which stores again.
 */
public final class LogStateField {
  public static final String NAME = "kafkaLatency$partition";
  public static final String DESCRIPTOR = "Ljava/lang/Object;";

  private static final ClassValue<Field> FIELDS =
      new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
          try {
            Field f = type.getField(NAME);
            int m = f.getModifiers();
            return f.getType() == Object.class && !Modifier.isStatic(m) && !Modifier.isFinal(m)
                ? f
                : null;
          } catch (NoSuchFieldException | SecurityException e) {
            return null;
          }
        }
      };

  private LogStateField() {}

  /** Keeps {@code state} in {@code log}'s added field, if it has one. Off Kafka's lock or not. */
  static void store(Object log, PartitionState state) {
    Field f = FIELDS.get(log.getClass());
    if (f == null) {
      return;
    }
    try {
      f.set(log, state);
    } catch (IllegalAccessException | IllegalArgumentException e) {
      // not ours to write after all: the lookup keeps working without it
    }
  }

  /** Empties {@code log}'s added field if it still holds {@code released}, so the state can go. */
  static void clear(Object log, PartitionState released) {
    Field f = FIELDS.get(log.getClass());
    if (f == null) {
      return;
    }
    try {
      if (f.get(log) == released) {
        f.set(log, null);
      }
    } catch (IllegalAccessException | IllegalArgumentException e) {
      // as in store()
    }
  }
}

package io.github.kafkalatency.jfr;

import java.lang.reflect.Field;
import jdk.jfr.Event;

/**
 * Gives an event the start and duration the probes measured, so that an operation reported after
 * the fact (once Kafka's lock is released) still sits at the right place on its thread's lane in
 * Mission Control.
 *
 * <p>JFR's {@code begin()}/{@code end()} can only take "now". HotSpot's JFR ticks are {@code
 * System.nanoTime()} less a constant on Linux (JDK 17 and 25), so once an enabled event shows the
 * constant, the event's own {@code startTime} and {@code duration} fields are set. Until then, or
 * if the fields or the constant cannot be found, events keep JFR's own timing (a start at commit,
 * no duration): {@link #calibrate} runs on the aggregator thread until it succeeds.
 *
 * <p>Thread-safe.
 */
final class JfrTime {
  private static final ClassValue<Field[]> FIELDS =
      new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
          try {
            Field start = type.getDeclaredField("startTime");
            Field duration = type.getDeclaredField("duration");
            start.setAccessible(true);
            duration.setAccessible(true);
            return new Field[] {start, duration};
          } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
          }
        }
      };

  private static volatile boolean calibrated;
  private static volatile long ticksMinusNanos;
  private static volatile boolean givenUp;

  private JfrTime() {}

  static boolean calibrated() {
    return calibrated;
  }

  /** Tries to learn the tick offset from a live event; cheap when no recording is running. */
  static void calibrate() {
    if (calibrated || givenUp) {
      return;
    }
    LogAppendEvent probe = new LogAppendEvent();
    if (!probe.isEnabled()) {
      return;
    }
    Field[] f = FIELDS.get(LogAppendEvent.class);
    if (f == null) {
      givenUp = true;
      return;
    }
    try {
      long n0 = System.nanoTime();
      probe.begin();
      long t0 = f[0].getLong(probe);
      Thread.sleep(20);
      LogAppendEvent second = new LogAppendEvent();
      long n1 = System.nanoTime();
      second.begin();
      long t1 = f[0].getLong(second);
      double ratio = (double) (t1 - t0) / (n1 - n0);
      if (t0 == 0 || ratio < 0.99 || ratio > 1.01) {
        givenUp = true; // ticks are not nanoseconds on this JVM
        return;
      }
      ticksMinusNanos = t0 - n0;
      calibrated = true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      givenUp = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sets the event's start and duration from {@code System.nanoTime()} values, when calibrated. */
  static void set(Event event, long startNanos, long durationNanos) {
    if (!calibrated) {
      return;
    }
    Field[] f = FIELDS.get(event.getClass());
    if (f == null) {
      return;
    }
    try {
      f[0].setLong(event, startNanos + ticksMinusNanos);
      f[1].setLong(event, Math.max(1, durationNanos));
    } catch (IllegalAccessException e) {
      // leave JFR's own timing
    }
  }
}

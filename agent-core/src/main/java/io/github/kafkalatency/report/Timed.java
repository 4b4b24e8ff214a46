package io.github.kafkalatency.report;

import java.time.Instant;

/**
 * An agent event read back from a recording: where it starts and how long it lasted.
 *
 * <p>Usage: {@code t.overlaps(from, to)} to keep the events of a time window.
 */
interface Timed {
  Instant start();

  long nanos();

  default Instant end() {
    return start().plusNanos(nanos());
  }

  /** Null bounds are open; touching counts, so that an instant event at the edge is kept. */
  default boolean overlaps(Instant from, Instant to) {
    return (from == null || !end().isBefore(from)) && (to == null || !start().isAfter(to));
  }
}

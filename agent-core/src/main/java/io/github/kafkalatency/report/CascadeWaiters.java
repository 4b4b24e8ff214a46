package io.github.kafkalatency.report;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The recorded waits behind one cascade: waits for the same partition's lock whose root holder is
 * the cascade's holder and that overlap its hold.
 *
 * <p>Usage: {@code CascadeWaiters.of(cascade, recording.waits())}, in arrival order. Waits shorter
 * than the agent's {@code lockThresholdMs} were never recorded, so there may be fewer than {@link
 * RecordedCascade#waiters()}.
 */
final class CascadeWaiters {
  private CascadeWaiters() {}

  static List<RecordedLockWait> of(RecordedCascade c, List<RecordedLockWait> waits) {
    return waits.stream()
        .filter(
            w ->
                c.holder() != null
                    && c.holder().equals(w.rootHolder())
                    && c.partition().equals(w.partition())
                    && w.overlaps(c.start(), c.end()))
        .sorted(Comparator.comparing(RecordedLockWait::start))
        .collect(Collectors.toList());
  }
}

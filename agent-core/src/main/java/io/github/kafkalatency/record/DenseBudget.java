package io.github.kafkalatency.record;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many {@link SparseHistogram}s may turn dense in one interval: a dense one is a plain
 * HdrHistogram of about 34 KB, so the cap bounds the memory busy partitions can take (two
 * intervals' worth at most: the current one and the snapshot being reported) however many there
 * are. Past the cap a histogram stays sparse: slower to record into, never less exact.
 *
 * <p>Usage: {@link #take} when a histogram wants to turn dense; {@link #newInterval} when the
 * aggregator starts a new interval. Thread-safe.
 */
final class DenseBudget {
  static final int PER_INTERVAL = 64;
  private static final AtomicInteger USED = new AtomicInteger();

  private DenseBudget() {}

  static boolean take() {
    return USED.get() < PER_INTERVAL && USED.incrementAndGet() <= PER_INTERVAL;
  }

  static void newInterval() {
    USED.set(0);
  }
}

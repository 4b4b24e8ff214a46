package io.github.kafkalatency.record;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * An HdrHistogram's counts, stored sparsely: one (bucket, count) pair per distinct bucket seen.
 *
 * <p>Usage: {@link #record} values; {@link #addTo} replays them into a real {@link Histogram} of
 * the same configuration for percentiles or an .hlog. A bucket is identified by its lowest
 * equivalent value under {@link #TEMPLATE}, so the replay lands every count in the bucket direct
 * recording would have used: the figures are HdrHistogram's, to the count. Why: a packed
 * HdrHistogram carries about 900 bytes of fixed overhead (iterators, context), which for 10,000
 * partitions times four metrics is over the agent's memory budget; a partition's interval rarely
 * touches more than a few dozen buckets. A busy one that does turns dense: past {@link
 * #DENSE_AFTER_BUCKETS} buckets it records into a plain {@link Histogram} (an array index instead
 * of a search and an insert, which were most of the aggregator's samples in a profile of a steady
 * broker), within {@link DenseBudget}'s cap on how many exist per interval.
 *
 * <p>Not thread-safe: the aggregator thread owns it.
 */
final class SparseHistogram {
  /** Below a microsecond nothing here needs telling apart. */
  static final long LOWEST_NANOS = 1_000L;

  static final long HIGHEST_NANOS = 3_600_000_000_000L;
  static final int DIGITS = 2;

  /** Only for its bucket arithmetic, which reads the configuration and never the counts. */
  private static final Histogram TEMPLATE = new Histogram(LOWEST_NANOS, HIGHEST_NANOS, DIGITS);

  static final int DENSE_AFTER_BUCKETS = 48;

  private long[] buckets = new long[4];
  private int[] counts = new int[4];
  private int size;
  private int last;
  private long total;
  private Histogram dense;

  void record(long nanos) {
    long value = Math.min(Math.max(nanos, 0), HIGHEST_NANOS);
    total++;
    if (dense != null) {
      dense.recordValue(value);
      return;
    }
    long bucket = TEMPLATE.lowestEquivalentValue(value);
    if (last < size && buckets[last] == bucket) {
      counts[last]++; // a partition's values mostly repeat their bucket: skip the search
    } else {
      int i = Arrays.binarySearch(buckets, 0, size, bucket);
      if (i >= 0) {
        counts[i]++;
        last = i;
      } else {
        last = -i - 1;
        insert(last, bucket);
        if (size > DENSE_AFTER_BUCKETS && DenseBudget.take()) {
          dense = newHistogram();
          addSparseTo(dense);
          buckets = null;
          counts = null;
          size = 0;
        }
      }
    }
  }

  boolean isDense() {
    return dense != null;
  }

  private void insert(int at, long bucket) {
    if (size == buckets.length) {
      buckets = Arrays.copyOf(buckets, size * 2);
      counts = Arrays.copyOf(counts, size * 2);
    }
    System.arraycopy(buckets, at, buckets, at + 1, size - at);
    System.arraycopy(counts, at, counts, at + 1, size - at);
    buckets[at] = bucket;
    counts[at] = 1;
    size++;
  }

  long totalCount() {
    return total;
  }

  /** Adds every count to {@code h}, which must be configured like {@link #newHistogram()}. */
  void addTo(Histogram h) {
    if (dense != null) {
      h.add(dense);
      return;
    }
    addSparseTo(h);
  }

  private void addSparseTo(Histogram h) {
    for (int i = 0; i < size; i++) {
      h.recordValueWithCount(buckets[i], counts[i]);
    }
  }

  static Histogram newHistogram() {
    return new Histogram(LOWEST_NANOS, HIGHEST_NANOS, DIGITS);
  }

  /** A fresh Histogram holding these counts. */
  Histogram toHistogram() {
    Histogram h = newHistogram();
    addTo(h);
    return h;
  }
}

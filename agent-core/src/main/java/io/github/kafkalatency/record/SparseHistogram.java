package io.github.kafkalatency.record;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * An HdrHistogram's counts, stored sparsely: one (bucket, count) pair per distinct bucket seen, in
 * one array.
 *
 * <p>Usage: {@link #record} values; {@link #addTo} replays them into a real {@link Histogram} of
 * the same configuration for percentiles or an .hlog. A bucket is identified by its lowest
 * equivalent value under {@link #TEMPLATE}, encoded losslessly in an int ({@link #key}), so the
 * replay lands every count in the bucket direct recording would have used: the figures are
 * HdrHistogram's, to the count. Why: a packed HdrHistogram carries about 900 bytes of fixed
 * overhead (iterators, context), which for 10,000 partitions times four metrics is over the agent's
 * memory budget; a partition's interval rarely touches more than a few dozen buckets. A busy one
 * that does turns dense: past {@link #DENSE_AFTER_BUCKETS} buckets it records into a plain {@link
 * Histogram} (an array index instead of a search and an insert, which were most of the aggregator's
 * samples in a profile of a steady broker), within {@link DenseBudget}'s cap on how many exist per
 * interval.
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

  /**
   * A bucket's lowest value is {@code m << shift}, {@code m} below {@link #SUB_BUCKETS}, its low
   * bits zero (HdrHistogram's layout: sub-bucket index shifted by bucket index plus unit
   * magnitude), so {@code shift << SUB_BITS | m} names it in an int, in the same order.
   */
  private static final int UNIT_MAGNITUDE = 63 - Long.numberOfLeadingZeros(LOWEST_NANOS);

  private static final int SUB_BITS = 64 - Long.numberOfLeadingZeros(2 * pow10(DIGITS) - 1);
  private static final int SUB_BUCKETS = 1 << SUB_BITS;

  /**
   * {@code key, count} pairs sorted by key, in one array: a bucket and its count share a cache
   * line, and a partition's histogram is one object and one array to reach.
   */
  private int[] pairs = new int[8];

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
    int bucket = key(TEMPLATE.lowestEquivalentValue(value));
    int[] p = pairs;
    if (last < size && p[2 * last] == bucket) {
      p[2 * last + 1]++; // a partition's values mostly repeat their bucket: skip the search
      return;
    }
    int i = indexOf(p, size, bucket);
    if (i >= 0) {
      p[2 * i + 1]++;
      last = i;
      return;
    }
    last = -i - 1;
    insert(last, bucket);
    if (size > DENSE_AFTER_BUCKETS && DenseBudget.take()) {
      dense = newHistogram();
      addSparseTo(dense);
      pairs = null;
      size = 0;
    }
  }

  static int key(long lowestEquivalentValue) {
    int bits = 64 - Long.numberOfLeadingZeros(lowestEquivalentValue);
    int shift = Math.max(UNIT_MAGNITUDE, bits - SUB_BITS);
    return shift << SUB_BITS | (int) (lowestEquivalentValue >>> shift);
  }

  static long lowestValue(int key) {
    return (long) (key & (SUB_BUCKETS - 1)) << (key >>> SUB_BITS);
  }

  private static long pow10(int n) {
    long v = 1;
    for (int i = 0; i < n; i++) {
      v *= 10;
    }
    return v;
  }

  /** As {@link java.util.Arrays#binarySearch}, over the keys of the first {@code size} pairs. */
  private static int indexOf(int[] p, int size, int bucket) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int b = p[2 * mid];
      if (b < bucket) {
        low = mid + 1;
      } else if (b > bucket) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  boolean isDense() {
    return dense != null;
  }

  private void insert(int at, int bucket) {
    if (2 * size == pairs.length) {
      pairs = Arrays.copyOf(pairs, pairs.length * 2);
    }
    System.arraycopy(pairs, 2 * at, pairs, 2 * at + 2, 2 * (size - at));
    pairs[2 * at] = bucket;
    pairs[2 * at + 1] = 1;
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
      h.recordValueWithCount(lowestValue(pairs[2 * i]), pairs[2 * i + 1]);
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

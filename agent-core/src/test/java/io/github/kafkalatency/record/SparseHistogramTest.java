package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SparseHistogramTest {
  @Test
  void replaysToExactlyWhatDirectRecordingGives() {
    Random rnd = new Random(42);
    SparseHistogram sparse = new SparseHistogram();
    Histogram direct = SparseHistogram.newHistogram();
    for (int i = 0; i < 200_000; i++) {
      long v = (long) Math.exp(rnd.nextDouble() * Math.log(1e10)); // 1 ns .. 10 s, log-uniform
      sparse.record(v);
      direct.recordValue(v);
    }
    Histogram replayed = sparse.toHistogram();
    assertEquals(direct.getTotalCount(), replayed.getTotalCount());
    for (double p : new double[] {0, 10, 50, 90, 99, 99.9, 99.99, 100}) {
      assertEquals(direct.getValueAtPercentile(p), replayed.getValueAtPercentile(p), "p" + p);
    }
    assertEquals(direct.getMaxValue(), replayed.getMaxValue());
    assertEquals(direct, replayed);
  }

  @Test
  void runsOfOneBucketAndNewBucketsBetweenThemReplayExactly() {
    Random rnd = new Random(7);
    SparseHistogram sparse = new SparseHistogram();
    Histogram direct = SparseHistogram.newHistogram();
    for (int run = 0; run < 2_000; run++) {
      long v =
          1_000
              + rnd.nextInt(5_000_000); // a new bucket lands before, between or after earlier ones
      for (int i = rnd.nextInt(20); i >= 0; i--) {
        sparse.record(v + i % 3);
        direct.recordValue(v + i % 3);
      }
    }
    assertEquals(direct, sparse.toHistogram());
  }

  @Test
  void aBusyHistogramTurnsDenseWithinTheBudgetAndCountsTheSameEitherWay() {
    DenseBudget.newInterval();
    Random rnd = new Random(3);
    Histogram direct = SparseHistogram.newHistogram();
    SparseHistogram[] all = new SparseHistogram[DenseBudget.PER_INTERVAL + 2];
    for (int k = 0; k < all.length; k++) {
      all[k] = new SparseHistogram();
    }
    for (int i = 0; i < 20_000; i++) {
      long v = 1_000 + rnd.nextInt(50_000_000);
      direct.recordValue(v);
      for (SparseHistogram h : all) {
        h.record(v);
      }
    }
    assertTrue(all[0].isDense());
    assertFalse(all[all.length - 1].isDense(), "past the budget a histogram stays sparse");
    for (SparseHistogram h : all) {
      assertEquals(direct, h.toHistogram());
    }
    DenseBudget.newInterval();
    SparseHistogram next = new SparseHistogram();
    for (int i = 0; i < 1_000; i++) {
      next.record(1_000 + i * 10_000L);
    }
    assertTrue(next.isDense(), "a new interval has the whole budget again");
  }

  @Test
  void everyBucketHasItsOwnIntKeyInTheBucketsOrder() {
    Histogram h = SparseHistogram.newHistogram();
    long previous = -1;
    int previousKey = Integer.MIN_VALUE;
    int buckets = 0;
    for (long v = 0; v <= SparseHistogram.HIGHEST_NANOS; v = h.nextNonEquivalentValue(v)) {
      long lowest = h.lowestEquivalentValue(v);
      int key = SparseHistogram.key(lowest);
      assertEquals(lowest, SparseHistogram.lowestValue(key), "bucket of " + v);
      assertTrue(lowest > previous && key > previousKey, "in order at " + v);
      previous = lowest;
      previousKey = key;
      buckets++;
    }
    assertTrue(buckets > 3_000, buckets + " buckets walked");
  }

  @Test
  void clampsOutOfRangeValues() {
    SparseHistogram s = new SparseHistogram();
    s.record(-5);
    s.record(Long.MAX_VALUE);
    Histogram h = s.toHistogram();
    assertEquals(2, h.getTotalCount());
    assertEquals(0, h.getMinValue());
    assertEquals(h.highestEquivalentValue(SparseHistogram.HIGHEST_NANOS), h.getMaxValue());
  }
}

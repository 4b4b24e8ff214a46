package io.github.kafkalatency.examples.bench.broker;

import java.util.Arrays;
import java.util.List;

/** Percentiles of sorted samples, and median/min/max of a handful of per-pair figures. */
final class Stats {
  private Stats() {}

  /**
   * The nearest-rank percentile: the smallest sample with at least {@code q} of the samples at or
   * below it.
   */
  static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static double[] sorted(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v;
  }

  /**
   * The 95 % percentile-bootstrap interval of the median of {@code values}: 10,000 resamples with
   * replacement (fixed seed, so a report can be made again from the same figures).
   */
  static double[] bootstrapMedianInterval(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    if (v.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    java.util.Random rnd = new java.util.Random(1);
    double[] medians = new double[10_000];
    double[] sample = new double[v.length];
    for (int b = 0; b < medians.length; b++) {
      for (int i = 0; i < v.length; i++) {
        sample[i] = v[rnd.nextInt(v.length)];
      }
      Arrays.sort(sample);
      int n = sample.length;
      medians[b] = n % 2 == 1 ? sample[n / 2] : (sample[n / 2 - 1] + sample[n / 2]) / 2;
    }
    Arrays.sort(medians);
    return new double[] {
      medians[(int) (0.025 * medians.length)], medians[(int) (0.975 * medians.length) - 1]
    };
  }
}

package io.github.kafkalatency.record;

/**
 * Receives each finished interval on the aggregator thread: JFR periodic events, the summary line.
 */
public interface IntervalListener {
  void onInterval(IntervalSnapshot interval);
}

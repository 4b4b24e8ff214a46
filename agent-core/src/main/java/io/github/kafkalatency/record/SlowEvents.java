package io.github.kafkalatency.record;

/**
 * Slow file operations seen while the thread held a log lock, kept until the lock is released so
 * that nothing heavier than plain stores runs under Kafka's lock.
 *
 * <p>Thread-safety: owned by one thread. Holds at most {@link #CAPACITY}; more are counted as lost.
 */
final class SlowEvents {
  static final int CAPACITY = 4;

  final int[] ops = new int[CAPACITY];
  final String[] paths = new String[CAPACITY];
  final long[] starts = new long[CAPACITY];
  final long[] durations = new long[CAPACITY];
  final long[] bytes = new long[CAPACITY];
  int size;
  long lost;

  void add(int op, String path, long start, long duration, long byteCount) {
    if (size == CAPACITY) {
      lost++;
      return;
    }
    ops[size] = op;
    paths[size] = path;
    starts[size] = start;
    durations[size] = duration;
    bytes[size] = byteCount;
    size++;
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      paths[i] = null;
    }
    size = 0;
  }
}

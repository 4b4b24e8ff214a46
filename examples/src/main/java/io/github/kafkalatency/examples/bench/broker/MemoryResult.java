package io.github.kafkalatency.examples.bench.broker;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A broker with many partitions under a load touching all of them: its live heap (after the full GC
 * of {@code GC.class_histogram}) early in the load and, three times, at its end (after the agent's
 * first 60 s interval has rolled over), and the part of it in the agent's own classes.
 */
record MemoryResult(
    boolean agent,
    int partitions,
    double startupSeconds,
    int seconds,
    long recordsAcked,
    long errors,
    HeapProbe.Histogram early,
    List<HeapProbe.Histogram> late,
    Map<Integer, Integer> largeByteArrays) {

  /** KRaft's BatchMemoryPool batch: {@code KafkaRaftClient.MAX_BATCH_SIZE_BYTES}. */
  static final int KRAFT_BATCH_BYTES = 8 * 1024 * 1024;

  /** The heap footprint of one such {@code byte[]}: 16 bytes of header, then the bytes. */
  static final long KRAFT_BATCH_FOOTPRINT = KRAFT_BATCH_BYTES + 16L;

  static final String HEADER =
      "side\tpartitions\tstartup_s\tload_s\trecords_acked\terrors\tlive_early_MB\tlive_end_MB_1"
          + "\tlive_end_MB_2\tlive_end_MB_3\tagent_classes_end_MB\tkraft_8MiB_buffers"
          + "\tlive_end_without_kraft_buffers_MB\tbyte_arrays_over_1MiB";

  String side() {
    return agent ? "agent" : "none";
  }

  /** Median of the three end-of-load histograms' totals, in MB (10^6 bytes). */
  double liveEndMegabytes() {
    return Stats.median(late.stream().map(h -> h.totalBytes() / 1e6).toList());
  }

  /**
   * A line of {@code memory.tsv} and the histograms saved next to it in {@code
   * runs/memory-<n>-<side>/}, as {@code --report} reads them back.
   */
  static MemoryResult parse(String line, java.nio.file.Path runs) throws java.io.IOException {
    String[] f = line.split("\t");
    boolean agent = f[0].equals("agent");
    int partitions = Integer.parseInt(f[1]);
    java.nio.file.Path dir = runs.resolve("memory-" + partitions + "-" + f[0]);
    HeapProbe.Histogram early = histogram(dir.resolve("histogram-early.txt"));
    List<HeapProbe.Histogram> late =
        List.of(
            histogram(dir.resolve("histogram-1.txt")),
            histogram(dir.resolve("histogram-2.txt")),
            histogram(dir.resolve("histogram-3.txt")));
    Map<Integer, Integer> large = new java.util.TreeMap<>();
    for (String entry : f[13].split(",")) {
      if (!entry.isBlank()) {
        String[] lc = entry.split("x");
        large.put(Integer.parseInt(lc[0]), Integer.parseInt(lc[1]));
      }
    }
    return new MemoryResult(
        agent,
        partitions,
        Double.parseDouble(f[2]),
        Integer.parseInt(f[3]),
        Long.parseLong(f[4]),
        Long.parseLong(f[5]),
        early,
        late,
        large);
  }

  private static HeapProbe.Histogram histogram(java.nio.file.Path file) throws java.io.IOException {
    return HeapProbe.parse(java.nio.file.Files.readString(file), file.toString());
  }

  /** How many 8 MiB KRaft batch buffers this broker kept (from the heap dump). */
  int kraftBuffers() {
    return largeByteArrays.getOrDefault(KRAFT_BATCH_BYTES, 0);
  }

  /** {@link #liveEndMegabytes()} less the KRaft batch buffers this broker happened to keep. */
  double liveEndWithoutKraftBuffersMegabytes() {
    return liveEndMegabytes() - kraftBuffers() * KRAFT_BATCH_FOOTPRINT / 1e6;
  }

  /** The end-of-load histogram with the median total. */
  HeapProbe.Histogram medianLate() {
    return late.stream()
        .sorted(java.util.Comparator.comparingLong(HeapProbe.Histogram::totalBytes))
        .toList()
        .get(late.size() / 2);
  }

  double agentClassesEndMegabytes() {
    return Stats.median(late.stream().map(h -> h.agentBytes() / 1e6).toList());
  }

  String tsv() {
    return String.format(
        Locale.ROOT,
        "%s\t%d\t%.3f\t%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.3f\t%d\t%.2f\t%s",
        side(),
        partitions,
        startupSeconds,
        seconds,
        recordsAcked,
        errors,
        early.totalBytes() / 1e6,
        late.get(0).totalBytes() / 1e6,
        late.get(1).totalBytes() / 1e6,
        late.get(2).totalBytes() / 1e6,
        agentClassesEndMegabytes(),
        kraftBuffers(),
        liveEndWithoutKraftBuffersMegabytes(),
        largeArrays());
  }

  /** {@code 134217728x1,8388608x2}: length x count of the byte arrays over 1 MiB. */
  String largeArrays() {
    return largeByteArrays.entrySet().stream()
        .map(e -> e.getKey() + "x" + e.getValue())
        .collect(java.util.stream.Collectors.joining(","));
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "memory %-5s %d partitions, %,d records acked (%d errors): live heap after full GC %.1f MB"
            + " at %d s, %.1f / %.1f / %.1f MB at the end; agent classes %.2f MB; %d KRaft 8 MiB"
            + " batch buffers kept; byte[] over 1 MiB (length x count): %s",
        side(),
        partitions,
        recordsAcked,
        errors,
        early.totalBytes() / 1e6,
        Math.min(25, seconds / 2),
        late.get(0).totalBytes() / 1e6,
        late.get(1).totalBytes() / 1e6,
        late.get(2).totalBytes() / 1e6,
        agentClassesEndMegabytes(),
        kraftBuffers(),
        largeArrays());
  }
}

package io.github.kafkalatency.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A stretch of time worth a timeline: around one or more cascades and stalls (or, in a recording
 * without any, around the slowest operations), padded so that what led up to them shows.
 *
 * <p>Usage: {@code SlowWindow.find(recording, max)}: at most {@code max} windows, the worst (by
 * their longest incident) kept, returned in time order. Windows follow the incidents rather than
 * spanning the recording, because an hour of recording with two 300 ms freezes would otherwise draw
 * them one pixel wide.
 */
record SlowWindow(Instant from, Instant to, long worstNanos, int cascades, int stalls) {
  private static final long MERGE_GAP_NANOS = 200_000_000L;
  private static final long MIN_PAD_NANOS = 20_000_000L;

  static List<SlowWindow> find(AgentRecording r, int max) {
    List<Timed> seeds = new ArrayList<>(r.cascades());
    seeds.addAll(r.stalls());
    if (seeds.isEmpty()) {
      Stream.of(r.waits(), r.holds(), r.fileOps(), r.produceRequests())
          .flatMap(List::stream)
          .sorted(Comparator.comparingLong(Timed::nanos).reversed())
          .limit(max)
          .forEach(seeds::add);
    }
    seeds.sort(Comparator.comparing(Timed::start));
    List<List<Timed>> groups = new ArrayList<>();
    Instant groupEnd = null;
    for (Timed t : seeds) {
      if (groupEnd == null || t.start().isAfter(groupEnd.plusNanos(MERGE_GAP_NANOS))) {
        groups.add(new ArrayList<>());
        groupEnd = t.end();
      }
      groups.get(groups.size() - 1).add(t);
      groupEnd = t.end().isAfter(groupEnd) ? t.end() : groupEnd;
    }
    return groups.stream()
        .map(SlowWindow::of)
        .sorted(Comparator.comparingLong(SlowWindow::worstNanos).reversed())
        .limit(max)
        .sorted(Comparator.comparing(SlowWindow::from))
        .collect(Collectors.toList());
  }

  private static SlowWindow of(List<Timed> group) {
    Instant from = group.stream().map(Timed::start).min(Comparator.naturalOrder()).orElseThrow();
    Instant to = group.stream().map(Timed::end).max(Comparator.naturalOrder()).orElseThrow();
    long span = Duration.between(from, to).toNanos();
    long pad = Math.max(MIN_PAD_NANOS, span / 5);
    long worst = group.stream().mapToLong(Timed::nanos).max().orElse(0);
    int cascades = (int) group.stream().filter(t -> t instanceof RecordedCascade).count();
    int stalls = (int) group.stream().filter(t -> t instanceof RecordedStall).count();
    return new SlowWindow(from.minusNanos(pad), to.plusNanos(pad), worst, cascades, stalls);
  }
}

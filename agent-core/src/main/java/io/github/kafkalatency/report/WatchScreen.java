package io.github.kafkalatency.report;

import io.github.kafkalatency.jfr.EventSchema;
import io.github.kafkalatency.text.Durations;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The watch's view for people. Live (a terminal): a header (broker, Kafka version, uptime,
 * events/s), the latest incidents, and the worst partitions of the last interval, redrawn in place
 * with colour. Plain (piped, or {@code --plain}): one line per incident as it comes (an incident in
 * progress when first seen and when it ends), and the worst partitions after each interval.
 *
 * <p>Usage: {@code screen.accept(event)} for each event, {@code screen.flushed()} after each flush
 * of the stream, {@code screen.tick()} about once a second. Thread-safe (synchronized): the
 * stream's thread feeds it, the command's thread ticks it.
 */
final class WatchScreen {
  private static final int KEPT = 500;
  private static final int WORST = 5;
  private static final String[] HINT_FIELDS = {"remedy", "hint"};
  private static final String RESET = "\033[0m";
  private static final String BOLD = "\033[1m";
  private static final String RED = "\033[1;31m";
  private static final String YELLOW = "\033[33m";
  private static final String MAGENTA = "\033[35m";
  private static final String DIM = "\033[2m";
  private static final String GREEN = "\033[32m";

  private static final class Line {
    final Instant time;
    String label;
    String text;
    String colour;

    Line(Instant time, String label, String text, String colour) {
      this.time = time;
      this.label = label;
      this.text = text;
      this.colour = colour;
    }
  }

  private static final class ProduceGroup {
    final long second;
    int count;
    RecordedProduceRequest worst;
    final Map<String, Integer> causes = new TreeMap<>();
    Line line;

    ProduceGroup(long second) {
      this.second = second;
    }
  }

  private final PrintStream out;
  private final boolean live;
  private final BrokerInfo info;
  private final TimeFormat tf;
  private final int rows;
  private final int columns;
  private final Deque<Line> incidents = new ArrayDeque<>();
  private final Map<String, Line> inProgress = new HashMap<>();
  private ProduceGroup produce;
  private Instant intervalStart;
  private final Map<String, RecordedInterval> appendByPartition = new HashMap<>();
  private final Map<String, RecordedInterval> lockWaitByPartition = new HashMap<>();
  private Instant printedInterval;
  private long events;
  private long rateEvents;
  private long rateSince = System.nanoTime();
  private long perSecond;
  private boolean dirty = true;

  WatchScreen(
      PrintStream out, boolean live, BrokerInfo info, TimeFormat tf, int rows, int columns) {
    this.out = out;
    this.live = live;
    this.info = info;
    this.tf = tf;
    this.rows = Math.max(rows, 16);
    this.columns = Math.max(columns, 60);
    if (live) {
      out.print("\033[?25l");
    } else {
      out.println(
          "watching "
              + info.name()
              + ", Kafka "
              + orUnknown(info.kafkaVersion())
              + ", up "
              + info.uptime(Instant.now())
              + ", via "
              + info.via());
    }
    out.flush();
  }

  synchronized void accept(RecordedEvent e) {
    String name = e.getEventType().getName();
    if (!name.startsWith(EventSchema.NAMESPACE)) {
      return;
    }
    events++;
    switch (name.substring(EventSchema.NAMESPACE.length())) {
      case EventSchema.LOG_LOCK_CASCADE ->
          add(new Line(e.getStartTime(), "CASCADE", cascade(EventMapper.cascade(e), hint(e)), RED));
      case EventSchema.LOG_DIR_STALL ->
          add(new Line(e.getStartTime(), "STALL", stall(EventMapper.stall(e), hint(e)), YELLOW));
      case EventSchema.INCIDENT_IN_PROGRESS -> inProgress(EventMapper.inProgress(e));
      case EventSchema.PRODUCE_REQUEST -> produce(EventMapper.produceRequest(e));
      case EventSchema.PARTITION_LATENCY -> interval(EventMapper.intervalLatency(e));
      default -> {}
    }
  }

  /** After a flush of the stream: plain mode prints the interval that has just come in. */
  synchronized void flushed() {
    if (!live && intervalStart != null && !intervalStart.equals(printedInterval)) {
      printedInterval = intervalStart;
      for (String l : worstPartitions()) {
        out.println(l);
      }
      out.flush();
    }
    if (live && dirty) {
      draw();
    }
  }

  synchronized void tick() {
    long now = System.nanoTime();
    if (now - rateSince >= 1_000_000_000L) {
      perSecond = (events - rateEvents) * 1_000_000_000L / (now - rateSince);
      rateEvents = events;
      rateSince = now;
      dirty = true;
    }
    if (live && dirty) {
      draw();
    }
  }

  synchronized void close(String why) {
    if (live) {
      draw();
      out.print("\033[?25h");
    }
    if (why != null) {
      out.println(why);
    }
    out.flush();
  }

  synchronized void add(Instant time, String label, String text) {
    add(new Line(time, label, text, ""));
  }

  private void add(Line l) {
    incidents.addLast(l);
    while (incidents.size() > KEPT) {
      incidents.removeFirst();
    }
    dirty = true;
    if (!live) {
      out.println(plain(l));
      out.flush();
    }
  }

  synchronized void inProgress(RecordedInProgress i) {
    String key = i.key();
    Line l = inProgress.get(key);
    String text = inProgressText(i);
    if (l == null) {
      if (i.ended() && i.update() > 1) {
        return; // its start came before this watch did: the complete incident will follow
      }
      l =
          new Line(
              i.start(),
              i.ended() ? "ENDED" : "IN PROGRESS",
              text,
              i.ended() ? DIM : RED + "\033[5m");
      inProgress.put(key, l);
      add(l);
    } else {
      l.text = text;
      if (i.ended()) {
        l.label = "ENDED";
        l.colour = DIM;
        if (!live) {
          out.println(plain(l));
          out.flush();
        }
      }
      dirty = true;
    }
    if (i.ended()) {
      inProgress.remove(key);
    }
  }

  private void produce(RecordedProduceRequest r) {
    long second = System.currentTimeMillis() / 1000;
    if (produce == null || produce.second != second) {
      if (produce != null && !live) {
        out.println(plain(produce.line));
      }
      produce = new ProduceGroup(second);
      produce.line = new Line(r.start(), "SLOW PRODUCE", "", MAGENTA);
      incidents.addLast(produce.line);
    }
    ProduceGroup g = produce;
    g.count++;
    if (g.worst == null || r.nanos() > g.worst.nanos()) {
      g.worst = r;
    }
    g.causes.merge(r.dominantCause() == null ? "other" : r.dominantCause(), 1, Integer::sum);
    g.line.text =
        (g.count == 1 ? "1 request" : g.count + " requests")
            + ", slowest "
            + Durations.format(g.worst.nanos())
            + " (client "
            + g.worst.clientId()
            + ", "
            + orUnknown(g.worst.dominantCause())
            + ", "
            + list(g.worst.partitions(), 3)
            + "); causes "
            + g.causes.entrySet().stream()
                .map(c -> c.getKey() + " " + c.getValue())
                .collect(Collectors.joining(", "));
    dirty = true;
  }

  private void interval(RecordedInterval i) {
    if (PartitionNames.BROKER_WIDE.equals(i.partition())) {
      return;
    }
    if (intervalStart == null || !intervalStart.equals(i.start())) {
      intervalStart = i.start();
      appendByPartition.clear();
      lockWaitByPartition.clear();
    }
    if ("append".equals(i.metric())) {
      appendByPartition.put(i.partition(), i);
    } else if ("lock-wait".equals(i.metric())) {
      lockWaitByPartition.put(i.partition(), i);
    }
    dirty = true;
  }

  private List<String> worstPartitions() {
    List<String> lines = new ArrayList<>();
    if (intervalStart == null) {
      lines.add("worst partitions: no interval yet (the agent reports one every intervalSeconds)");
      return lines;
    }
    RecordedInterval any = appendByPartition.values().stream().findAny().orElse(null);
    lines.add(
        "worst partitions by append p99, interval "
            + tf.time(intervalStart)
            + (any == null ? "" : " (" + Durations.format(any.nanos()) + ")")
            + ":");
    List<RecordedInterval> worst =
        appendByPartition.values().stream()
            .sorted(
                Comparator.comparingLong(RecordedInterval::p99)
                    .reversed()
                    .thenComparing(RecordedInterval::partition))
            .limit(WORST)
            .collect(Collectors.toList());
    if (worst.isEmpty()) {
      lines.add("  (no appends)");
    }
    for (RecordedInterval a : worst) {
      RecordedInterval w = lockWaitByPartition.get(a.partition());
      lines.add(
          String.format(
              "  %-28s %8d appends  p50 %7s  p99 %7s  max %7s  lock-wait p99 %7s",
              a.partition(),
              a.count(),
              Durations.format(a.p50()),
              Durations.format(a.p99()),
              Durations.format(a.max()),
              w == null ? "-" : Durations.format(w.p99())));
    }
    return lines;
  }

  private void draw() {
    dirty = false;
    StringBuilder b = new StringBuilder("\033[H\033[2J");
    b.append(BOLD)
        .append(
            clip(
                "kafka-latency-agent watch | "
                    + info.name()
                    + " | Kafka "
                    + orUnknown(info.kafkaVersion())
                    + " | up "
                    + info.uptime(Instant.now())
                    + " | "
                    + perSecond
                    + " events/s | via "
                    + info.via()))
        .append(RESET)
        .append('\n');
    List<String> worst = worstPartitions();
    int room = rows - 4 - worst.size();
    b.append(clip("incidents (newest last)" + (incidents.isEmpty() ? ": none yet" : ":")))
        .append('\n');
    List<Line> shown = new ArrayList<>(incidents);
    for (Line l : shown.subList(Math.max(0, shown.size() - room), shown.size())) {
      b.append(l.colour).append(clip(plain(l))).append(RESET).append('\n');
    }
    for (int i = Math.min(room, shown.size()); i < room; i++) {
      b.append('\n');
    }
    for (String l : worst) {
      b.append(GREEN).append(clip(l)).append(RESET).append('\n');
    }
    b.append(DIM).append("Ctrl-C to stop").append(RESET);
    out.print(b);
    out.flush();
  }

  private String plain(Line l) {
    return tf.time(l.time) + "  " + String.format("%-12s", l.label) + " " + l.text;
  }

  private String clip(String s) {
    return s.length() <= columns ? s : s.substring(0, columns - 1) + "…";
  }

  static String cascade(RecordedCascade c, String hint) {
    StringBuilder b =
        new StringBuilder(c.partition())
            .append(" held ")
            .append(Durations.format(c.nanos()))
            .append(" by ")
            .append(c.holder());
    if (c.holderSite() != null) {
      b.append(" (").append(c.holderSite()).append(')');
    }
    if (c.operation() != null) {
      b.append(" in ")
          .append(c.operation())
          .append(' ')
          .append(c.operationFile())
          .append(' ')
          .append(Durations.format(c.operationNanos()));
    } else {
      b.append(", no file operation inside");
    }
    b.append("; ")
        .append(c.waiters())
        .append(c.waiters() == 1 ? " waiter" : " waiters")
        .append(", longest wait ")
        .append(Durations.format(c.maxWaitNanos()))
        .append(", total ")
        .append(Durations.format(c.totalWaitNanos()));
    return withRemedy(b, c.verdictNote(), hint, c.waitSiteNote());
  }

  /** With the remedy, as a cascade: a stall is as often what the operator must act on. */
  static String stall(RecordedStall s, String hint) {
    StringBuilder b =
        new StringBuilder(s.logDir())
            .append(' ')
            .append(Durations.format(s.nanos()))
            .append(": ")
            .append(s.partitions().size())
            .append(" partitions (")
            .append(list(s.partitions(), 4))
            .append("), ")
            .append(s.operations())
            .append(" slow writes/fsyncs, longest ")
            .append(Durations.format(s.maxOperationNanos()));
    return withRemedy(b, s.verdictNote(), hint, s.waitSiteNote());
  }

  /**
   * The verdict, then the remedy, then the kernel's evidence: a line clipped at the terminal's
   * width loses the evidence before it loses what to do.
   */
  private static String withRemedy(StringBuilder b, String verdict, String hint, String waitSite) {
    if (verdict != null && !verdict.isEmpty()) {
      b.append("; ").append(verdict);
    }
    if (hint != null) {
      b.append(" -> ").append(hint);
    }
    if (waitSite != null) {
      b.append("; ").append(waitSite);
    }
    return b.toString();
  }

  static String inProgressText(RecordedInProgress i) {
    String how =
        i.ended()
            ? "ended after " + Durations.format(i.nanos())
            : "for " + Durations.format(i.nanos()) + " so far";
    if ("stall".equals(i.kind())) {
      return "stall "
          + i.logDir()
          + ": writes stuck on "
          + i.partitions().size()
          + " partitions ("
          + list(i.partitions(), 4)
          + "), "
          + i.threads().size()
          + " threads, "
          + how;
    }
    return "cascade "
        + i.partition()
        + ": "
        + i.holder()
        + (i.ended() ? " held" : " holds")
        + " the log lock, in "
        + orUnknown(i.operation())
        + " "
        + orUnknown(i.operationFile())
        + " "
        + how
        + "; "
        + i.waiters()
        + (i.ended() ? " were" : "")
        + " queued on the lock"
        + (i.waiterThreads().isEmpty() ? "" : " (" + list(i.waiterThreads(), 3) + ")");
  }

  private static String hint(RecordedEvent e) {
    for (String f : HINT_FIELDS) {
      String s = Fields.string(e, f);
      if (s != null && !s.isBlank()) {
        return s;
      }
    }
    return null;
  }

  private static String list(List<String> items, int max) {
    if (items.size() <= max) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, max)) + ", +" + (items.size() - max) + " more";
  }

  private static String orUnknown(String s) {
    return s == null ? "?" : s;
  }
}

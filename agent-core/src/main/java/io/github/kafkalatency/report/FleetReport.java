package io.github.kafkalatency.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The report over several brokers' recordings: the brokers read, the incidents (cascades and
 * stalls) that overlap in time on more than one broker, grouped as one (a cause the brokers share:
 * a storage array, a network, a fleet-wide setting), then each broker's own report.
 *
 * <p>Usage: {@code FleetReport.lines(brokers, selection, top, tf)}; {@link #merged} gives one
 * recording whose thread, partition and log dir names carry {@code [broker] }, so that the HTML
 * timeline draws a group of lanes per broker. Incidents on different brokers are taken to overlap
 * when they are at most {@link #SLACK} apart: the brokers' clocks are compared as they are.
 */
final class FleetReport {
  static final Duration SLACK = Duration.ofSeconds(1);

  private FleetReport() {}

  /** One cascade or stall of one broker. */
  record Incident(String broker, Instant start, Instant end, String what) {}

  /** Incidents chained by overlap on two or more brokers. */
  record Group(Instant start, Instant end, List<Incident> incidents) {
    List<String> brokers() {
      return incidents.stream()
          .map(Incident::broker)
          .distinct()
          .sorted()
          .collect(Collectors.toList());
    }
  }

  static List<String> lines(
      List<Brokers.Broker> brokers, Selection selection, int top, TimeFormat tf) {
    List<String> out = new ArrayList<>();
    out.add("kafka-latency-agent report: " + brokers.size() + " brokers");
    Map<String, AgentRecording> selected = new LinkedHashMap<>();
    for (Brokers.Broker b : brokers) {
      AgentRecording s = selection.apply(b.recording());
      selected.put(b.name(), s);
      out.add(
          "  "
              + b.name()
              + ": "
              + b.recording().file()
              + ", "
              + tf.span(b.recording().first(), b.recording().last(), true)
              + "; "
              + s.cascades().size()
              + " cascades, "
              + s.stalls().size()
              + " stalls");
    }
    List<Group> groups = shared(selected);
    out.add("");
    if (groups.isEmpty()) {
      out.add("Incidents on more than one broker at the same time: none");
    } else {
      out.add(
          "Incidents on more than one broker at the same time (within "
              + SLACK.toMillis()
              + " ms of each other): "
              + groups.size()
              + "; a cause they share (storage, network, a fleet-wide"
              + " setting) is more likely than one broker's own");
      for (int i = 0; i < groups.size(); i++) {
        Group g = groups.get(i);
        out.add(
            Sections.INDENT
                + (i + 1)
                + ". "
                + tf.span(g.start(), g.end(), i == 0)
                + ", brokers "
                + String.join(", ", g.brokers()));
        for (String broker : g.brokers()) {
          List<String> whats =
              g.incidents().stream()
                  .filter(x -> x.broker().equals(broker))
                  .map(Incident::what)
                  .collect(Collectors.toList());
          out.add(Sections.INDENT + "   " + broker + ": " + summarize(whats));
        }
      }
    }
    for (Brokers.Broker b : brokers) {
      out.add("");
      out.add("=== broker " + b.name() + " ===");
      out.addAll(TextReport.lines(b.recording(), selected.get(b.name()), selection, top, tf));
    }
    return out;
  }

  /** "3 × cascade: holder in write; 1 × stall of /data" from the individual descriptions. */
  private static String summarize(List<String> whats) {
    Map<String, Long> n =
        whats.stream()
            .collect(Collectors.groupingBy(w -> w, LinkedHashMap::new, Collectors.counting()));
    return n.entrySet().stream()
        .map(e -> (e.getValue() == 1 ? "" : e.getValue() + " × ") + e.getKey())
        .collect(Collectors.joining("; "));
  }

  static List<Group> shared(Map<String, AgentRecording> byBroker) {
    List<Incident> all = new ArrayList<>();
    byBroker.forEach(
        (broker, r) -> {
          for (RecordedStall s : r.stalls()) {
            all.add(
                new Incident(
                    broker,
                    s.start(),
                    s.end(),
                    "stall of " + s.logDir() + " (" + s.partitions().size() + " partitions)"));
          }
          for (RecordedCascade c : r.cascades()) {
            all.add(
                new Incident(
                    broker,
                    c.start(),
                    c.end(),
                    "cascade, holder in "
                        + (c.operation() == null || c.operation().isEmpty()
                            ? "no file operation"
                            : c.operation())
                        + (c.jvmPause() == null || c.jvmPause().isEmpty()
                            ? ""
                            : " with a JVM pause")));
          }
        });
    all.sort(Comparator.comparing(Incident::start));
    List<Group> out = new ArrayList<>();
    List<Incident> current = new ArrayList<>();
    Instant end = null;
    for (Incident x : all) {
      if (end != null && x.start().isAfter(end.plus(SLACK))) {
        keepShared(current, out);
        current = new ArrayList<>();
        end = null;
      }
      current.add(x);
      end = end == null || x.end().isAfter(end) ? x.end() : end;
    }
    keepShared(current, out);
    return out;
  }

  private static void keepShared(List<Incident> group, List<Group> out) {
    if (group.stream().map(Incident::broker).distinct().count() < 2) {
      return;
    }
    Instant start =
        group.stream().map(Incident::start).min(Comparator.naturalOrder()).orElseThrow();
    Instant end = group.stream().map(Incident::end).max(Comparator.naturalOrder()).orElseThrow();
    out.add(new Group(start, end, List.copyOf(group)));
  }

  /** Every broker's events in one recording, names prefixed with {@code [broker] }. */
  static AgentRecording merged(List<Brokers.Broker> brokers, Selection selection) {
    List<RecordedCascade> c = new ArrayList<>();
    List<RecordedStall> s = new ArrayList<>();
    List<RecordedLockWait> w = new ArrayList<>();
    List<RecordedLockHold> h = new ArrayList<>();
    List<RecordedFileOp> f = new ArrayList<>();
    List<RecordedProduceRequest> p = new ArrayList<>();
    List<RecordedInterval> i = new ArrayList<>();
    TreeSet<String> types = new TreeSet<>();
    Instant first = null;
    Instant last = null;
    List<String> shortNames =
        brokers.stream().map(b -> b.name().split("/")[0]).collect(Collectors.toList());
    boolean shortUnique = shortNames.stream().distinct().count() == brokers.size();
    for (int n = 0; n < brokers.size(); n++) {
      Brokers.Broker b = brokers.get(n);
      // lane labels have room for ~44 characters: the broker's directory when that tells them apart
      String x = "[" + (shortUnique ? shortNames.get(n) : b.name()) + "] ";
      AgentRecording r = selection.apply(b.recording());
      types.addAll(r.eventTypes());
      first = first == null || (r.first() != null && r.first().isBefore(first)) ? r.first() : first;
      last = last == null || (r.last() != null && r.last().isAfter(last)) ? r.last() : last;
      r.cascades()
          .forEach(
              e ->
                  c.add(
                      new RecordedCascade(
                          e.start(),
                          e.nanos(),
                          x + e.partition(),
                          pre(x, e.holder()),
                          e.holderSite(),
                          e.operation(),
                          e.operationFile(),
                          e.operationNanos(),
                          e.operationBytes(),
                          e.waiters(),
                          e.totalWaitNanos(),
                          e.maxWaitNanos(),
                          e.waiterThreads(),
                          pre(x, e.overlappingThread()),
                          e.overlappingOperation(),
                          e.jvmPause(),
                          e.jvmPauseNanos(),
                          e.verdict(),
                          e.kernelWaitSite(),
                          e.hint())));
      r.stalls()
          .forEach(
              e ->
                  s.add(
                      new RecordedStall(
                          e.start(),
                          e.nanos(),
                          x + e.logDir(),
                          pre(x, e.partitions()),
                          pre(x, e.threads()),
                          e.operations(),
                          e.maxOperationNanos(),
                          e.jvmPause(),
                          e.verdict(),
                          e.kernelWaitSite(),
                          e.hint())));
      r.waits()
          .forEach(
              e ->
                  w.add(
                      new RecordedLockWait(
                          e.start(),
                          e.nanos(),
                          pre(x, e.thread()),
                          x + e.partition(),
                          e.site(),
                          pre(x, e.rootHolder()),
                          e.rootHolderOperation(),
                          e.rootHolderFile(),
                          e.rootHolderOperationNanos())));
      r.holds()
          .forEach(
              e ->
                  h.add(
                      new RecordedLockHold(
                          e.start(), e.nanos(), pre(x, e.thread()), x + e.partition(), e.site())));
      r.fileOps()
          .forEach(
              e ->
                  f.add(
                      new RecordedFileOp(
                          e.start(),
                          e.nanos(),
                          pre(x, e.thread()),
                          e.operation(),
                          pre(x, e.partition()),
                          e.file(),
                          e.bytes(),
                          e.underLogLock(),
                          pre(x, e.overlappingThread()),
                          e.overlappingOperation(),
                          e.kernelWaitSite(),
                          e.baseOffset(),
                          e.records(),
                          e.hint())));
      r.produceRequests()
          .forEach(
              e ->
                  p.add(
                      new RecordedProduceRequest(
                          e.start(),
                          e.nanos(),
                          pre(x, e.thread()),
                          e.clientId(),
                          e.correlationId(),
                          e.dominantCause(),
                          pre(x, e.partitions()),
                          e.queueNanos(),
                          e.localNanos(),
                          e.remoteNanos(),
                          e.lockWaitNanos(),
                          e.writeNanos())));
      r.intervals()
          .forEach(
              e ->
                  i.add(
                      new RecordedInterval(
                          e.start(),
                          e.nanos(),
                          pre(x, e.partition()),
                          e.metric(),
                          e.count(),
                          e.p50(),
                          e.p99(),
                          e.p999(),
                          e.max())));
    }
    return new AgentRecording(
        brokers.get(0).recording().file(), first, last, types, c, s, w, h, f, p, i, null);
  }

  private static String pre(String prefix, String name) {
    return name == null || name.isEmpty() ? name : prefix + name;
  }

  private static List<String> pre(String prefix, List<String> names) {
    return names.stream().map(n -> pre(prefix, n)).collect(Collectors.toList());
  }
}

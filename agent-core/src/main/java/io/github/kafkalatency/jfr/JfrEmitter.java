package io.github.kafkalatency.jfr;

import io.github.kafkalatency.emit.VerdictText;
import io.github.kafkalatency.record.BrokerFacts;
import io.github.kafkalatency.record.Cascade;
import io.github.kafkalatency.record.Hint;
import io.github.kafkalatency.record.Hints;
import io.github.kafkalatency.record.IncidentListener;
import io.github.kafkalatency.record.IntervalListener;
import io.github.kafkalatency.record.IntervalSnapshot;
import io.github.kafkalatency.record.IoOverlap;
import io.github.kafkalatency.record.LatencySummary;
import io.github.kafkalatency.record.Metric;
import io.github.kafkalatency.record.PartitionInterval;
import io.github.kafkalatency.record.PartitionState;
import io.github.kafkalatency.record.ProduceTrace;
import io.github.kafkalatency.record.RootedWait;
import io.github.kafkalatency.record.SlowOperationListener;
import io.github.kafkalatency.record.Stall;

/**
 * Turns slow operations and finished intervals into the agent's JFR events.
 *
 * <p>Usage: give it to the recorder as its {@link SlowOperationListener} and to the aggregator as
 * an {@link IntervalListener}. Each event is built only when a recording has it enabled, so with no
 * recording running an event costs one {@code isEnabled()} check. Events never carry record
 * payloads, keys or headers: names, sizes and times only. Thread-safe.
 */
public final class JfrEmitter implements SlowOperationListener, IntervalListener, IncidentListener {
  private volatile Hints hints = new Hints(BrokerFacts.none());

  /** The remedy rules for slow-operation events, once the broker's facts are read. */
  public void hints(Hints h) {
    hints = h;
  }

  @Override
  public void slowAppend(
      PartitionState p, long startNanos, long durationNanos, long records, long bytes) {
    LogAppendEvent e = new LogAppendEvent();
    if (!e.isEnabled()) {
      return;
    }
    e.topic = p.topic();
    e.partition = p.partition();
    e.records = records;
    e.bytes = bytes;
    commit(e, startNanos, durationNanos);
  }

  @Override
  public void onLockWait(RootedWait w) {
    LogLockWaitEvent e = new LogLockWaitEvent();
    if (!e.isEnabled()) {
      return;
    }
    e.topic = w.topic();
    e.partition = w.partition();
    e.site = w.site();
    e.waiter = w.waiter();
    e.rootHolder = w.rootHolder();
    e.rootHolderSite = w.rootHolderSite();
    if (w.rootOpKind() >= 0) {
      e.rootHolderOperation = Metric.ofFileOp(w.rootOpKind()).label();
      e.rootHolderFile = w.rootOpFile();
      e.rootHolderOperationTime = w.rootOpNanos();
    }
    e.rootHolderCovered = w.coveredNanos();
    e.rootHeldAtArrival = w.rootHeldAtArrival();
    e.rootHolderWaited = w.rootHolderWaitedNanos();
    e.rootHolderWaitedBehind = w.rootHolderWaitedBehind();
    commit(e, w.arrivedNanos(), w.waitNanos());
  }

  @Override
  public void slowLockHold(PartitionState p, String site, long startNanos, long holdNanos) {
    LogLockHoldEvent e = new LogLockHoldEvent();
    if (!e.isEnabled()) {
      return;
    }
    e.topic = p.topic();
    e.partition = p.partition();
    e.site = site;
    commit(e, startNanos, holdNanos);
  }

  @Override
  public void slowPartitionLockWait(PartitionState p, long startNanos, long waitNanos) {
    PartitionLockWaitEvent e = new PartitionLockWaitEvent();
    if (!e.isEnabled()) {
      return;
    }
    e.topic = p.topic();
    e.partition = p.partition();
    commit(e, startNanos, waitNanos);
  }

  @Override
  public void slowFileOp(
      PartitionState p,
      String logDir,
      String fileName,
      int op,
      long startNanos,
      long durationNanos,
      long bytes,
      boolean underLogLock,
      IoOverlap overlap,
      String kernelWaitSite,
      long baseOffset,
      long records) {
    LogFileOperationEvent e = new LogFileOperationEvent();
    if (!e.isEnabled()) {
      return;
    }
    e.operation = Metric.ofFileOp(op).label();
    e.topic = p == null ? null : p.topic();
    e.partition = p == null ? -1 : p.partition();
    e.file = p == null ? fileName : fileName.isEmpty() ? p.name() : p.name() + "/" + fileName;
    e.logDir = logDir;
    e.bytes = bytes;
    e.underLogLock = underLogLock;
    if (overlap != null) {
      e.overlappingThread = overlap.thread();
      e.overlappingOperation = Metric.ofFileOp(overlap.op()).label();
      e.overlappingBytes = overlap.bytes();
      e.overlappingPosition = overlap.position();
      e.overlap = overlap.overlapNanos();
    }
    e.kernelWaitSite = kernelWaitSite;
    e.baseOffset = baseOffset;
    e.records = records;
    Hint hint =
        hints.forFileOp(logDir, e.file, op, durationNanos, underLogLock, overlap, kernelWaitSite);
    e.hint = hint == null ? null : hint.text();
    commit(e, startNanos, durationNanos);
  }

  @Override
  public void slowProduceRequest(ProduceTrace r) {
    ProduceRequestEvent e = new ProduceRequestEvent();
    if (!e.isEnabled()) {
      return;
    }
    e.clientId = r.clientId();
    e.correlationId = r.correlationId();
    e.apiVersion = r.apiVersion();
    e.acks = r.acks();
    e.listener = r.listener();
    e.securityProtocol = r.securityProtocol();
    StringBuilder tps = new StringBuilder();
    long bytes = 0;
    for (int i = 0; i < r.partitions().size(); i++) {
      tps.append(i == 0 ? "" : ", ")
          .append(r.partitions().get(i))
          .append(':')
          .append(r.partitionBytes().get(i));
      bytes += r.partitionBytes().get(i);
    }
    e.topicPartitions = tps.toString();
    e.bytes = bytes;
    e.dominantCause = r.cause().label();
    e.requestQueueTime = r.queueNanos();
    e.localTime = r.localNanos();
    e.remoteTime = r.remoteNanos();
    e.responseQueueTime = r.responseQueueNanos();
    e.responseSendTime = r.responseSendNanos();
    e.lockWaitTime = r.lockWaitNanos();
    e.writeTime = r.writeNanos();
    commit(e, r.startNanos(), r.totalNanos());
  }

  @Override
  public void onCascade(Cascade c) {
    LogLockCascadeEvent e = new LogLockCascadeEvent();
    if (!e.isEnabled()) {
      return;
    }
    e.topic = c.topic();
    e.partition = c.partition();
    e.holder = c.holder();
    e.holderSite = c.holderSite();
    e.operation = c.opLabel();
    e.operationFile = c.opFile();
    e.operationTime = c.opNanos();
    e.operationBytes = c.opBytes();
    e.waiters = c.waiters();
    e.totalWait = c.totalWaitNanos();
    e.maxWait = c.maxWaitNanos();
    e.waiterThreads = String.join(", ", c.waiterThreads());
    e.waitersArrivedBehindOther = c.waitersArrivedBehindOther();
    e.holderWaited = c.holderWaitedNanos();
    e.holderWaitedBehind = c.holderWaitedBehind();
    if (c.jvmPause() != null) {
      e.jvmPause = c.jvmPause().cause();
      e.jvmPauseOverlap = c.jvmPause().overlapNanos();
    }
    e.jvmPauseShare = c.verdict().pauseShare();
    e.verdict = VerdictText.of(c.verdict());
    e.kernelWaitSite = c.kernelSite();
    e.hint = c.hint() == null ? null : c.hint().text();
    IoOverlap o = c.overlap();
    if (o != null) {
      e.overlappingThread = o.thread();
      e.overlappingOperation = Metric.ofFileOp(o.op()).label();
      e.overlappingBytes = o.bytes();
      e.overlappingPosition = o.position();
      e.overlap = o.overlapNanos();
    }
    commit(e, c.holdStartNanos(), c.holdNanos());
  }

  @Override
  public void onStall(Stall s) {
    LogDirStallEvent e = new LogDirStallEvent();
    if (!e.isEnabled()) {
      return;
    }
    e.logDir = s.logDir();
    e.partitions = String.join(", ", s.partitions());
    e.partitionCount = s.partitions().size();
    e.threads = String.join(", ", s.threads());
    e.operations = s.operations();
    e.maxOperation = s.maxOperationNanos();
    if (s.jvmPause() != null) {
      e.jvmPause = s.jvmPause().cause();
      e.jvmPauseOverlap = s.jvmPause().overlapNanos();
    }
    e.jvmPauseShare = s.verdict().pauseShare();
    e.verdict = VerdictText.of(s.verdict());
    e.kernelWaitSite = s.kernelSite();
    e.hint = s.hint() == null ? null : s.hint().text();
    commit(e, s.startNanos(), s.durationNanos());
  }

  @Override
  public void onInterval(IntervalSnapshot interval) {
    JfrTime.calibrate();
    if (!new PartitionLatencyEvent().isEnabled()) {
      return;
    }
    long lengthMillis = interval.endMillis() - interval.startMillis();
    long startNanos = System.nanoTime() - lengthMillis * 1_000_000L;
    for (Metric m : Metric.values()) {
      emit(
          EventSchema.BROKER_WIDE_TOPIC,
          -1,
          m,
          interval.brokerWide(m),
          0,
          0,
          startNanos,
          lengthMillis);
    }
    for (PartitionInterval p : interval.partitions()) {
      for (Metric m : Metric.values()) {
        LatencySummary s = p.summary(m);
        boolean append = m == Metric.APPEND;
        emit(
            p.topic(),
            p.partition(),
            m,
            s,
            append ? p.appendRecords() : 0,
            append ? p.appendBytes() : 0,
            startNanos,
            lengthMillis);
      }
    }
  }

  /**
   * Called by the aggregator between drains, so that events can be back-dated soon after a
   * recording starts.
   */
  public static void calibrateClock() {
    JfrTime.calibrate();
  }

  private static void emit(
      String topic,
      int partition,
      Metric m,
      LatencySummary s,
      long records,
      long bytes,
      long startNanos,
      long lengthMillis) {
    if (s.count() == 0) {
      return;
    }
    PartitionLatencyEvent e = new PartitionLatencyEvent();
    e.topic = topic;
    e.partition = partition;
    e.metric = m.label();
    e.count = s.count();
    e.p50 = s.p50();
    e.p99 = s.p99();
    e.p999 = s.p999();
    e.max = s.max();
    e.records = records;
    e.bytes = bytes;
    e.interval = lengthMillis;
    commit(e, startNanos, lengthMillis * 1_000_000L);
  }

  private static void commit(jdk.jfr.Event e, long startNanos, long durationNanos) {
    JfrTime.set(e, startNanos, durationNanos);
    if (e.shouldCommit()) {
      e.commit();
    }
  }
}

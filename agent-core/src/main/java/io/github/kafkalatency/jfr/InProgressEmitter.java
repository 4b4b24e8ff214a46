package io.github.kafkalatency.jfr;

import io.github.kafkalatency.record.OngoingIncident;
import io.github.kafkalatency.record.OngoingIncidents;

/**
 * Turns the aggregator's view of incidents still going on into {@code IncidentInProgress} events,
 * so that a live watch shows a stall while it lasts, not only after it.
 *
 * <p>Usage: {@code new OngoingIncidents(recorder, new InProgressEmitter())}. Called on the
 * aggregator thread only; never under Kafka's locks.
 */
public final class InProgressEmitter implements OngoingIncidents.Listener {
  @Override
  public boolean enabled() {
    return new IncidentInProgressEvent().isEnabled();
  }

  @Override
  public void onUpdate(OngoingIncident i) {
    IncidentInProgressEvent e = new IncidentInProgressEvent();
    if (!e.isEnabled()) {
      return;
    }
    e.kind = i.kind().label();
    e.update = i.update();
    e.ended = i.ended();
    e.logDir = i.logDir();
    e.topic = i.topic();
    e.partition = i.partition();
    e.holder = i.holder();
    e.holderSite = i.holderSite();
    e.operation = i.opLabel();
    e.operationFile = i.opFile();
    e.waiters = i.waiters();
    e.waiterThreads = String.join(", ", i.waiterThreads());
    e.partitions = String.join(", ", i.partitions());
    e.threads = String.join(", ", i.threads());
    JfrTime.set(e, i.startNanos(), i.durationNanos());
    if (e.shouldCommit()) {
      e.commit();
    }
  }
}

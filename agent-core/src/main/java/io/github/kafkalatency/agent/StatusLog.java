package io.github.kafkalatency.agent;

import io.github.kafkalatency.emit.AgentLog;
import io.github.kafkalatency.instrument.HookStatus;
import io.github.kafkalatency.probe.Probe;
import io.github.kafkalatency.record.IntervalListener;
import io.github.kafkalatency.record.IntervalSnapshot;
import io.github.kafkalatency.record.ProbeRecorder;
import java.util.List;

/**
 * At each interval, says what changed about the agent itself: which hooks found their targets,
 * where hooks were placed (again each time a class that a hook instruments is loaded, a handful of
 * times per broker life), and any part that failed and turned itself off (each once, without a
 * stack trace).
 */
final class StatusLog implements IntervalListener {
  private final HookStatus hooks;
  private final ProbeRecorder recorder;
  private List<String> notFoundReported;
  private String placedReported;
  private final java.util.EnumSet<Probe.Part> faultsReported =
      java.util.EnumSet.noneOf(Probe.Part.class);
  private boolean listenerFaultReported;

  StatusLog(HookStatus hooks, ProbeRecorder recorder) {
    this.hooks = hooks;
    this.recorder = recorder;
  }

  @Override
  public void onInterval(IntervalSnapshot interval) {
    AgentLog.useBrokerLogging();
    List<String> notFound = hooks.notFound();
    if (!notFound.equals(notFoundReported)) {
      notFoundReported = notFound;
      String line = hooks.describe();
      if (notFound.isEmpty()) {
        AgentLog.info(line);
      } else {
        AgentLog.warn(line + " (this Kafka version lacks them; the other hooks keep working)");
      }
      placedReported = hooks.placedSummary();
    }
    String placed = hooks.placedSummary();
    if (!placed.equals(placedReported)) {
      placedReported = placed;
      AgentLog.info("hooks placed: " + placed);
    }
    for (Probe.Part part : Probe.Part.values()) {
      Throwable fault = Probe.fault(part);
      if (fault != null && faultsReported.add(part)) {
        AgentLog.warn(
            part.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + " probes failed and are off (the rest keep working): "
                + fault);
      }
    }
    if (!listenerFaultReported && recorder.listenerFault() != null) {
      listenerFaultReported = true;
      AgentLog.warn("slow-operation events failed and are off: " + recorder.listenerFault());
    }
  }
}

package io.github.kafkalatency.agent;

import io.github.kafkalatency.emit.AgentLog;
import io.github.kafkalatency.instrument.HookStatus;
import io.github.kafkalatency.probe.Probe;
import io.github.kafkalatency.record.IntervalListener;
import io.github.kafkalatency.record.IntervalSnapshot;
import io.github.kafkalatency.record.ProbeRecorder;

/**
 * At each interval, says what changed about the agent itself: where hooks were placed, and any
 * part that failed and turned itself off (each once, without a stack trace).
 */
final class StatusLog implements IntervalListener {
  private final HookStatus hooks;
  private final ProbeRecorder recorder;
  private int hooksReported = -1;
  private boolean probeFaultReported;
  private boolean listenerFaultReported;

  StatusLog(HookStatus hooks, ProbeRecorder recorder) {
    this.hooks = hooks;
    this.recorder = recorder;
  }

  @Override
  public void onInterval(IntervalSnapshot interval) {
    AgentLog.useBrokerLogging();
    int version = hooks.version();
    if (version != hooksReported) {
      hooksReported = version;
      AgentLog.info(hooks.describe());
    }
    if (!probeFaultReported && Probe.firstFault() != null) {
      probeFaultReported = true;
      AgentLog.warn("probes failed and are off: " + Probe.firstFault());
    }
    if (!listenerFaultReported && recorder.listenerFault() != null) {
      listenerFaultReported = true;
      AgentLog.warn("slow-operation events failed and are off: " + recorder.listenerFault());
    }
  }
}

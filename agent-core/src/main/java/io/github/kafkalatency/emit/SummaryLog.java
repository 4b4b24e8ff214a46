package io.github.kafkalatency.emit;

import io.github.kafkalatency.record.IntervalListener;
import io.github.kafkalatency.record.IntervalSnapshot;

/** Logs each interval's summary through {@link AgentLog#summary}. */
public final class SummaryLog implements IntervalListener {
  private final SummaryFormatter formatter;

  public SummaryLog(SummaryFormatter formatter) {
    this.formatter = formatter;
  }

  @Override
  public void onInterval(IntervalSnapshot interval) {
    AgentLog.useBrokerLogging();
    for (String line : formatter.format(interval)) {
      AgentLog.summary(line);
    }
  }
}

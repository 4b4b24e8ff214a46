package io.github.kafkalatency.agent;

import io.github.kafkalatency.config.AgentOptions;
import io.github.kafkalatency.emit.AgentLog;
import io.github.kafkalatency.emit.HlogWriter;
import io.github.kafkalatency.emit.JmxPublisher;
import io.github.kafkalatency.emit.PrometheusEndpoint;
import io.github.kafkalatency.emit.PrometheusMetrics;
import io.github.kafkalatency.jfr.ContinuousRecording;
import io.github.kafkalatency.record.AgentFaults;
import io.github.kafkalatency.record.IntervalListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The outputs other tools read, each optional: the agent's own JFR recording ({@code
 * recording=<dir>}), HdrHistogram interval logs ({@code hlog=<dir>}) and JMX MBeans ({@code
 * jmx=true}) and the Prometheus endpoint ({@code prometheus=[host:]port}).
 *
 * <p>Usage, in {@link AgentStarter}: {@link #listeners} around the aggregator's own listeners, and
 * {@link #start()} in the aggregator's {@code onStart}, off the broker's main thread. Nothing here
 * runs in premain itself: the recording starts on the aggregator thread, the .hlog file and the
 * MBeans at the end of the first interval; the Prometheus listener opens in {@link #start()}.
 */
final class Outputs {
  private final AgentOptions options;
  private final PrometheusMetrics prometheus;

  Outputs(AgentOptions options) {
    this.options = options;
    this.prometheus =
        options.prometheusPort() == 0
            ? null
            : new PrometheusMetrics(options.histogramTopics(), options.topPartitions());
  }

  /** The given listeners followed by the .hlog writer and the MBeans, as configured. */
  List<IntervalListener> listeners(IntervalListener... first) {
    List<IntervalListener> all = new ArrayList<>(Arrays.asList(first));
    if (options.hlogDir() != null) {
      all.add(
          new HlogWriter(options.hlogDir(), options.hlogMaxFileBytes(), options.hlogMaxFiles()));
    }
    if (options.jmx()) {
      all.add(new JmxPublisher(options.topPartitions()));
    }
    if (prometheus != null) {
      all.add(prometheus);
    }
    return List.copyOf(all);
  }

  /** Starts the agent's JFR recording and the Prometheus listener if configured; never throws. */
  void start() {
    startPrometheus();
    startRecording();
  }

  private void startPrometheus() {
    if (prometheus == null) {
      return;
    }
    String where =
        (options.prometheusHost() == null ? "*" : options.prometheusHost())
            + ":"
            + options.prometheusPort();
    try {
      PrometheusEndpoint.start(options.prometheusHost(), options.prometheusPort(), prometheus);
      AgentLog.info("Prometheus metrics served at http://" + where + "/metrics");
    } catch (Exception e) {
      AgentFaults.report("Prometheus endpoint (" + where + ")", e);
    }
  }

  private void startRecording() {
    Path dir = options.recordingDir();
    if (dir == null) {
      return;
    }
    try {
      Path file =
          ContinuousRecording.start(
              dir, options.recordingMaxAge(), options.recordingMaxSizeBytes());
      AgentLog.info(
          "JFR recording '"
              + ContinuousRecording.NAME
              + "' started, dumped at exit to "
              + file
              + " (last "
              + options.recordingMaxAge().toMinutes()
              + " min, at most "
              + options.recordingMaxSizeBytes() / (1024 * 1024)
              + " MB); until then, and after a crash, its"
              + " data is in JFR's repository "
              + System.getProperty("jdk.jfr.repository", "(unknown)"));
    } catch (Exception e) {
      AgentFaults.report("JFR recording (" + dir + ")", e);
    }
  }
}

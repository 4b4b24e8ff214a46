package io.github.kafkalatency.emit;

import io.github.kafkalatency.record.AgentFaults;
import io.github.kafkalatency.record.IntervalListener;
import io.github.kafkalatency.record.IntervalSnapshot;
import io.github.kafkalatency.record.Metric;
import io.github.kafkalatency.record.PartitionInterval;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes each interval's histograms to an HdrHistogram interval log ({@code .hlog}), readable by
 * {@code HistogramLogProcessor}, {@code HistogramLogReader} and the tools built on them.
 *
 * <p>One line per metric seen in the interval, broker-wide and per active partition, tagged {@code
 * broker/<metric>} and {@code <topic>-<partition>/<metric>} (e.g. {@code orders-3/append}; a
 * partition tag always ends its first part in {@code -<number>}, so the two never collide). Values
 * are nanoseconds with 2 significant digits, the same histograms the summary line and the {@code
 * PartitionLatency} events are computed from; {@code HistogramLogProcessor}'s default output ratio
 * (10^6) shows them in milliseconds. Timestamps are relative to the file's {@code #[BaseTime:}, the
 * wall-clock start of its first interval.
 *
 * <p>Bounded: {@value #FILE} in the configured directory is rotated to {@code
 * kafka-latency.1.hlog}, {@code .2}, … once it reaches the size limit (checked after each
 * interval), and at start when a previous run left one; beyond the file count the oldest is
 * deleted. Files are created new with permissions 0640 ({@link OutputFiles}). Each is flushed after
 * every interval.
 *
 * <p>Usage: an {@link IntervalListener} on the aggregator, which is its only caller (not
 * thread-safe otherwise). An I/O failure turns it off and is reported once.
 */
public final class HlogWriter implements IntervalListener, AutoCloseable {
  static final String FILE = "kafka-latency.hlog";

  /** HistogramLogWriter's ratio for the Interval_Max column: nanoseconds shown as milliseconds. */
  private static final double MAX_VALUE_UNIT_RATIO = 1_000_000.0;

  private final Path dir;
  private final long maxFileBytes;
  private final int maxFiles;
  private CountingStream counter;
  private PrintStream stream;
  private HistogramLogWriter writer;
  private long baseMillis;
  private boolean off;

  public HlogWriter(Path dir, long maxFileBytes, int maxFiles) {
    this.dir = dir;
    this.maxFileBytes = maxFileBytes;
    this.maxFiles = Math.max(1, maxFiles);
  }

  @Override
  public void onInterval(IntervalSnapshot interval) {
    if (off) {
      return;
    }
    try {
      write(interval);
    } catch (IOException | RuntimeException e) {
      off = true;
      closeQuietly();
      AgentFaults.report(".hlog writer (" + dir + ")", e);
    }
  }

  private void write(IntervalSnapshot interval) throws IOException {
    if (writer == null) {
      open(interval.startMillis());
    }
    double start = (interval.startMillis() - baseMillis) / 1000.0;
    double end = (interval.endMillis() - baseMillis) / 1000.0;
    for (Metric m : Metric.values()) {
      output(start, end, interval.brokerHistogram(m), "broker/" + m.label());
    }
    for (PartitionInterval p : interval.partitions()) {
      for (Metric m : Metric.values()) {
        output(start, end, p.histogram(m), p.name() + "/" + m.label());
      }
    }
    stream.flush();
    if (stream.checkError()) {
      throw new IOException("could not write " + dir.resolve(FILE));
    }
    if (counter.count >= maxFileBytes) {
      closeQuietly(); // the next interval rotates and starts a new file
    }
  }

  private void output(double start, double end, Histogram h, String tag) {
    if (h == null || h.getTotalCount() == 0) {
      return;
    }
    // The tag is the histogram's own field; the snapshot's histograms are shared with the other
    // listeners (all on this thread), so it is put back at once.
    String previous = h.getTag();
    h.setTag(tag);
    try {
      writer.outputIntervalHistogram(start, end, h, MAX_VALUE_UNIT_RATIO);
    } finally {
      h.setTag(previous);
    }
  }

  private void open(long startMillis) throws IOException {
    if (Files.exists(dir.resolve(FILE), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      rotate();
    }
    OutputStream file = Channels.newOutputStream(OutputFiles.openNew(dir, FILE));
    counter = new CountingStream(file);
    stream =
        new PrintStream(
            new BufferedOutputStream(counter, 64 * 1024), false, StandardCharsets.UTF_8);
    writer = new HistogramLogWriter(stream);
    baseMillis = startMillis;
    writer.outputComment(
        "kafka-latency-agent: nanoseconds, 2 significant digits;"
            + " tags broker/<metric> and <topic>-<partition>/<metric>");
    writer.outputLogFormatVersion();
    writer.outputStartTime(startMillis);
    writer.setBaseTime(startMillis);
    writer.outputBaseTime(startMillis);
    writer.outputLegend();
  }

  /** kafka-latency.hlog → .1.hlog → .2.hlog …; the one past the count is deleted. */
  private void rotate() throws IOException {
    Files.deleteIfExists(dir.resolve(rotated(maxFiles - 1)));
    for (int i = maxFiles - 2; i >= 0; i--) {
      Path from = dir.resolve(rotated(i));
      if (Files.exists(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.move(from, dir.resolve(rotated(i + 1)), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The name of the i-th file: 0 is the current one. */
  static String rotated(int i) {
    return i == 0 ? FILE : "kafka-latency." + i + ".hlog";
  }

  private void closeQuietly() {
    if (stream != null) {
      stream.close();
    }
    stream = null;
    writer = null;
    counter = null;
  }

  @Override
  public void close() {
    closeQuietly();
  }

  private static final class CountingStream extends FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}

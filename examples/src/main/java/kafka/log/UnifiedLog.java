package kafka.log;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * Benchmark stand-in for Kafka's log, named so that every hook of the agent matches it: the append
 * hook (an instance {@code append} taking {@code *.MemoryRecords}), the log-lock hook (each {@code
 * monitorenter} in the class) and, through the JDK, the file-io hook. The append is the shape of
 * Kafka's: {@code synchronized (lock)} around a {@code FileChannel} write of the batch, returning
 * an append info.
 *
 * <p>To keep the comparison about the probes, the write is cheap and never grows the file: a
 * positional write of the batch at offset 0 of {@code <log dir>/bench-0/00000000000000000000.log}
 * (on tmpfs when the benchmark finds one), with the buffer's position restored as Kafka's {@code
 * writeFullyTo} does. Nothing is allocated per append.
 *
 * <p>Used by the JMH benchmarks only, so it is on the benchmark JVM's class path and never on a
 * broker's. {@code io.github.kafkalatency.examples.bench.PlainLog} is the same code under a name no
 * hook matches.
 */
public class UnifiedLog implements Closeable {
  private final Object lock = new Object();
  private final BenchTopicPartition topicPartition;
  private final File dir;
  private final FileChannel channel;
  private final BenchAppendInfo info = new BenchAppendInfo();

  public UnifiedLog(File logDir, String topic, int partition) throws IOException {
    this.topicPartition = new BenchTopicPartition(topic, partition);
    this.dir = new File(logDir, topic + "-" + partition);
    Files.createDirectories(dir.toPath());
    this.channel =
        FileChannel.open(
            new File(dir, "00000000000000000000.log").toPath(),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
  }

  public Object topicPartition() {
    return topicPartition;
  }

  public File dir() {
    return dir;
  }

  /** The public entry, as in Kafka, to the private {@code append} that the agent times. */
  public BenchAppendInfo appendAsLeader(MemoryRecords records) throws IOException {
    return append(records);
  }

  private BenchAppendInfo append(MemoryRecords records) throws IOException {
    ByteBuffer buffer = records.buffer();
    synchronized (lock) {
      buffer.mark();
      int written = channel.write(buffer, 0L);
      buffer.reset();
      info.set(records.count(), written);
    }
    return info;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}

package io.github.kafkalatency.examples.bench;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import kafka.log.BenchAppendInfo;
import kafka.log.BenchTopicPartition;
import kafka.log.MemoryRecords;

/**
 * {@code kafka.log.UnifiedLog}'s twin, line for line, under a name no hook matches: with the agent
 * attached, only its {@code FileChannel} write is probed (the file-io hook is JDK-wide).
 */
public class PlainLog implements Closeable {
  private final Object lock = new Object();
  private final BenchTopicPartition topicPartition;
  private final File dir;
  private final FileChannel channel;
  private final BenchAppendInfo info = new BenchAppendInfo();

  public PlainLog(File logDir, String topic, int partition) throws IOException {
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

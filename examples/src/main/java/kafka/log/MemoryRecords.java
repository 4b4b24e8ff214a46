package kafka.log;

import java.nio.ByteBuffer;

/**
 * Benchmark stand-in for Kafka's {@code MemoryRecords}: a batch of {@code count} records in a
 * buffer. Only its name matters to the agent, whose append hook matches {@code append} methods
 * whose first parameter type is named {@code *.MemoryRecords}.
 *
 * <p>Lives on the benchmark JVM's class path only, never a broker's.
 */
public final class MemoryRecords {
  private final ByteBuffer buffer;
  private final int count;

  public MemoryRecords(ByteBuffer buffer, int count) {
    this.buffer = buffer;
    this.count = count;
  }

  public ByteBuffer buffer() {
    return buffer;
  }

  public int count() {
    return count;
  }
}

package kafka.log;

/**
 * Benchmark stand-in for Kafka's {@code LogAppendInfo}: the agent reads {@code numMessages()} and
 * {@code validBytes()} from what {@code append} returns. One instance per log, overwritten under
 * the log's lock, so the stand-in itself allocates nothing per append and any allocation a profiler
 * reports is the agent's.
 */
public final class BenchAppendInfo {
  private int numMessages;
  private int validBytes;

  public void set(int numMessages, int validBytes) {
    this.numMessages = numMessages;
    this.validBytes = validBytes;
  }

  public int numMessages() {
    return numMessages;
  }

  public int validBytes() {
    return validBytes;
  }
}

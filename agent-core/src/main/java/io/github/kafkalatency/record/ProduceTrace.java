package io.github.kafkalatency.record;

import java.util.ArrayList;
import java.util.List;

/**
 * One produce request, followed from the request handler that appends it to the network thread that
 * completes it: the partitions it appended to and their sizes, how long its appends waited for
 * locks and spent in file writes, and, once complete, Kafka's own time breakdown.
 *
 * <p>Thread-safety: filled by the handler thread while it runs {@code handleProduceRequest}, then
 * published through a concurrent map to the network thread, which completes it; never both at once.
 */
public final class ProduceTrace {
  /** What dominated a slow request's time. */
  public enum Cause {
    QUEUE("queue"),
    LOCK_WAIT("lock-wait"),
    WRITE("write"),
    REMOTE("remote"),
    OTHER("other");

    private final String label;

    Cause(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  final long trackedAt;

  /** The Kafka request while it is tracked (see {@link TrackedRequests}), then null. */
  Object request;

  // Most produce requests append to one partition: lists only from the second one on.
  private String firstPartition;
  private long firstBytes;
  private List<String> morePartitions;
  private List<Long> moreBytes;
  long lockWaitNanos;
  long writeNanos;

  // set at completion, from Kafka's own timestamps (RequestMetrics formulas)
  long startNanos;
  long totalNanos;
  long queueNanos;
  long localNanos;
  long remoteNanos;
  long responseQueueNanos;
  long responseSendNanos;
  Cause cause;
  String clientId;
  int correlationId;
  int apiVersion;
  int acks;
  String listener;
  String securityProtocol;

  ProduceTrace(long trackedAt) {
    this.trackedAt = trackedAt;
  }

  void appended(PartitionState p, long bytes) {
    if (firstPartition == null || firstPartition.equals(p.name)) {
      firstPartition = p.name;
      firstBytes += bytes;
      return;
    }
    if (morePartitions == null) {
      morePartitions = new ArrayList<>(2);
      moreBytes = new ArrayList<>(2);
    }
    int i = morePartitions.indexOf(p.name);
    if (i < 0) {
      morePartitions.add(p.name);
      moreBytes.add(bytes);
    } else {
      moreBytes.set(i, moreBytes.get(i) + bytes);
    }
  }

  /** Kafka's breakdown, then ours inside "local": the largest share names the cause. */
  void complete(
      long start,
      long dequeue,
      long localComplete,
      long responseComplete,
      long responseDequeue,
      long callbackNanos,
      long end) {
    startNanos = start;
    totalNanos = end - start;
    queueNanos = dequeue - start;
    localNanos = localComplete - dequeue + callbackNanos;
    remoteNanos = responseComplete - localComplete - callbackNanos;
    responseQueueNanos = responseDequeue - responseComplete;
    responseSendNanos = end - responseDequeue;
    long other = totalNanos - queueNanos - lockWaitNanos - writeNanos - remoteNanos;
    cause = Cause.OTHER;
    long max = other;
    if (queueNanos > max) {
      cause = Cause.QUEUE;
      max = queueNanos;
    }
    if (lockWaitNanos > max) {
      cause = Cause.LOCK_WAIT;
      max = lockWaitNanos;
    }
    if (writeNanos > max) {
      cause = Cause.WRITE;
      max = writeNanos;
    }
    if (remoteNanos > max) {
      cause = Cause.REMOTE;
    }
  }

  /** The partitions appended to, in the order first appended. */
  public List<String> partitions() {
    List<String> all = new ArrayList<>();
    if (firstPartition != null) {
      all.add(firstPartition);
    }
    if (morePartitions != null) {
      all.addAll(morePartitions);
    }
    return all;
  }

  /** The bytes appended to each of {@link #partitions()}. */
  public List<Long> partitionBytes() {
    List<Long> all = new ArrayList<>();
    if (firstPartition != null) {
      all.add(firstBytes);
    }
    if (moreBytes != null) {
      all.addAll(moreBytes);
    }
    return all;
  }

  public long startNanos() {
    return startNanos;
  }

  public long totalNanos() {
    return totalNanos;
  }

  public long queueNanos() {
    return queueNanos;
  }

  public long localNanos() {
    return localNanos;
  }

  public long remoteNanos() {
    return remoteNanos;
  }

  public long responseQueueNanos() {
    return responseQueueNanos;
  }

  public long responseSendNanos() {
    return responseSendNanos;
  }

  public long lockWaitNanos() {
    return lockWaitNanos;
  }

  public long writeNanos() {
    return writeNanos;
  }

  public Cause cause() {
    return cause;
  }

  public String clientId() {
    return clientId;
  }

  public int correlationId() {
    return correlationId;
  }

  public int apiVersion() {
    return apiVersion;
  }

  public int acks() {
    return acks;
  }

  public String listener() {
    return listener;
  }

  public String securityProtocol() {
    return securityProtocol;
  }
}

package io.github.kafkalatency.record;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topic-partitions the agent knows, found from Kafka's objects (a log's lock, a log, a {@code
 * Partition}) or from a file path under a log dir.
 *
 * <p>Usage: {@link #ofLock}, {@link #ofLog}, {@link #ofPartition}, {@link #ofPath}. Lookups of a
 * known object are lock-free and allocation-free; the first sight of an object reads its
 * topic-partition by reflection once. {@link #release} forgets a partition (deleted or idle);
 * memory follows the active partitions. Thread-safe.
 */
public final class Partitions {
  private static final int MAX_CACHED_PATHS = 50_000;

  private final ConcurrentHashMap<String, PartitionState> byName = new ConcurrentHashMap<>();
  private final IdentityTable<PartitionState> byLock = new IdentityTable<>();
  private final IdentityTable<PartitionState> byObject = new IdentityTable<>();
  private final ConcurrentHashMap<String, FileTarget> byPath = new ConcurrentHashMap<>();
  private final LogDirs logDirs;

  public Partitions(LogDirs logDirs) {
    this.logDirs = logDirs;
  }

  /**
   * The partition whose log owns {@code lock}; {@code log} (null when the site cannot pass it) is
   * its log.
   */
  PartitionState ofLock(Object lock, Object log) {
    if (lock == log) {
      return null; // Scala's lazy logger synchronises on the log itself: not the log lock
    }
    if (log == null) {
      return byLock.get(lock); // a closure that cannot pass its log (registered by a site that did)
    }
    // By the log, not the lock: a contended monitor's identity hash is a call into the VM (its
    // header holds the monitor; ObjectSynchronizer::FastHashCode in a broker profile), the log's
    // is a header read.
    PartitionState p = byObject.get(log);
    if (p == null && (p = registerLog(log)) != null) {
      byLock.put(lock, p);
    }
    return p;
  }

  PartitionState ofLog(Object log) {
    PartitionState p = byObject.get(log);
    return p != null ? p : registerLog(log);
  }

  /** First sight of a log: its topic-partition and directory, read by reflection once. */
  private PartitionState registerLog(Object log) {
    Object[] tp = KafkaObjects.topicPartition(log);
    if (tp == null) {
      return null;
    }
    String logDir = KafkaObjects.logDirOf(log);
    logDirs.learn(logDir);
    PartitionState p = named((String) tp[0], (Integer) tp[1], logDir);
    byObject.put(log, p);
    LogStateField.store(log, p);
    return p;
  }

  PartitionState ofPartition(Object partition) {
    PartitionState p = byObject.get(partition);
    if (p == null) {
      Object[] tp = KafkaObjects.topicPartition(partition);
      if (tp == null) {
        return null;
      }
      p = named((String) tp[0], (Integer) tp[1], null);
      byObject.put(partition, p);
    }
    return p;
  }

  /** What a file path is to the agent; {@link FileTarget#OUTSIDE_LOG_DIRS} when not measured. */
  FileTarget ofPath(String path) {
    FileTarget t = byPath.get(path);
    if (t == null) {
      if (byPath.size() > MAX_CACHED_PATHS) {
        byPath.clear();
      }
      t = resolve(path);
      byPath.put(path, t);
    }
    return t;
  }

  private FileTarget resolve(String path) {
    String logDir = logDirs.logDirOf(path);
    if (logDir == null) {
      return FileTarget.OUTSIDE_LOG_DIRS;
    }
    String rest = path.substring(logDir.length() + 1);
    int slash = rest.indexOf('/');
    // A partition dir itself (Kafka fsyncs it after creating or renaming a segment) is that
    // partition's.
    String dir = slash < 0 ? rest : rest.substring(0, slash);
    String file = slash < 0 ? "" : rest.substring(slash + 1);
    int[] partitionOut = new int[1];
    String topic = TopicPartitionDir.parse(dir, partitionOut);
    if (topic == null) {
      return new FileTarget(null, logDir, rest);
    }
    return new FileTarget(named(topic, partitionOut[0], logDir), logDir, file);
  }

  PartitionState named(String topic, int partition, String logDir) {
    PartitionState p =
        byName.computeIfAbsent(
            topic + "-" + partition, n -> new PartitionState(topic, partition, logDir));
    if (p.logDir == null && logDir != null) {
      p.logDir = logDir;
    }
    return p;
  }

  Collection<PartitionState> all() {
    return byName.values();
  }

  /**
   * Forgets partitions (idle or deleted): their histograms and lock state go, and a later sight
   * registers them afresh. One pass over each table however many go.
   */
  void release(Collection<PartitionState> gone) {
    if (gone.isEmpty()) {
      return;
    }
    Set<PartitionState> set = Collections.newSetFromMap(new IdentityHashMap<>());
    for (PartitionState p : gone) {
      p.released = true; // a probe that still reads it from a log's field then looks up afresh
      byName.remove(p.name, p);
      set.add(p);
    }
    byLock.removeIf(set::contains);
    // The log's added field would keep the state, histograms and all, alive as long as the log.
    byObject.removeIf(set::contains, LogStateField::clear);
    byPath.values().removeIf(t -> set.contains(t.partition));
  }

  /** Drops entries for Kafka objects that were collected (deleted partitions). */
  void expungeCollected() {
    byLock.removeIf(v -> false);
    byObject.removeIf(v -> false);
  }

  int size() {
    return byName.size();
  }
}

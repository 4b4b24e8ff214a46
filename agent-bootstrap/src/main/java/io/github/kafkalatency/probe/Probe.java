package io.github.kafkalatency.probe;

/**
 * The static entry points that instrumented Kafka and JDK code calls.
 *
 * <p>Usage: inlined advice and inserted bytecode call these methods; the agent core installs a
 * {@link ProbeSink} with {@link #install}. Until then every method is a volatile read and a return.
 * No method ever throws into the caller: when the sink throws, the part it was called for ({@link
 * Part}) turns itself off, its first failure is kept in {@link #fault(Part)}, and the other parts
 * keep working.
 *
 * <p>Lives on the boot class path (it must resolve from {@code sun.nio.ch.FileChannelImpl}), so it
 * depends on nothing but {@code java.base}.
 */
public final class Probe {
  /** {@code FileChannel.write}, any overload. */
  public static final int WRITE = 0;

  /** {@code FileChannel.force}. */
  public static final int FORCE = 1;

  /** {@code FileChannel.transferTo}: sendfile on Kafka's plaintext fetch path. */
  public static final int TRANSFER_TO = 2;

  /** {@code FileChannel.read}, any overload: the TLS fetch path and index lookups. */
  public static final int READ = 3;

  /** The parts that fail, and turn off, independently. */
  public enum Part {
    LOG_LOCK,
    APPEND,
    PARTITION_LOCK,
    PRODUCE_REQUEST,
    FILE_IO
  }

  // One field per part, so that each call is one volatile read.
  private static volatile ProbeSink lockSink;
  private static volatile ProbeSink appendSink;
  private static volatile ProbeSink partitionSink;
  private static volatile ProbeSink requestSink;
  private static volatile ProbeSink fileSink;
  private static final Throwable[] FAULTS = new Throwable[Part.values().length];

  private Probe() {}

  public static void install(ProbeSink newSink) {
    lockSink = newSink;
    appendSink = newSink;
    partitionSink = newSink;
    requestSink = newSink;
    fileSink = newSink;
  }

  public static void uninstall() {
    install(null);
  }

  /** The exception that turned {@code part} off, or null while it works. */
  public static Throwable fault(Part part) {
    synchronized (FAULTS) {
      return FAULTS[part.ordinal()];
    }
  }

  public static void beforeLogLock(Object lock, Object log, Object logState, int site) {
    ProbeSink s = lockSink;
    if (s == null) {
      return;
    }
    try {
      s.beforeLogLock(lock, log, logState, site);
    } catch (Throwable t) {
      fault(Part.LOG_LOCK, t);
    }
  }

  public static void logLockAcquired(Object logState) {
    ProbeSink s = lockSink;
    if (s == null) {
      return;
    }
    try {
      s.logLockAcquired(logState);
    } catch (Throwable t) {
      fault(Part.LOG_LOCK, t);
    }
  }

  public static void logLockReleasing(Object logState) {
    ProbeSink s = lockSink;
    if (s == null) {
      return;
    }
    try {
      s.logLockReleasing(logState);
    } catch (Throwable t) {
      fault(Part.LOG_LOCK, t);
    }
  }

  public static void logLockReleased(Object logState) {
    ProbeSink s = lockSink;
    if (s == null) {
      return;
    }
    try {
      s.logLockReleased(logState);
    } catch (Throwable t) {
      fault(Part.LOG_LOCK, t);
    }
  }

  public static void logLockExited(Object logState) {
    ProbeSink s = lockSink;
    if (s == null) {
      return;
    }
    try {
      s.logLockExited(logState);
    } catch (Throwable t) {
      fault(Part.LOG_LOCK, t);
    }
  }

  public static long appendStart() {
    return appendSink == null ? 0L : System.nanoTime();
  }

  public static void appendEnd(Object log, long startNanos, Object info, boolean failed) {
    ProbeSink s = appendSink;
    if (s == null || startNanos == 0L) {
      return;
    }
    try {
      s.appendEnd(log, startNanos, info, failed);
    } catch (Throwable t) {
      fault(Part.APPEND, t);
    }
  }

  public static void partitionLockRequested() {
    ProbeSink s = partitionSink;
    if (s == null) {
      return;
    }
    try {
      s.partitionLockRequested();
    } catch (Throwable t) {
      fault(Part.PARTITION_LOCK, t);
    }
  }

  public static void partitionLockAcquired(Object partition) {
    ProbeSink s = partitionSink;
    if (s == null) {
      return;
    }
    try {
      s.partitionLockAcquired(partition);
    } catch (Throwable t) {
      fault(Part.PARTITION_LOCK, t);
    }
  }

  public static void produceRequestStart(Object request) {
    ProbeSink s = requestSink;
    if (s == null) {
      return;
    }
    try {
      s.produceRequestStart(request);
    } catch (Throwable t) {
      fault(Part.PRODUCE_REQUEST, t);
    }
  }

  public static void produceRequestEnd() {
    ProbeSink s = requestSink;
    if (s == null) {
      return;
    }
    try {
      s.produceRequestEnd();
    } catch (Throwable t) {
      fault(Part.PRODUCE_REQUEST, t);
    }
  }

  public static void requestCompleted(Object request) {
    ProbeSink s = requestSink;
    if (s == null) {
      return;
    }
    try {
      s.requestCompleted(request);
    } catch (Throwable t) {
      fault(Part.PRODUCE_REQUEST, t);
    }
  }

  public static long fileOpStart(int op, String path, long bytes, long position) {
    ProbeSink s = fileSink;
    if (s == null || path == null) {
      return 0L;
    }
    try {
      return s.fileOpStart(op, path, bytes, position);
    } catch (Throwable t) {
      fault(Part.FILE_IO, t);
      return 0L;
    }
  }

  public static void fileOpEnd(int op, String path, long startNanos, long bytes) {
    ProbeSink s = fileSink;
    if (s == null || startNanos == 0L) {
      return;
    }
    try {
      s.fileOpEnd(op, path, startNanos, bytes);
    } catch (Throwable t) {
      fault(Part.FILE_IO, t);
    }
  }

  /**
   * Stands in for {@code FileDescriptor.sync()} in Kafka's checkpoint writers (leader-epoch and
   * other checkpoints sync their {@code FileOutputStream} this way, not through a FileChannel): the
   * sync itself, timed as a {@link #FORCE} of the stream's file. Throws what the sync throws.
   */
  public static void syncFileDescriptor(java.io.FileDescriptor fd)
      throws java.io.SyncFailedException {
    ProbeSink s = fileSink;
    String path = null;
    if (s != null) {
      try {
        path = s.pathOf(fd);
      } catch (Throwable t) {
        fault(Part.FILE_IO, t);
      }
    }
    long start = fileOpStart(FORCE, path, 0, -1);
    try {
      fd.sync();
    } finally {
      fileOpEnd(FORCE, path, start, 0);
    }
  }

  private static void fault(Part part, Throwable t) {
    switch (part) {
      case LOG_LOCK:
        lockSink = null;
        break;
      case APPEND:
        appendSink = null;
        break;
      case PARTITION_LOCK:
        partitionSink = null;
        break;
      case PRODUCE_REQUEST:
        requestSink = null;
        break;
      default:
        fileSink = null;
        break;
    }
    synchronized (FAULTS) {
      if (FAULTS[part.ordinal()] == null) {
        FAULTS[part.ordinal()] = t;
      }
    }
  }
}

package io.github.kafkalatency.probe;

/**
 * The static entry points that instrumented Kafka and JDK code calls.
 *
 * <p>Usage: inlined advice and inserted bytecode call these methods; the agent core installs a
 * {@link ProbeSink} with {@link #install}. Until then, and after any failure, every method is a
 * volatile read and a return. No method ever throws into the caller: the first failure of a sink
 * is kept in {@link #firstFault()} and the probes turn themselves off.
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

  private static volatile ProbeSink sink;
  private static volatile Throwable firstFault;

  private Probe() {}

  public static void install(ProbeSink newSink) {
    sink = newSink;
  }

  public static void uninstall() {
    sink = null;
  }

  public static boolean installed() {
    return sink != null;
  }

  /** The first exception a sink threw, after which the probes turned off; {@code null} if none. */
  public static Throwable firstFault() {
    return firstFault;
  }

  public static Object beforeLogLock(Object lock, Object log, int site) {
    ProbeSink s = sink;
    if (s == null) {
      return null;
    }
    try {
      return s.beforeLogLock(lock, log, site);
    } catch (Throwable t) {
      fault(t);
      return null;
    }
  }

  public static void logLockAcquired(Object token) {
    ProbeSink s = sink;
    if (s == null || token == null) {
      return;
    }
    try {
      s.logLockAcquired(token);
    } catch (Throwable t) {
      fault(t);
    }
  }

  public static void logLockReleasing() {
    ProbeSink s = sink;
    if (s == null) {
      return;
    }
    try {
      s.logLockReleasing();
    } catch (Throwable t) {
      fault(t);
    }
  }

  public static void logLockReleased() {
    ProbeSink s = sink;
    if (s == null) {
      return;
    }
    try {
      s.logLockReleased();
    } catch (Throwable t) {
      fault(t);
    }
  }

  public static long appendStart() {
    return sink == null ? 0L : System.nanoTime();
  }

  public static void appendEnd(Object log, long startNanos, Object info, boolean failed) {
    ProbeSink s = sink;
    if (s == null || startNanos == 0L) {
      return;
    }
    try {
      s.appendEnd(log, startNanos, info, failed);
    } catch (Throwable t) {
      fault(t);
    }
  }

  public static void partitionLockRequested() {
    ProbeSink s = sink;
    if (s == null) {
      return;
    }
    try {
      s.partitionLockRequested();
    } catch (Throwable t) {
      fault(t);
    }
  }

  public static void partitionLockAcquired(Object partition) {
    ProbeSink s = sink;
    if (s == null) {
      return;
    }
    try {
      s.partitionLockAcquired(partition);
    } catch (Throwable t) {
      fault(t);
    }
  }

  public static void produceRequestStart(Object request) {
    ProbeSink s = sink;
    if (s == null) {
      return;
    }
    try {
      s.produceRequestStart(request);
    } catch (Throwable t) {
      fault(t);
    }
  }

  public static void produceRequestEnd() {
    ProbeSink s = sink;
    if (s == null) {
      return;
    }
    try {
      s.produceRequestEnd();
    } catch (Throwable t) {
      fault(t);
    }
  }

  public static void requestCompleted(Object request) {
    ProbeSink s = sink;
    if (s == null) {
      return;
    }
    try {
      s.requestCompleted(request);
    } catch (Throwable t) {
      fault(t);
    }
  }

  public static long fileOpStart(int op, String path, long bytes, long position) {
    ProbeSink s = sink;
    if (s == null || path == null) {
      return 0L;
    }
    try {
      return s.fileOpStart(op, path, bytes, position);
    } catch (Throwable t) {
      fault(t);
      return 0L;
    }
  }

  public static void fileOpEnd(int op, String path, long startNanos, long bytes) {
    ProbeSink s = sink;
    if (s == null || startNanos == 0L) {
      return;
    }
    try {
      s.fileOpEnd(op, path, startNanos, bytes);
    } catch (Throwable t) {
      fault(t);
    }
  }

  private static void fault(Throwable t) {
    sink = null;
    if (firstFault == null) {
      firstFault = t;
    }
  }
}

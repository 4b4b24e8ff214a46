package io.github.kafkalatency.examples.bench;

import io.github.kafkalatency.record.LogStateField;
import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import kafka.log.BenchAppendInfo;
import kafka.log.MemoryRecords;
import kafka.log.UnifiedLog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the added cost of an append goes: the agent's probe calls in isolation, as the instrumented
 * code makes them, against the live {@code ProbeRecorder} the agent installed (every fork has the
 * agent). The calls go through the boot-path {@code Probe} by {@code static final} method handles,
 * which the JIT compiles to direct calls, since {@code Probe} is not on the benchmark's class path.
 *
 * <p>Paced like {@link ProbeCost}'s {@code paced*} pair, so the event ring drains and a push stores
 * its event; {@code pacedBaseline} is the pacing and timestamping alone, to be subtracted. {@code
 * nanoTime} is the clock every probe reads, back-to-back.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = ProbeCost.AGENT)
public class ProbeCalls {
  private static final int WRITE = 0; // Probe.WRITE
  private static final long BYTES = 256;

  /** Handles on the boot-path Probe; initialised on first use, in forks that have the agent. */
  static final class Probe {
    static final MethodHandle APPEND_START;
    static final MethodHandle APPEND_END;
    static final MethodHandle BEFORE_LOG_LOCK;
    static final VarHandle LOG_STATE;
    static final MethodHandle LOG_LOCK_ACQUIRED;
    static final MethodHandle LOG_LOCK_RELEASING;
    static final MethodHandle LOG_LOCK_RELEASED;
    static final MethodHandle FILE_OP_START;
    static final MethodHandle FILE_OP_END;

    static {
      try {
        Class<?> p = Class.forName("io.github.kafkalatency.probe.Probe", true, null);
        MethodHandles.Lookup l = MethodHandles.publicLookup();
        APPEND_START = l.findStatic(p, "appendStart", MethodType.methodType(long.class));
        APPEND_END =
            l.findStatic(
                p,
                "appendEnd",
                MethodType.methodType(
                    void.class, Object.class, long.class, Object.class, boolean.class));
        BEFORE_LOG_LOCK =
            l.findStatic(
                p,
                "beforeLogLock",
                MethodType.methodType(
                    void.class, Object.class, Object.class, Object.class, int.class));
        // the field the log-lock hook adds to the log class, which the lock sites pass along
        LOG_STATE =
            MethodHandles.publicLookup()
                .findVarHandle(UnifiedLog.class, LogStateField.NAME, Object.class);
        LOG_LOCK_ACQUIRED =
            l.findStatic(p, "logLockAcquired", MethodType.methodType(void.class, Object.class));
        LOG_LOCK_RELEASING =
            l.findStatic(p, "logLockReleasing", MethodType.methodType(void.class, Object.class));
        LOG_LOCK_RELEASED =
            l.findStatic(p, "logLockReleased", MethodType.methodType(void.class, Object.class));
        FILE_OP_START =
            l.findStatic(
                p,
                "fileOpStart",
                MethodType.methodType(long.class, int.class, String.class, long.class, long.class));
        FILE_OP_END =
            l.findStatic(
                p,
                "fileOpEnd",
                MethodType.methodType(void.class, int.class, String.class, long.class, long.class));
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private Probe() {}
  }

  /** A log the agent has seen (one real append at setup), its lock, an append info, a file. */
  @State(Scope.Thread)
  public static class Subjects {
    File logDir;
    UnifiedLog log;
    Object lock = new Object();
    BenchAppendInfo info = new BenchAppendInfo();
    String path;

    @Setup(Level.Trial)
    public void open() throws IOException {
      AgentCheck.atStart();
      logDir = BenchLogDir.create();
      log = new UnifiedLog(logDir, "bench", 0);
      log.appendAsLeader(new MemoryRecords(ByteBuffer.allocateDirect((int) BYTES), 1));
      info.set(1, (int) BYTES);
      path = new File(log.dir(), "00000000000000000000.log").getAbsolutePath();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      try {
        AgentCheck.atEnd();
      } finally {
        log.close();
        BenchLogDir.delete(logDir);
      }
    }
  }

  @Benchmark
  public long nanoTime() {
    return System.nanoTime();
  }

  @Benchmark
  public void pacedBaseline(Subjects s, ProbeCost.Pacer pacer) {}

  /** {@code UnifiedLog.append}'s enter and exit advice. */
  @Benchmark
  public void pacedAppendProbes(Subjects s, ProbeCost.Pacer pacer) throws Throwable {
    long start = (long) Probe.APPEND_START.invokeExact();
    Probe.APPEND_END.invokeExact((Object) s.log, start, (Object) s.info, false);
  }

  /**
   * The calls the log-lock hook places around {@code synchronized (lock)}: before {@code
   * monitorenter}, after it, before {@code monitorexit} and after it.
   */
  @Benchmark
  public void pacedLockProbes(Subjects s, ProbeCost.Pacer pacer) throws Throwable {
    Object state = Probe.LOG_STATE.get(s.log);
    Probe.BEFORE_LOG_LOCK.invokeExact(s.lock, (Object) s.log, state, 0);
    Probe.LOG_LOCK_ACQUIRED.invokeExact(state);
    Probe.LOG_LOCK_RELEASING.invokeExact(state);
    Probe.LOG_LOCK_RELEASED.invokeExact(state);
  }

  /** {@code FileChannelImpl.write}'s enter and exit advice. */
  @Benchmark
  public void pacedFileProbes(Subjects s, ProbeCost.Pacer pacer) throws Throwable {
    long start = (long) Probe.FILE_OP_START.invokeExact(WRITE, s.path, BYTES, -1L);
    Probe.FILE_OP_END.invokeExact(WRITE, s.path, start, BYTES);
  }
}

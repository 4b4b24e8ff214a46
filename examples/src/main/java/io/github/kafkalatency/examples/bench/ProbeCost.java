package io.github.kafkalatency.examples.bench;

import java.io.File;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost the agent adds to one Kafka log append: the same append of the {@link UnifiedLog}
 * stand-in ({@code synchronized (lock)} around a {@code FileChannel} write) run in forks with the
 * agent attached ({@code *Agent}) and without ({@code *NoAgent}), in the same JMH run. Agent minus
 * no agent is the added cost of the full set of probes: append, log lock, file write.
 *
 * <p>Variants:
 *
 * <ul>
 *   <li>{@code paced*}, the headline pair: one thread, one append every {@value Pacer#PERIOD_NANOS}
 *       ns. The agent hands events to its aggregator through a 4,096-slot ring per thread drained
 *       every 10 ms while busy (50 ms otherwise), i.e. at most ~400,000 events/s per thread;
 *       back-to-back appends (3 events each) overflow it, and the cheaper "ring full, drop" path
 *       would be measured. Pacing keeps the ring draining as on a broker, where an append takes
 *       tens of microseconds. The pause is a JMH {@code Level.Invocation} setup, outside the
 *       measured time; the timestamps JMH then takes around each call cost the same in both forks
 *       and cancel in the difference.
 *   <li>The batch is empty, so {@code FileChannel.write} returns before the system call while the
 *       probes around it still run in full: the write's own cost and noise stay out of the
 *       difference. {@code pacedWrite*} writes a 256-byte batch, a real {@code pwrite} into tmpfs.
 *   <li>{@code tight*}: back-to-back appends, the usual JMH loop; with the agent the ring is full
 *       most of the time.
 *   <li>{@code contended*}: two threads appending back-to-back to one log, so the lock probes also
 *       see waits.
 *   <li>{@code byHook*}, paced: the agent with only the append hook, only the log-lock hook, all
 *       hooks but the log-lock one, and {@link PlainLog} (no Kafka hook matches it, so only the
 *       JDK-wide file-io hook applies) against PlainLog without the agent.
 * </ul>
 *
 * <p>The forks find the agent at {@value #AGENT_JAR}, relative to the working directory: {@code
 * scripts/bench-probes.sh} runs from the repository root and copies {@code
 * agent-core/target/kafka-latency-agent.jar} there first (with the benchmark classes), so that
 * every fork of a run uses the same build even if it is rebuilt meanwhile. (A {@code @Fork}
 * argument must be a constant, so it cannot carry a computed path; for the same reason {@code
 * logDirs} is not given: the agent learns the log dir from the log's {@code dir()} at its first
 * append, as on a broker whose properties file it cannot read.) {@link ProbeCostReport} prints
 * agent minus no agent per pair.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ProbeCost {
  static final String AGENT_JAR = "examples/target/bench-run/kafka-latency-agent.jar";

  /** The agent as on a broker; the 60 s interval keeps its summary out of the measurement. */
  static final String AGENT = "-javaagent:" + AGENT_JAR + "=intervalSeconds=60";

  static final String APPEND_HOOK_ONLY = AGENT + ",disableHooks=log-lock;partition-lock;file-io";
  static final String LOCK_HOOK_ONLY = AGENT + ",disableHooks=log-append;partition-lock;file-io";
  static final String ALL_BUT_LOCK_HOOK = AGENT + ",disableHooks=log-lock";

  /** The logs, shared by the threads of a benchmark. */
  @State(Scope.Benchmark)
  public static class Logs {
    File logDir;
    UnifiedLog unified;
    PlainLog plain;

    @Setup(Level.Trial)
    public void open() throws IOException {
      AgentCheck.atStart();
      logDir = BenchLogDir.create();
      unified = new UnifiedLog(logDir, "bench", 0);
      plain = new PlainLog(new File(logDir, "plain"), "bench", 0);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      try {
        AgentCheck.atEnd();
      } finally {
        unified.close();
        plain.close();
        BenchLogDir.delete(logDir);
      }
    }
  }

  /** One thread's batch: empty, so the write returns before its system call. */
  @State(Scope.Thread)
  public static class Batch {
    final MemoryRecords records = batch(0);
  }

  /** One thread's 256-byte batch: a real {@code pwrite}. */
  @State(Scope.Thread)
  public static class Batch256 {
    final MemoryRecords records = batch(256);
  }

  static MemoryRecords batch(int bytes) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes);
    for (int i = 0; i < bytes; i++) {
      buffer.put(i, (byte) i);
    }
    return new MemoryRecords(buffer, 1);
  }

  /** Spaces a thread's appends {@value #PERIOD_NANOS} ns apart, outside the measured time. */
  @State(Scope.Thread)
  public static class Pacer {
    static final long PERIOD_NANOS = 20_000;
    private long next;

    @Setup(Level.Invocation)
    public void pace() {
      long now;
      while ((now = System.nanoTime()) < next) {
        Thread.onSpinWait();
      }
      next = now + PERIOD_NANOS;
    }
  }

  // ---- the headline pair, and with a real write -----------------------------------------------

  @Benchmark
  @Fork(value = 2)
  public BenchAppendInfo pacedNoAgent(Logs logs, Batch batch, Pacer pacer) throws IOException {
    return logs.unified.appendAsLeader(batch.records);
  }

  @Benchmark
  @Fork(value = 2, jvmArgsAppend = AGENT)
  public BenchAppendInfo pacedAgent(Logs logs, Batch batch, Pacer pacer) throws IOException {
    return logs.unified.appendAsLeader(batch.records);
  }

  @Benchmark
  @Fork(value = 2)
  public BenchAppendInfo pacedWriteNoAgent(Logs logs, Batch256 batch, Pacer pacer)
      throws IOException {
    return logs.unified.appendAsLeader(batch.records);
  }

  @Benchmark
  @Fork(value = 2, jvmArgsAppend = AGENT)
  public BenchAppendInfo pacedWriteAgent(Logs logs, Batch256 batch, Pacer pacer)
      throws IOException {
    return logs.unified.appendAsLeader(batch.records);
  }

  // ---- back-to-back and contended -------------------------------------------------------------

  @Benchmark
  @Fork(value = 2)
  public BenchAppendInfo tightNoAgent(Logs logs, Batch batch) throws IOException {
    return logs.unified.appendAsLeader(batch.records);
  }

  @Benchmark
  @Fork(value = 2, jvmArgsAppend = AGENT)
  public BenchAppendInfo tightAgent(Logs logs, Batch batch) throws IOException {
    return logs.unified.appendAsLeader(batch.records);
  }

  @Benchmark
  @Threads(2)
  @Fork(value = 2)
  public BenchAppendInfo contendedNoAgent(Logs logs, Batch batch) throws IOException {
    return logs.unified.appendAsLeader(batch.records);
  }

  @Benchmark
  @Threads(2)
  @Fork(value = 2, jvmArgsAppend = AGENT)
  public BenchAppendInfo contendedAgent(Logs logs, Batch batch) throws IOException {
    return logs.unified.appendAsLeader(batch.records);
  }

  // ---- breakdown by hook, paced, against pacedNoAgent -----------------------------------------

  @Benchmark
  @Fork(value = 2, jvmArgsAppend = APPEND_HOOK_ONLY)
  public BenchAppendInfo byHookAppendOnly(Logs logs, Batch batch, Pacer pacer) throws IOException {
    return logs.unified.appendAsLeader(batch.records);
  }

  @Benchmark
  @Fork(value = 2, jvmArgsAppend = LOCK_HOOK_ONLY)
  public BenchAppendInfo byHookLockOnly(Logs logs, Batch batch, Pacer pacer) throws IOException {
    return logs.unified.appendAsLeader(batch.records);
  }

  @Benchmark
  @Fork(value = 2, jvmArgsAppend = ALL_BUT_LOCK_HOOK)
  public BenchAppendInfo byHookAllButLock(Logs logs, Batch batch, Pacer pacer) throws IOException {
    return logs.unified.appendAsLeader(batch.records);
  }

  @Benchmark
  @Fork(value = 2)
  public BenchAppendInfo byHookPlainLogNoAgent(Logs logs, Batch batch, Pacer pacer)
      throws IOException {
    return logs.plain.appendAsLeader(batch.records);
  }

  @Benchmark
  @Fork(value = 2, jvmArgsAppend = AGENT)
  public BenchAppendInfo byHookPlainLogAgent(Logs logs, Batch batch, Pacer pacer)
      throws IOException {
    return logs.plain.appendAsLeader(batch.records);
  }
}

package io.github.kafkalatency.examples.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Use it as
 *
 * <pre>{@code
 * ColdReadThrottle.dropCaches();                                  // make the data cold
 * try (ColdReadThrottle slow = ColdReadThrottle.create(fs.majorMinor(), 2 << 20)) {
 *   slow.addProcess(broker.pid());          // or slow.addThread(ColdReadThrottle.currentTid())
 *   ... // page-cache misses on that device by those threads now go at 2 MB/s
 * }
 * }</pre>
 *
 * to make reads of cold data from one block device slow for chosen processes or threads, through a
 * cgroup v1 blkio throttle of its own under {@code /sys/fs/cgroup/blkio}.
 *
 * <p>Only reads that miss the page cache are throttled; buffered writes are not. On XFS that is the
 * LINE shape of {@code docs/fault-scenarios.md}: a {@code sendfile} of cold data holds the inode's
 * I/O lock shared while it waits on the slow device, and a producer's append to the same file waits
 * for it.
 *
 * <p>{@link #close()} moves every task back to the root blkio cgroup and removes this one; a
 * shutdown hook does the same if the JVM exits without it.
 */
public final class ColdReadThrottle implements AutoCloseable {
  static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

  private static final Path ROOT = FaultSupport.BLKIO_ROOT;
  private static final AtomicLong SEQ = new AtomicLong();
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);
  private static final int MOVE_BACK_ROUNDS = 20;

  private final Path dir;
  private final String majorMinor;
  private final long bytesPerSecond;
  private final Thread shutdownHook;
  private volatile boolean closed;

  private ColdReadThrottle(Path dir, String majorMinor, long bytesPerSecond) {
    this.dir = dir;
    this.majorMinor = majorMinor;
    this.bytesPerSecond = bytesPerSecond;
    this.shutdownHook = new Thread(this::closeQuietly, "kla-blkio-cleanup " + dir.getFileName());
  }

  /**
   * A new cgroup limiting reads from device {@code majorMinor} (e.g. "7:3") to {@code
   * bytesPerSecond}.
   */
  public static ColdReadThrottle create(String majorMinor, long bytesPerSecond) throws IOException {
    if (!majorMinor.matches("\\d+:\\d+")) {
      throw new IllegalArgumentException(
          "major:minor expected, e.g. 7:3, got '" + majorMinor + "'");
    }
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException("bytesPerSecond must be positive: " + bytesPerSecond);
    }
    Path dir =
        ROOT.resolve(
            "kla-cold-read-"
                + ProcessHandle.current().pid()
                + "-"
                + SEQ.incrementAndGet()
                + "-"
                + Long.toHexString(System.nanoTime()));
    Files.createDirectory(dir);
    ColdReadThrottle t = new ColdReadThrottle(dir, majorMinor, bytesPerSecond);
    Runtime.getRuntime().addShutdownHook(t.shutdownHook);
    try {
      write(dir.resolve("blkio.throttle.read_bps_device"), majorMinor + " " + bytesPerSecond);
    } catch (IOException | RuntimeException e) {
      try {
        t.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return t;
  }

  /** The kernel thread id of the calling thread, as cgroup v1 {@code tasks} wants it. */
  public static long currentTid() throws IOException {
    // "/proc/thread-self" links to "<pid>/task/<tid>"
    Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
    return Long.parseLong(link.getFileName().toString());
  }

  /** {@code sync}, then evict clean page-cache pages so later reads go to the device. */
  public static void dropCaches() throws IOException {
    // sync first: drop_caches drops only clean pages, and dirty ones would keep the data warm
    Commands.check(SYNC_TIMEOUT, "sync");
    write(DROP_CACHES, "1");
  }

  public Path cgroupDir() {
    return dir;
  }

  public String majorMinor() {
    return majorMinor;
  }

  public long bytesPerSecond() {
    return bytesPerSecond;
  }

  /**
   * Moves all threads of process {@code pid} into this cgroup. Threads it starts later inherit it.
   */
  public void addProcess(long pid) throws IOException {
    checkOpen();
    try {
      // cgroup.procs moves the whole thread group in one write
      write(dir.resolve("cgroup.procs"), Long.toString(pid));
      return;
    } catch (IOException e) {
      // fall back to one write per thread to tasks, the cgroup v1 interface every kernel has
    }
    Path taskDir = Path.of("/proc", Long.toString(pid), "task");
    int moved = 0;
    try (DirectoryStream<Path> tids = Files.newDirectoryStream(taskDir)) {
      for (Path tid : tids) {
        if (moveQuietly(dir.resolve("tasks"), tid.getFileName().toString())) {
          moved++;
        }
      }
    } catch (NoSuchFileException e) {
      throw new IOException("no process " + pid, e);
    }
    if (moved == 0) {
      throw new IOException("could not move any thread of process " + pid + " into " + dir);
    }
  }

  /** Moves the one thread {@code tid} (see {@link #currentTid()}) into this cgroup. */
  public void addThread(long tid) throws IOException {
    checkOpen();
    write(dir.resolve("tasks"), Long.toString(tid));
  }

  /** Moves thread {@code tid} back to the root blkio cgroup, unthrottled. */
  public static void removeThread(long tid) throws IOException {
    write(ROOT.resolve("tasks"), Long.toString(tid));
  }

  /** The thread ids currently in this cgroup. */
  public List<Long> tasks() throws IOException {
    List<Long> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("tasks"))) {
      if (!line.isBlank()) {
        out.add(Long.parseLong(line.trim()));
      }
    }
    return out;
  }

  /** Moves every task back to the root blkio cgroup and removes this cgroup. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | SecurityException alreadyShuttingDown) {
      // the hook runs, or already ran, and does the same
    }
    removeCgroup();
  }

  private void closeQuietly() {
    closed = true;
    try {
      removeCgroup();
    } catch (IOException | RuntimeException e) {
      System.err.println("ColdReadThrottle: " + e.getMessage());
    }
  }

  private void removeCgroup() throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    // in rounds: a process in here (a broker) may start threads while we move the others out
    for (int round = 0; round < MOVE_BACK_ROUNDS; round++) {
      List<Long> tasks;
      try {
        tasks = tasks();
      } catch (NoSuchFileException gone) {
        return;
      }
      if (tasks.isEmpty()) {
        break;
      }
      for (long tid : tasks) {
        // per tid into root tasks: writing a pid to root cgroup.procs would also move threads of
        // that process that the caller put in other cgroups on purpose
        moveQuietly(ROOT.resolve("tasks"), Long.toString(tid));
      }
    }
    IOException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      try {
        Files.deleteIfExists(dir); // rmdir(2); the control files inside are not real files
        return;
      } catch (IOException e) { // EBUSY while a task is still leaving
        last = e;
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new IOException("could not remove " + dir + " (tasks left: " + safeTasks() + ")", last);
  }

  private String safeTasks() {
    try {
      return tasks().toString();
    } catch (IOException e) {
      return "?";
    }
  }

  /**
   * False if the thread exited meanwhile (ESRCH), which is no error when moving a whole process.
   */
  private static boolean moveQuietly(Path tasksFile, String tid) {
    try {
      write(tasksFile, tid);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("closed: " + dir);
    }
  }

  /** One write(2) without O_CREAT/O_TRUNC: cgroup and procfs files take one value per write. */
  private static void write(Path file, String value) throws IOException {
    Files.write(file, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE);
  }

  @Override
  public String toString() {
    return "reads from " + majorMinor + " at " + bytesPerSecond + " B/s for tasks in " + dir;
  }
}

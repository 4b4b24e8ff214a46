package io.github.kafkalatency.record;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where in the kernel a thread stuck in a log-file operation waits, read from inside the JVM with
 * no root and no eBPF: {@code /proc/self/task/<tid>/wchan} (the function it sleeps in, readable by
 * the process's own user) and, where readable (a broker running as root), the top of {@code
 * /proc/self/task/<tid>/stack}. A frozen ext4 write waits in {@code percpu_rwsem_wait}; a journal
 * wait shows as {@code wait_transaction_locked} or {@code jbd2_*}; an XFS inode lock as {@code
 * rwsem_down_*}; a page-cache miss on a slow device as {@code folio_wait_bit} or {@code
 * io_schedule}.
 *
 * <p>Usage: each thread calls {@link #learnTid} once, outside Kafka's locks; the aggregator calls
 * {@link #sample} every tick: only a thread that has been inside one file operation longer than the
 * threshold is read, once per operation (again on later ticks while it still runs and no site was
 * read), and the site is left on its {@link ThreadProbe} for that operation's events. Without a
 * slow operation a tick costs one pass over the threads' current-operation fields, no I/O.
 *
 * <p>Thread-safety: {@link #sample} and the counters from the aggregator thread only.
 */
final class KernelWaitSites {
  private static final int STACK_FRAMES = 4;

  private final long thresholdNanos;
  private boolean stackReadable = true;
  long scans;
  long scanNanos;
  long reads;
  long readNanos;

  KernelWaitSites(long thresholdNanos) {
    this.thresholdNanos = thresholdNanos;
  }

  /** The counters since the last call, which starts them afresh. */
  IntervalSnapshot.KernelSiteCost takeCost() {
    IntervalSnapshot.KernelSiteCost c =
        new IntervalSnapshot.KernelSiteCost(scans, scanNanos, reads, readNanos);
    scans = 0;
    scanNanos = 0;
    reads = 0;
    readNanos = 0;
    return c;
  }

  /**
   * On the thread itself: its Linux tid, where {@code /proc/thread-self} points; -1 when unknown.
   */
  static void learnTid(ThreadProbe t) {
    int tid = -1;
    try {
      String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
      tid = Integer.parseInt(link.substring(link.lastIndexOf('/') + 1));
    } catch (IOException | RuntimeException | LinkageError e) {
      // not Linux, or /proc not mounted: no kernel wait sites
    }
    t.tid = tid;
  }

  void sample(Iterable<ThreadProbe> threads, long now) {
    long start = System.nanoTime();
    for (ThreadProbe t : threads) {
      int tid = t.tid;
      if (tid <= 0 || t.opKind == ThreadProbe.NO_OP) {
        continue;
      }
      long opStart = t.opStart;
      if (now - opStart < thresholdNanos || t.kernelSiteOpStart == opStart) {
        continue;
      }
      long readStart = System.nanoTime();
      String site = read(tid);
      reads++;
      readNanos += System.nanoTime() - readStart;
      if (site != null && t.opKind != ThreadProbe.NO_OP && t.opStart == opStart) {
        t.kernelSite = site;
        t.kernelSiteOpStart = opStart;
      }
    }
    scans++;
    scanNanos += System.nanoTime() - start;
  }

  /**
   * {@code wchan}, then {@code < caller < ...} from the stack when readable; null when running, not
   * sleeping.
   */
  private String read(int tid) {
    String wchan = readSmall("/proc/self/task/" + tid + "/wchan");
    if (wchan == null || wchan.isEmpty() || wchan.equals("0")) {
      return null;
    }
    if (!stackReadable) {
      return wchan;
    }
    String stack = readSmall("/proc/self/task/" + tid + "/stack");
    if (stack == null) {
      stackReadable = false; // not root: wchan only, and no more failed opens
      return wchan;
    }
    return wchan + frames(stack, wchan);
  }

  /**
   * The callers below {@code wchan} in a {@code /proc/<pid>/stack} dump, each {@code " < name"}.
   */
  static String frames(String stack, String wchan) {
    StringBuilder b = new StringBuilder();
    int shown = 0;
    for (String line : stack.split("\n")) {
      int close = line.indexOf("] ");
      if (close < 0) {
        continue;
      }
      String name = line.substring(close + 2);
      int plus = name.indexOf('+');
      name = (plus > 0 ? name.substring(0, plus) : name).trim();
      if (name.isEmpty()
          || name.equals(wchan)
          || (shown == 0 && name.startsWith("__schedule"))
          || name.equals("schedule")) {
        continue;
      }
      b.append(" < ").append(name);
      if (++shown == STACK_FRAMES) {
        break;
      }
    }
    return b.toString();
  }

  /**
   * FileInputStream, not a FileChannel: the agent's own reads of /proc never reach its file hooks.
   */
  private static String readSmall(String path) {
    try (FileInputStream in = new FileInputStream(path)) {
      byte[] buf = new byte[4096];
      int n = 0;
      int r;
      while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
        n += r;
      }
      return new String(buf, 0, n, StandardCharsets.US_ASCII).trim();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}

package io.github.kafkalatency.examples.fault;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run with {@code mvn -pl examples test -Dtest=FaultToolsTest
 * -Dsurefire.failIfNoSpecifiedTests=false} as root; elsewhere both tests skip with the reason, and
 * with {@code CI=true} they fail with it.
 *
 * <p>Proves the fault tools on their own, without a broker: if a freeze did not block writes or a
 * throttled cold read did not block an append here, a broker test that sees no stall would say
 * nothing about the agent. The bounds are the ones docs/fault-scenarios.md gives.
 */
class FaultToolsTest {
  private static final long MS = 1_000_000L;

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aFrozenExt4MountBlocksWritesForTheFreezeAndCloseRemovesEverything(@TempDir Path tmp)
      throws Exception {
    requireOrSkip(FaultSupport.ext4Freeze());
    Path image;
    Path mountPoint;
    String device;
    Timings writes;
    long freezeCalled;
    long thawed;
    try (LoopFileSystem fs = LoopFileSystem.ext4(tmp, 256L << 20)) {
      image = fs.imageFile();
      mountPoint = fs.mountPoint();
      device = fs.device();
      assertTrue(MountTable.contains(mountPoint), "not mounted: " + fs);
      assertTrue(fs.majorMinor().matches("\\d+:\\d+"), fs.majorMinor());
      assertTrue(device.startsWith("/dev/loop"), device);

      try (Appender appender = new Appender(fs.mountPoint().resolve("00000000.log"), 100, 5)) {
        Thread.sleep(200); // the writer is in its steady rhythm before the freeze
        freezeCalled = System.nanoTime();
        fs.freezeFor(Duration.ofMillis(300));
        thawed = System.nanoTime();
        assertFalse(fs.isFrozen());
        Thread.sleep(200);
        writes = appender.stop();
      }
      long[] worst = writes.longest();
      System.out.printf(
          "ext4 freeze 300 ms: longest write %d ms (of %d writes), %d writes after thaw%n",
          (worst[1] - worst[0]) / MS, writes.count(), writes.startedAfter(thawed));
      long worstMs = (worst[1] - worst[0]) / MS;
      assertTrue(
          worstMs >= 200 && worstMs <= 600, "longest write " + worstMs + " ms, expected 200..600");
      assertTrue(
          worst[0] >= freezeCalled && worst[1] >= thawed - 50 * MS,
          "the longest write was not the one held by the freeze");
      assertTrue(
          writes.startedAfter(thawed) >= 10,
          "writes did not resume after the thaw: " + writes.startedAfter(thawed) + " in 200 ms");
    }
    assertFalse(MountTable.contains(mountPoint), "still in /proc/mounts: " + mountPoint);
    assertFalse(Files.exists(image), "image left behind: " + image);
    assertFalse(Files.exists(mountPoint), "mount point left behind: " + mountPoint);
    assertFalse(
        backingFile(device).startsWith(image.toString()), device + " still attached to " + image);
  }

  @Test
  @Timeout(value = 40, unit = TimeUnit.SECONDS)
  void aThrottledColdSendfileOnXfsBlocksAnAppendToTheSameFile(@TempDir Path tmp) throws Exception {
    requireOrSkip(FaultSupport.xfsColdRead());
    Path cgroup;
    Path mountPoint;
    try (LoopFileSystem fs = LoopFileSystem.xfs(tmp, 512L << 20)) {
      mountPoint = fs.mountPoint();
      Path segment = fs.mountPoint().resolve("00000000.log");
      writeSynced(segment, 64L << 20);
      ColdReadThrottle.dropCaches();

      long readNanos;
      Timings writes;
      long readStart;
      long readEnd;
      try (ColdReadThrottle slow = ColdReadThrottle.create(fs.majorMinor(), 2L << 20);
          Loopback sink = new Loopback();
          FileChannel in = FileChannel.open(segment, StandardOpenOption.READ);
          Appender appender = new Appender(segment, 1000, 10)) {
        cgroup = slow.cgroupDir();
        long tid = ColdReadThrottle.currentTid();
        slow.addThread(tid);
        try {
          assertTrue(slow.tasks().contains(tid), "thread " + tid + " not in " + cgroup);
          // the path a broker's network thread takes to a plaintext consumer: sendfile to a socket
          readStart = System.nanoTime();
          long sent = 0;
          long want = 8L << 20;
          while (sent < want) {
            sent += in.transferTo(sent, want - sent, sink.out());
          }
          readEnd = System.nanoTime();
          readNanos = readEnd - readStart;
        } finally {
          ColdReadThrottle.removeThread(tid);
        }
        assertFalse(slow.tasks().contains(tid), "thread " + tid + " still throttled");
        Thread.sleep(100);
        writes = appender.stop();
      }
      assertFalse(Files.exists(cgroup), "cgroup left behind: " + cgroup);
      long[] worst = writes.longest();
      long worstMs = (worst[1] - worst[0]) / MS;
      System.out.printf(
          "xfs cold sendfile of 8 MiB at 2 MiB/s: %d ms; worst 1000-byte append %d ms"
              + " (of %d)%n",
          readNanos / MS, worstMs, writes.count());
      assertTrue(
          readNanos > 1000 * MS, "cold read took only " + readNanos / MS + " ms: not throttled?");
      assertTrue(worstMs > 200, "worst append " + worstMs + " ms: the read did not block writes");
      assertTrue(
          worst[0] < readEnd && worst[1] > readStart, "the worst append was not during the read");
    }
    assertFalse(MountTable.contains(mountPoint), "still in /proc/mounts: " + mountPoint);
  }

  private static void requireOrSkip(Optional<String> whyNot) {
    if (whyNot.isPresent() && FaultSupport.requiredHere()) {
      fail("CI=true, yet real faults cannot run: " + whyNot.get());
    }
    assumeTrue(whyNot.isEmpty(), () -> whyNot.orElse(""));
  }

  private static String backingFile(String device) throws IOException {
    Path f =
        Path.of("/sys/block", Path.of(device).getFileName().toString(), "loop", "backing_file");
    return Files.exists(f) ? Files.readString(f).strip() : "";
  }

  private static void writeSynced(Path file, long bytes) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
    while (chunk.hasRemaining()) {
      chunk.put((byte) 'k');
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long written = 0; written < bytes; written += chunk.capacity()) {
        chunk.clear();
        while (chunk.hasRemaining()) {
          ch.write(chunk);
        }
      }
      ch.force(true);
    }
  }

  /** Start and end (System.nanoTime) of each write. */
  private record Timings(List<long[]> spans) {
    long[] longest() {
      long[] worst = null;
      for (long[] s : spans) {
        if (worst == null || s[1] - s[0] > worst[1] - worst[0]) {
          worst = s;
        }
      }
      assertNotNull(worst, "no writes at all");
      return worst;
    }

    int count() {
      return spans.size();
    }

    long startedAfter(long nanos) {
      return spans.stream().filter(s -> s[0] >= nanos).count();
    }
  }

  /**
   * A thread appending {@code size} bytes every {@code periodMillis}, like a producer's appends.
   */
  private static final class Appender implements AutoCloseable {
    private final List<long[]> spans = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stop;
    private volatile Throwable failure;

    Appender(Path file, int size, long periodMillis) {
      thread =
          new Thread(
              () -> {
                // not interruptible on purpose: an interrupt would close the channel, not end the
                // write
                try (FileChannel ch =
                    FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                  ByteBuffer buf = ByteBuffer.allocate(size);
                  while (!stop) {
                    buf.clear();
                    long start = System.nanoTime();
                    while (buf.hasRemaining()) {
                      ch.write(buf);
                    }
                    long end = System.nanoTime();
                    synchronized (spans) {
                      spans.add(new long[] {start, end});
                    }
                    Thread.sleep(periodMillis);
                  }
                } catch (Throwable t) {
                  failure = t;
                }
              },
              "appender " + file.getFileName());
      thread.setDaemon(true);
      thread.start();
    }

    Timings stop() throws InterruptedException {
      stop = true;
      thread.join(10_000);
      assertFalse(thread.isAlive(), "appender still blocked in a write");
      if (failure != null) {
        throw new AssertionError("appender failed", failure);
      }
      synchronized (spans) {
        return new Timings(List.copyOf(spans));
      }
    }

    @Override
    public void close() throws InterruptedException {
      stop = true;
      thread.join(10_000); // before the file system goes: an open file would make umount busy
    }
  }

  /** A loopback TCP connection whose far end is drained and discarded, as a consumer would. */
  private static final class Loopback implements AutoCloseable {
    private final ServerSocketChannel server;
    private final SocketChannel out;
    private final SocketChannel far;
    private final Thread drain;

    Loopback() throws IOException {
      server =
          ServerSocketChannel.open()
              .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      out = SocketChannel.open(server.getLocalAddress());
      far = server.accept();
      drain =
          new Thread(
              () -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
                try {
                  while (far.read(buf) >= 0) {
                    buf.clear();
                  }
                } catch (IOException closed) {
                  // the test is done with it
                }
              },
              "loopback drain");
      drain.setDaemon(true);
      drain.start();
    }

    SocketChannel out() {
      return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
      out.close();
      drain.join(5_000);
      far.close();
      server.close();
    }
  }
}

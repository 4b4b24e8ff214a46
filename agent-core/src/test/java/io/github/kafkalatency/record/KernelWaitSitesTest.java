package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.probe.Probe;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class KernelWaitSitesTest {
  private static final long MS = 1_000_000L;

  @Test
  void stackFramesBelowTheWaitSite() {
    String stack =
        "[<0>] percpu_rwsem_wait+0x10b/0x130\n[<0>] __percpu_down_read+0x63/0x70\n"
            + "[<0>] ext4_buffered_write_iter+0x12f/0x140\n[<0>] vfs_write+0x2a0/0x3c0\n"
            + "[<0>] ksys_write+0x60/0xe0\n[<0>] do_syscall_64+0x5b/0x180\n";
    assertEquals(
        " < __percpu_down_read < ext4_buffered_write_iter < vfs_write < ksys_write",
        KernelWaitSites.frames(stack, "percpu_rwsem_wait"));
  }

  @Test
  void aThreadLongInsideAnOperationIsReadOnceAndAQuietOneNever() throws Exception {
    assertTrue(new java.io.File("/proc/thread-self").exists(), "Linux /proc needed");
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    ThreadProbe[] probe = new ThreadProbe[1];
    Thread stuck =
        new Thread(
            () -> {
              ThreadProbe t = new ThreadProbe(Thread.currentThread(), 16);
              KernelWaitSites.learnTid(t);
              t.opStart = System.nanoTime() - 100 * MS;
              t.opKind = Probe.WRITE;
              probe[0] = t;
              inside.countDown();
              try {
                done.await(); // asleep in the kernel, as a stuck write would be
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "stuck");
    stuck.start();
    inside.await();
    Thread.sleep(50);
    ThreadProbe t = probe[0];
    assertTrue(t.tid > 0, "tid from /proc/thread-self");
    KernelWaitSites sites = new KernelWaitSites(10 * MS);
    sites.sample(List.of(t), System.nanoTime());
    sites.sample(List.of(t), System.nanoTime());
    done.countDown();
    stuck.join();
    assertEquals(1, sites.reads, "once per operation");
    assertNotNull(t.kernelSiteOf(t.opStart), "a sleeping thread has a wchan");
    assertTrue(t.kernelSite.matches("[a-z_0-9.]+( < [a-zA-Z_0-9.]+)*"), t.kernelSite);
    System.out.println("kernel wait site of a thread in await(): " + t.kernelSite);

    ThreadProbe quiet = new ThreadProbe(Thread.currentThread(), 16);
    KernelWaitSites.learnTid(quiet);
    KernelWaitSites idle = new KernelWaitSites(10 * MS);
    idle.sample(List.of(quiet), System.nanoTime());
    quiet.opKind = Probe.WRITE;
    quiet.opStart = System.nanoTime();
    idle.sample(List.of(quiet), System.nanoTime());
    assertEquals(0, idle.reads, "no slow operation, no read");
    assertNull(quiet.kernelSiteOf(quiet.opStart));
  }

  /** A figure, not a timing assertion: what a tick costs with no slow operation anywhere. */
  @Test
  void withoutASlowOperationATickOnlyScansFields() {
    List<ThreadProbe> threads = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ThreadProbe t = new ThreadProbe(Thread.currentThread(), 16);
      t.tid = 1000 + i;
      if (i % 4 == 0) {
        t.opKind = Probe.WRITE; // inside a fast write right now
        t.opStart = System.nanoTime();
      }
      threads.add(t);
    }
    KernelWaitSites sites = new KernelWaitSites(5 * MS);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 20_000; i++) {
        sites.sample(threads, threads.get(0).opStart + MS);
      }
      IntervalSnapshot.KernelSiteCost c = sites.takeCost();
      assertEquals(0, c.reads(), "nothing read without a slow operation");
      System.out.printf(
          "kernel wait sites, 200 threads, no slow op: %d scans, %.0f ns per scan%n",
          c.scans(), (double) c.scanNanos() / c.scans());
    }
  }
}

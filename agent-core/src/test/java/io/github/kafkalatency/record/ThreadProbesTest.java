package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadProbesTest {
  private final ThreadLocal<ThreadProbe> fallback =
      ThreadLocal.withInitial(() -> new ThreadProbe(Thread.currentThread(), 16));
  private final ThreadProbes probes = new ThreadProbes(fallback);

  @Test
  void eachThreadKeepsItsOwnProbe() throws Exception {
    ThreadProbe mine = probes.current();
    assertSame(mine, probes.current());
    assertSame(Thread.currentThread(), mine.thread);
    AtomicReference<ThreadProbe> other = new AtomicReference<>();
    Thread t = new Thread(() -> other.set(probes.current()));
    t.start();
    t.join();
    assertNotSame(mine, other.get());
    assertSame(t, other.get().thread);
    assertSame(mine, probes.current());
  }

  @Test
  void aForgottenDeadThreadsProbeIsNotKeptReachable() throws Exception {
    AtomicReference<ThreadProbe> seen = new AtomicReference<>();
    Thread t = new Thread(() -> seen.set(probes.current()));
    t.start();
    t.join();
    WeakReference<ThreadProbe> ref = new WeakReference<>(seen.get());
    probes.forget(seen.get());
    seen.set(null);
    t = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(ref.get(), "the table let go of the dead thread's probe and its ring");
  }
}

package io.github.kafkalatency.report;

import io.github.kafkalatency.jfr.EventSchema;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.EventStream;

/**
 * {@code java -jar kafka-latency-agent.jar watch TARGET}: the agent's events from a running broker,
 * live, through JFR event streaming (see {@link WatchUsage#TEXT}). It reads the events with the
 * report's {@link EventMapper}, so that the two never disagree about the schema.
 *
 * <p>Usage: {@code int code = WatchCommand.run(args, System.out, System.err, terminal)} with the
 * arguments after the word {@code watch}. Every problem is one line on {@code err} and an exit code
 * from {@link WatchUsage}. Ctrl-C stops the stream (and the recording it started in the broker).
 */
public final class WatchCommand {
  static final String PREFIX = "kafka-latency-agent watch: ";
  private static final long TICK_MILLIS = 500;

  private WatchCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err, boolean terminal) {
    try {
      return watch(args, out, err, terminal);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      err.println(PREFIX + "internal error: " + e);
      return WatchUsage.FAILED;
    }
  }

  private static int watch(List<String> args, PrintStream out, PrintStream err, boolean terminal) {
    WatchOptions o;
    try {
      o = WatchOptions.parse(args);
    } catch (UsageException e) {
      err.println(PREFIX + e.getMessage());
      err.println("usage: " + WatchUsage.SYNOPSIS + " (--help for more)");
      return WatchUsage.USAGE;
    }
    if (o.help()) {
      out.print(WatchUsage.TEXT);
      return WatchUsage.OK;
    }
    WatchSource source;
    try {
      source = WatchSource.open(o);
    } catch (WatchException e) {
      err.println(PREFIX + e.getMessage());
      return e.code();
    }
    try (WatchSource s = source) {
      return stream(s, o, out, err, terminal);
    }
  }

  private static int stream(
      WatchSource s, WatchOptions o, PrintStream out, PrintStream err, boolean terminal) {
    EventStream stream = s.stream();
    CountDownLatch ended = new CountDownLatch(1);
    Thread stopOnExit =
        new Thread(
            () -> {
              s.close();
              try {
                ended.await(3, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "watch-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    WatchScreen screen =
        o.jsonl()
            ? null
            : new WatchScreen(
                out,
                terminal && !o.plain(),
                s.info(),
                new TimeFormat(ZoneId.systemDefault()),
                TerminalSize.rows(),
                TerminalSize.columns());
    if (o.jsonl()) {
      stream.onEvent(
          e -> {
            if (e.getEventType().getName().startsWith(EventSchema.NAMESPACE)) {
              out.println(JsonLine.of(e));
            }
          });
      stream.onFlush(out::flush);
    } else {
      stream.onEvent(screen::accept);
      stream.onFlush(screen::flushed);
    }
    Throwable[] failure = new Throwable[1];
    stream.onError(e -> failure[0] = e);
    stream.onClose(ended::countDown);
    if (screen != null) {
      screen
          .tick(); // the header now: starting the recording in a JVM where JFR is not up yet takes
      // seconds
    }
    stream.startAsync();
    long deadline =
        o.duration() == null ? Long.MAX_VALUE : System.nanoTime() + o.duration().toNanos();
    try {
      while (!ended.await(TICK_MILLIS, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
        if (screen != null) {
          screen.tick();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean endedByItself = ended.getCount() == 0;
    String gone = s.gone();
    for (int i = 0; endedByItself && gone == null && i < 20; i++) {
      sleepQuietly(100); // the watchdog or the connection's notification says why, within a second
      gone = s.gone();
    }
    if (endedByItself && gone == null) {
      gone = "the stream ended: the broker stopped or closed its recording";
    }
    s.close();
    awaitQuietly(ended, Duration.ofSeconds(3));
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is running
    }
    if (screen != null) {
      screen.close(null);
    }
    out.flush();
    if (gone != null) {
      err.println(PREFIX + gone + "; stopped");
      return WatchUsage.GONE;
    }
    if (failure[0] != null && System.nanoTime() < deadline) {
      err.println(PREFIX + "the stream failed: " + failure[0]);
      return WatchUsage.FAILED;
    }
    return WatchUsage.OK;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(CountDownLatch latch, Duration d) {
    try {
      latch.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

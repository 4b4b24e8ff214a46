package io.github.kafkalatency.examples.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A detached tmux session of a fixed size, driven as a person would: keys in, screen out.
 *
 * <p>Usage: {@code try (Tmux t = Tmux.start("name", 200, 50)) { t.send("cmd", "Enter"); t.await(s
 * -> s.contains("x"), Duration.ofSeconds(5)); }}. Closing kills the session.
 */
final class Tmux implements AutoCloseable {
  private final String session;

  private Tmux(String session) {
    this.session = session;
  }

  static boolean available() {
    try {
      return run(List.of("tmux", "-V")).startsWith("tmux");
    } catch (IOException e) {
      return false;
    }
  }

  static Tmux start(String name, int columns, int rows) throws IOException {
    String session = name + "-" + ProcessHandle.current().pid();
    run(
        List.of(
            "tmux",
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            String.valueOf(columns),
            "-y",
            String.valueOf(rows)));
    return new Tmux(session);
  }

  void send(String... keys) throws IOException {
    List<String> cmd = new java.util.ArrayList<>(List.of("tmux", "send-keys", "-t", session));
    cmd.addAll(List.of(keys));
    run(cmd);
  }

  /** The visible screen as text, as capture-pane prints it. */
  String screen() throws IOException {
    return run(List.of("tmux", "capture-pane", "-p", "-t", session));
  }

  /**
   * Polls the screen every 50 ms; returns the first screen that matches, or null at the timeout.
   */
  String await(Predicate<String> condition, Duration timeout)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    do {
      String s = screen();
      if (condition.test(s)) {
        return s;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < end);
    return null;
  }

  @Override
  public void close() throws IOException {
    run(List.of("tmux", "kill-session", "-t", session));
  }

  private static String run(List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed: " + out);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + cmd, e);
    }
  }
}

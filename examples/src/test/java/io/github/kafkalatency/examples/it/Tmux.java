package io.github.kafkalatency.examples.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A detached tmux session of a fixed size, driven as a person would: keys in, screen out.
 *
 * <p>Usage: {@code try (Tmux t = Tmux.start("name", 200, 50)) { t.send("cmd", "Enter"); t.await(s
 * -> s.contains("x"), Duration.ofSeconds(5)); }}. Closing kills the session and its server.
 *
 * <p>Each session runs on a server of its own ({@code tmux -S}, a socket in a fresh temporary
 * directory), so a server of the machine's user, starting or exiting at that moment, cannot take it
 * down: once the shared default server failed a start with "server exited unexpectedly".
 */
final class Tmux implements AutoCloseable {
  private final String session;
  private final Path dir;
  private final String socket;

  private Tmux(String session, Path dir) {
    this.session = session;
    this.dir = dir;
    this.socket = dir.resolve("socket").toString();
  }

  static boolean available() {
    try {
      return run(List.of("tmux", "-V")).startsWith("tmux");
    } catch (IOException e) {
      return false;
    }
  }

  static Tmux start(String name, int columns, int rows) throws IOException {
    Tmux t = new Tmux(name + "-" + ProcessHandle.current().pid(), Files.createTempDirectory(name));
    t.tmux(
        "new-session",
        "-d",
        "-s",
        t.session,
        "-x",
        String.valueOf(columns),
        "-y",
        String.valueOf(rows));
    return t;
  }

  void send(String... keys) throws IOException {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
    args.addAll(List.of(keys));
    tmux(args.toArray(new String[0]));
  }

  /** The visible screen as text, as capture-pane prints it. */
  String screen() throws IOException {
    return tmux("capture-pane", "-p", "-t", session);
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
    try {
      tmux("kill-server");
    } finally {
      Files.deleteIfExists(Path.of(socket));
      Files.deleteIfExists(dir);
    }
  }

  private String tmux(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-S", socket));
    cmd.addAll(List.of(args));
    return run(cmd);
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

package io.github.kafkalatency.examples.fault;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Use {@code Commands.run(Duration.ofSeconds(30), "fsfreeze", "--freeze", dir)} to run a system
 * tool and get its exit code and merged output, or {@code Commands.check(...)} to get an {@link
 * IOException} quoting the command and its output when it fails.
 *
 * <p>Waits are not interruptible (the interrupt is kept for the caller) and every call has a
 * timeout instead, because the tools here touch frozen or throttled devices, where a {@code sync}
 * or {@code umount} can block indefinitely; a hung test is worse than a failed one.
 */
final class Commands {
  /** Where root's tools live; a JVM started from a user shell or by Maven may lack them on PATH. */
  private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

  private Commands() {}

  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** The tool's absolute path, from PATH or the usual sbin directories. */
  static Optional<Path> find(String tool) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(EXTRA_DIRS);
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, tool);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static Result run(Duration timeout, String... command) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(command));
    cmd.set(0, find(cmd.get(0)).map(Path::toString).orElse(cmd.get(0)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("LC_ALL", "C"); // the output is parsed and quoted in English
    Process process = pb.start();
    process.getOutputStream().close();
    StringBuilder out = new StringBuilder();
    // drained on its own thread so a hung tool cannot hang us past the timeout
    Thread drain =
        new Thread(
            () -> {
              try (InputStream in = process.getInputStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                synchronized (out) {
                  out.append(text);
                }
              } catch (IOException ignored) {
                // the process was killed; what was read so far is lost, the exit code says enough
              }
            },
            "kla-fault-cmd-output");
    drain.setDaemon(true);
    drain.start();
    boolean interrupted = false;
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      // not interruptible: an interrupt (a JUnit timeout, say) must not abort the thaw or umount
      // that cleans up after it; the timeout bounds the wait instead
      while (true) {
        try {
          long left = deadline - System.nanoTime();
          if (process.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
            break;
          }
          process.destroyForcibly();
          throw new IOException(
              "timed out after " + timeout.toMillis() + " ms: " + String.join(" ", cmd));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      try {
        drain.join(1000);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (out) {
      return new Result(process.exitValue(), out.toString().strip());
    }
  }

  static String check(Duration timeout, String... command) throws IOException {
    Result r = run(timeout, command);
    if (!r.ok()) {
      throw new IOException(
          String.join(" ", command)
              + " exited "
              + r.exitCode()
              + (r.output().isEmpty() ? "" : ": " + r.output()));
    }
    return r.output();
  }
}

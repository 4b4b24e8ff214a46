package io.github.kafkalatency.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.EventStream;

/**
 * Tails a JFR repository directory with {@link EventStream#openRepository}: no connection, the
 * broker's own recording (the agent's {@code recording=} option or {@code
 * -XX:StartFlightRecording}) is read as JFR flushes it, about once a second. The directory may be
 * the repository itself or its parent (JFR names each JVM's repository {@code <date>_<pid>} under
 * the base directory); the newest wins.
 *
 * <p>Usage: {@code RepositorySource.open(dir)}. The broker's pid comes from the repository's name;
 * once that process has exited the stream is closed and {@link #gone()} says so.
 */
final class RepositorySource extends StreamSource {
  private static final Pattern PID =
      Pattern.compile("\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_(\\d+)");

  /** After the broker exits, time for its last flush to be read. */
  private static final long LAST_READ_MILLIS = 1_500;

  private final EventStream stream;

  private RepositorySource(EventStream stream, BrokerInfo info, Long pid) {
    super(stream, info);
    this.stream = stream;
    whenExited(
        pid,
        () -> {
          if (gone == null) {
            gone = "the broker (pid " + pid + ") exited";
            watchdog.schedule(stream::close, LAST_READ_MILLIS, TimeUnit.MILLISECONDS);
          }
        });
  }

  static RepositorySource open(Path dir) throws WatchException {
    Path repository = repository(dir);
    Matcher m = PID.matcher(repository.getFileName().toString());
    Long pid = m.matches() ? Long.valueOf(m.group(1)) : null;
    Optional<ProcessHandle> process = pid == null ? Optional.empty() : ProcessHandle.of(pid);
    if (pid != null && process.map(p -> !p.isAlive()).orElse(true)) {
      throw new WatchException(
          WatchUsage.GONE,
          repository
              + ": the JVM that wrote it (pid "
              + pid
              + ") is not running, so nothing more will come; read a dump of it with report");
    }
    BrokerInfo info =
        process
            .map(p -> info(p, repository))
            .orElse(
                new BrokerInfo(
                    repository.getFileName().toString(), null, null, "repository " + repository));
    try {
      return new RepositorySource(EventStream.openRepository(repository), info, pid);
    } catch (IOException | RuntimeException e) {
      throw new WatchException(
          WatchUsage.NO_TARGET,
          repository + ": cannot be read as a JFR" + " repository: " + e.getMessage());
    }
  }

  /** {@code dir} if it holds chunk files, else its newest subdirectory that does. */
  private static Path repository(Path dir) throws WatchException {
    if (hasChunks(dir)) {
      return dir;
    }
    try (Stream<Path> children = Files.list(dir)) {
      List<Path> withChunks =
          children
              .filter(Files::isDirectory)
              .filter(RepositorySource::hasChunks)
              .sorted(Comparator.comparing(RepositorySource::modified).reversed())
              .collect(Collectors.toList());
      if (!withChunks.isEmpty()) {
        return withChunks.get(0);
      }
    } catch (IOException e) {
      throw new WatchException(WatchUsage.NO_TARGET, dir + ": cannot be listed: " + e.getMessage());
    }
    throw new WatchException(
        WatchUsage.NO_TARGET,
        dir
            + ": no JFR recording here (no .jfr chunk files in it or one level down): is the broker"
            + " recording (the agent's recording= option, -XX:StartFlightRecording), and is this"
            + " its repository (-XX:FlightRecorderOptions:repository=)?");
  }

  private static boolean hasChunks(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".jfr"));
    } catch (IOException e) {
      return false;
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static BrokerInfo info(ProcessHandle p, Path repository) {
    ProcessHandle.Info i = p.info();
    String command = i.commandLine().orElse("");
    Instant started = i.startInstant().orElse(null);
    return new BrokerInfo(
        "pid " + p.pid(), BrokerInfo.kafkaVersionOf(command), started, "repository " + repository);
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    stream.close();
  }
}

package io.github.kafkalatency.examples.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The benchmark's Kafka log dir: a fresh directory on tmpfs ({@code /dev/shm}) when there is one,
 * so that the file write in each append is a page-cache copy with no journal behind it; else under
 * {@code java.io.tmpdir}. {@code -Dkla.bench.dir=...} picks the parent. Every fork chooses the same
 * way, so forks with and without the agent write to the same kind of file system.
 */
final class BenchLogDir {
  private BenchLogDir() {}

  static File create() throws IOException {
    String chosen = System.getProperty("kla.bench.dir");
    Path parent;
    if (chosen != null) {
      parent = Path.of(chosen);
    } else if (Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm"))) {
      parent = Path.of("/dev/shm");
    } else {
      parent = Path.of(System.getProperty("java.io.tmpdir"));
    }
    return Files.createTempDirectory(parent, "kafka-latency-agent-bench-").toFile();
  }

  static void delete(File dir) throws IOException {
    if (dir == null || !dir.exists()) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir.toPath())) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}

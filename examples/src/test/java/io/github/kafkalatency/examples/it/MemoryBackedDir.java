package io.github.kafkalatency.examples.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where fault tests keep their loop images: on tmpfs when there is one, so that the only stalls the
 * loop file system sees are the ones the test makes (a freeze), not the host disk's writeback of
 * the image file, which on a busy machine stalls writes for hundreds of milliseconds by itself.
 */
final class MemoryBackedDir {
  private MemoryBackedDir() {}

  static Path under(Path fallback) throws IOException {
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      Path dir = Files.createTempDirectory(shm, "kla-fault-");
      dir.toFile().deleteOnExit();
      return dir;
    }
    return fallback;
  }
}

package io.github.kafkalatency.examples.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Use {@code MountTable.contains(dir)} to ask whether anything is mounted on {@code dir}.
 *
 * <p>Reads {@code /proc/mounts} directly instead of asking {@code findmnt}: it is what tests assert
 * on after cleanup, and it must not depend on the tools whose effects it checks.
 */
public final class MountTable {
  private MountTable() {}

  public static boolean contains(Path mountPoint) {
    String wanted = escape(mountPoint.toAbsolutePath().normalize().toString());
    try {
      for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
        String[] fields = line.split(" ");
        if (fields.length > 1 && fields[1].equals(wanted)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** /proc/mounts writes space, tab, newline and backslash as octal escapes. */
  private static String escape(String path) {
    return path.replace("\\", "\\134")
        .replace(" ", "\\040")
        .replace("\t", "\\011")
        .replace("\n", "\\012");
  }
}

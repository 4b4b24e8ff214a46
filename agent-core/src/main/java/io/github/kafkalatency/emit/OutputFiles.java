package io.github.kafkalatency.emit;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * Creates the agent's output files (the JFR recording, the .hlog files) inside the directory the
 * operator configured, and nowhere else.
 *
 * <p>A file is created new ({@code O_CREAT|O_EXCL}: an existing file or a symbolic link planted in
 * a shared directory is refused, never followed or truncated), named by the agent (no separators),
 * and, on POSIX file systems, with permissions {@code rw-r-----} (0640; the umask can only narrow
 * them). Thread-safe.
 */
public final class OutputFiles {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private OutputFiles() {}

  /** {@code dir/name}, created empty; fails if it exists. */
  public static Path createNew(Path dir, String name) throws IOException {
    Path file = child(dir, name);
    if (POSIX) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
    } else {
      Files.createFile(file);
    }
    return file;
  }

  /** {@code dir/name}, created new and opened for writing. */
  public static SeekableByteChannel openNew(Path dir, String name) throws IOException {
    Path file = child(dir, name);
    FileAttribute<?>[] attrs =
        POSIX
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----"))
            }
            : new FileAttribute<?>[0];
    return Files.newByteChannel(
        file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs);
  }

  /** Guards against a name that would leave the directory. */
  public static Path child(Path dir, String name) {
    Path file = dir.resolve(name).normalize();
    if (name.contains("/") || name.contains("\\") || !dir.normalize().equals(file.getParent())) {
      throw new IllegalArgumentException("not a plain file name: " + name);
    }
    return file;
  }
}

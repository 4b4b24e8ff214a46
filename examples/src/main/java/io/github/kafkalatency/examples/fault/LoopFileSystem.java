package io.github.kafkalatency.examples.fault;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Use it as
 *
 * <pre>{@code
 * try (LoopFileSystem fs = LoopFileSystem.ext4(workDir, 2L << 30)) {
 *   KafkaBroker.builder().logDir(fs.mountPoint().resolve("logs"))...;
 *   fs.freezeFor(Duration.ofMillis(300));   // every write(2) into the mount blocks meanwhile
 * }
 * }</pre>
 *
 * or {@code LoopFileSystem.xfs(workDir, size)} with {@link ColdReadThrottle} on {@link
 * #majorMinor()} to make reads from the mount slow.
 *
 * <p>A file system of its own on a sparse image file, mounted with {@code mount -o loop}, because
 * freezing or throttling the machine's real disk would stall everything else on it. Each instance
 * gets its own image and mount point in {@code workDir}, so parallel runs do not collide.
 *
 * <p>{@link #close()} always thaws, unmounts, detaches and deletes, and a shutdown hook does the
 * same if the JVM exits without it: a frozen mount left behind hangs every later writer on it,
 * including {@code sync} and the next test. Nothing can clean up after a SIGKILL; then run {@code
 * fsfreeze --unfreeze <dir>; umount -l <dir>} by hand.
 */
public final class LoopFileSystem implements AutoCloseable {
  /** Below this mkfs.xfs refuses to make a file system (xfsprogs 5.19 and later). */
  public static final long XFS_MIN_BYTES = 300L << 20;

  private static final Duration MKFS_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
  private static final int UMOUNT_ATTEMPTS = 5;
  private static final long UMOUNT_RETRY_MILLIS = 200;

  private final String type;
  private final Path image;
  private final Path mountPoint;
  private final Thread shutdownHook;
  private String device;
  private String majorMinor;
  private volatile boolean frozen;
  private volatile boolean closed;

  private LoopFileSystem(String type, Path image, Path mountPoint) {
    this.type = type;
    this.image = image;
    this.mountPoint = mountPoint;
    this.shutdownHook = new Thread(this::cleanUpQuietly, "kla-loopfs-cleanup " + mountPoint);
  }

  /** An ext4 file system of {@code sizeBytes} (sparse, so it costs only what is written). */
  public static LoopFileSystem ext4(Path workDir, long sizeBytes) throws IOException {
    return create("ext4", workDir, sizeBytes, "mkfs.ext4", "-q", "-F");
  }

  /** An XFS file system of {@code sizeBytes}, at least {@link #XFS_MIN_BYTES}. */
  public static LoopFileSystem xfs(Path workDir, long sizeBytes) throws IOException {
    if (sizeBytes < XFS_MIN_BYTES) {
      throw new IllegalArgumentException(
          "XFS needs at least " + XFS_MIN_BYTES + " bytes, got " + sizeBytes);
    }
    return create("xfs", workDir, sizeBytes, "mkfs.xfs", "-q", "-f");
  }

  private static LoopFileSystem create(String type, Path workDir, long sizeBytes, String... mkfs)
      throws IOException {
    Files.createDirectories(workDir);
    Path image = Files.createTempFile(workDir.toAbsolutePath(), "kla-" + type + "-", ".img");
    Path mountPoint;
    try {
      mountPoint = Files.createTempDirectory(workDir.toAbsolutePath(), "kla-" + type + "-mnt-");
    } catch (IOException e) {
      Files.deleteIfExists(image);
      throw e;
    }
    LoopFileSystem fs = new LoopFileSystem(type, image, mountPoint);
    // registered before mounting so that even a half-made mount is cleaned up on exit
    Runtime.getRuntime().addShutdownHook(fs.shutdownHook);
    try {
      try (RandomAccessFile raf = new RandomAccessFile(image.toFile(), "rw")) {
        raf.setLength(sizeBytes); // sparse: no blocks until mkfs and the test write them
      }
      List<String> cmd = new ArrayList<>(List.of(mkfs));
      cmd.add(image.toString());
      Commands.check(MKFS_TIMEOUT, cmd.toArray(String[]::new));
      Commands.check(
          TOOL_TIMEOUT, "mount", "-t", type, "-o", "loop", image.toString(), mountPoint.toString());
      // also loads MountTable now, so the shutdown hook need not load a class at exit (a rebuild
      // may have replaced target/classes by then)
      if (!MountTable.contains(mountPoint)) {
        throw new IOException("mount exited 0 but " + mountPoint + " is not in /proc/mounts");
      }
      fs.device =
          Commands.check(
              TOOL_TIMEOUT, "findmnt", "-n", "-o", "SOURCE", "--mountpoint", mountPoint.toString());
      fs.majorMinor = majorMinorOf(fs.device);
      return fs;
    } catch (IOException | RuntimeException | Error e) {
      try {
        fs.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static String majorMinorOf(String device) throws IOException {
    // /sys/class/block/loopN/dev holds "7:N"; lsblk is the fallback if sysfs is laid out oddly
    Path sys = Path.of("/sys/class/block", Path.of(device).getFileName().toString(), "dev");
    String mm =
        Files.exists(sys)
            ? Files.readString(sys).strip()
            : Commands.check(TOOL_TIMEOUT, "lsblk", "-dno", "MAJ:MIN", device).strip();
    if (!mm.matches("\\d+:\\d+")) {
      throw new IOException("cannot tell major:minor of " + device + ": '" + mm + "'");
    }
    return mm;
  }

  public String type() {
    return type;
  }

  public Path mountPoint() {
    return mountPoint;
  }

  public Path imageFile() {
    return image;
  }

  /** The loop device, e.g. {@code /dev/loop3}. */
  public String device() {
    return device;
  }

  /** The loop device's {@code major:minor}, e.g. {@code 7:3}, as blkio cgroup files want it. */
  public String majorMinor() {
    return majorMinor;
  }

  public boolean isFrozen() {
    return frozen;
  }

  /** Blocks every write into the mount (and {@code sync}) until {@link #thaw()}. */
  public synchronized void freeze() throws IOException {
    if (closed) {
      throw new IllegalStateException("closed: " + mountPoint);
    }
    // set first: if fsfreeze times out half-way, close() must still try to thaw
    frozen = true;
    try {
      Commands.check(TOOL_TIMEOUT, "fsfreeze", "--freeze", mountPoint.toString());
    } catch (IOException e) {
      thawQuietly();
      throw e;
    }
  }

  public synchronized void thaw() throws IOException {
    Commands.check(TOOL_TIMEOUT, "fsfreeze", "--unfreeze", mountPoint.toString());
    frozen = false;
  }

  /** Freezes, waits {@code duration} from the moment the freeze took hold, and always thaws. */
  public void freezeFor(Duration duration) throws IOException, InterruptedException {
    freeze();
    try {
      Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
    } finally {
      thaw();
    }
  }

  /**
   * Thaws, unmounts (lazily if still busy after a few tries), detaches the loop device and deletes
   * the image and mount point. Throws only if something could not be removed, after trying all.
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | SecurityException alreadyShuttingDown) {
      // the hook runs, or already ran, and does the same as below
    }
    List<String> left = cleanUp();
    if (!left.isEmpty()) {
      throw new IOException("could not clean up " + mountPoint + ": " + String.join("; ", left));
    }
  }

  /** The shutdown hook; unsynchronized so a thread stuck holding the lock cannot stall JVM exit. */
  private void cleanUpQuietly() {
    closed = true;
    List<String> left = cleanUp();
    if (!left.isEmpty()) {
      System.err.println(
          "LoopFileSystem: could not clean up " + mountPoint + ": " + String.join("; ", left));
    }
  }

  /** What could not be undone; empty when all went. */
  private List<String> cleanUp() {
    List<String> left = new ArrayList<>();
    // thaw even when we think it is not frozen: a timed-out fsfreeze may have frozen it anyway;
    // "Invalid argument" from an unfrozen mount is expected and ignored
    thawQuietly();
    if (isMounted()) {
      unmount(left);
    }
    detach(left);
    try {
      Files.deleteIfExists(image);
    } catch (IOException e) {
      left.add("delete " + image + ": " + e);
    }
    try {
      if (!isMounted()) { // never delete into a mounted file system
        Files.deleteIfExists(mountPoint);
      }
    } catch (IOException e) {
      left.add("delete " + mountPoint + ": " + e);
    }
    return left;
  }

  private void thawQuietly() {
    if (!isMounted()) {
      frozen = false;
      return;
    }
    try {
      Commands.run(TOOL_TIMEOUT, "fsfreeze", "--unfreeze", mountPoint.toString());
    } catch (IOException ignored) {
      // not frozen, or fsfreeze hung; unmounting below reports what matters
    }
    frozen = false;
  }

  private void unmount(List<String> left) {
    String last = "";
    for (int i = 0; i < UMOUNT_ATTEMPTS; i++) {
      try {
        Commands.Result r = Commands.run(TOOL_TIMEOUT, "umount", mountPoint.toString());
        if (r.ok() || !isMounted()) {
          return;
        }
        last = r.output();
      } catch (IOException e) {
        last = e.getMessage();
      }
      // typically EBUSY from a file a broker or writer thread still has open; give it a moment
      try {
        Thread.sleep(UMOUNT_RETRY_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // lazy: detaches the mount now, the file system goes when its last open file is closed
    try {
      Commands.Result r = Commands.run(TOOL_TIMEOUT, "umount", "-l", mountPoint.toString());
      if (!r.ok() && isMounted()) {
        left.add("umount -l: " + r.output() + " (after: " + last + ")");
      }
    } catch (IOException e) {
      left.add("umount -l: " + e.getMessage());
    }
  }

  private void detach(List<String> left) {
    // mount -o loop sets autoclear, so umount usually detached it already; not after umount -l
    // while files are open, nor if mount failed after attaching
    try {
      Commands.Result r = Commands.run(TOOL_TIMEOUT, "losetup", "-j", image.toString());
      for (String line : r.output().lines().toList()) {
        int colon = line.indexOf(':');
        if (line.startsWith("/dev/") && colon > 0) {
          String dev = line.substring(0, colon);
          Commands.Result d = Commands.run(TOOL_TIMEOUT, "losetup", "-d", dev);
          if (!d.ok()) {
            left.add("losetup -d " + dev + ": " + d.output());
          }
        }
      }
    } catch (IOException e) {
      left.add("losetup: " + e.getMessage());
    }
  }

  /** Whether {@code mountPoint} appears in /proc/mounts (read directly: no tool can hang on it). */
  public boolean isMounted() {
    return MountTable.contains(mountPoint);
  }

  @Override
  public String toString() {
    return type + " on " + device + " (" + majorMinor + ") at " + mountPoint;
  }
}

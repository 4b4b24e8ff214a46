package io.github.kafkalatency.examples.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Use it as {@code Optional<String> whyNot = FaultSupport.ext4Freeze()} (or {@code xfsColdRead()})
 * to find out before touching anything whether this machine can produce the real kernel faults of
 * {@code docs/fault-scenarios.md}: a frozen ext4 loop mount ({@link LoopFileSystem}) and a
 * throttled cold read on an XFS loop mount ({@link ColdReadThrottle}).
 *
 * <p>The tests hand {@code whyNot} to their {@code FaultGate}, which fails where {@link
 * #requiredHere()} (CI) and skips elsewhere; the demo prints it.
 *
 * <p>Checked up front rather than by letting the first {@code mount} fail, so that a skip says in
 * one line what is missing instead of quoting a tool's error from half-way through a setup.
 */
public final class FaultSupport {
  static final Path BLKIO_ROOT = Path.of("/sys/fs/cgroup/blkio");

  private static volatile Optional<String> ext4;
  private static volatile Optional<String> xfs;

  private FaultSupport() {}

  /** Why a frozen ext4 loop mount is impossible here, or empty when it is possible. */
  public static Optional<String> ext4Freeze() {
    Optional<String> r = ext4;
    if (r == null) {
      r = firstOf(common(), tool("mkfs.ext4", "e2fsprogs"), kernelFs("ext4"));
      ext4 = r;
    }
    return r;
  }

  /**
   * Why a throttled cold read on an XFS loop mount is impossible here, or empty when it is
   * possible.
   */
  public static Optional<String> xfsColdRead() {
    Optional<String> r = xfs;
    if (r == null) {
      r = firstOf(common(), tool("mkfs.xfs", "xfsprogs"), kernelFs("xfs"), blkio(), dropCaches());
      xfs = r;
    }
    return r;
  }

  /**
   * True in CI ({@code CI=true}): the CI machines are root with loop devices, so a reason found
   * there means something broke and the caller should fail rather than skip.
   */
  public static boolean requiredHere() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  @SafeVarargs
  private static Optional<String> firstOf(Optional<String>... checks) {
    for (Optional<String> c : checks) {
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> common() {
    return firstOf(
        root(),
        loopControl(),
        tool("mount", "mount"),
        tool("umount", "mount"),
        tool("losetup", "mount"),
        tool("findmnt", "util-linux"),
        tool("fsfreeze", "util-linux"),
        tool("sync", "coreutils"));
  }

  private static Optional<String> root() {
    try {
      // "Uid:\treal\teffective\tsaved\tfs"; the effective uid is what the kernel checks
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          String effective = line.substring(4).trim().split("\\s+")[1];
          return "0".equals(effective)
              ? Optional.empty()
              : Optional.of("not running as root (uid " + effective + "): loop mounts need root");
        }
      }
      return Optional.of("no Uid line in /proc/self/status: cannot tell whether this is root");
    } catch (IOException | RuntimeException e) {
      return Optional.of("cannot read /proc/self/status (" + e.getMessage() + "): not Linux?");
    }
  }

  private static Optional<String> loopControl() {
    return Files.exists(Path.of("/dev/loop-control"))
        ? Optional.empty()
        : Optional.of("no /dev/loop-control: this kernel or container has no loop devices");
  }

  private static Optional<String> tool(String name, String debianPackage) {
    return Commands.find(name).isPresent()
        ? Optional.empty()
        : Optional.of(name + " not found (apt-get install -y " + debianPackage + ")");
  }

  /**
   * Listed in /proc/filesystems, or built as a module the first mount will load; without either the
   * mount would fail with "unknown filesystem type".
   */
  private static Optional<String> kernelFs(String fs) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/filesystems"))) {
        if (line.trim().equals(fs)) {
          return Optional.empty();
        }
      }
    } catch (IOException e) {
      return Optional.of("cannot read /proc/filesystems: " + e.getMessage());
    }
    String release = System.getProperty("os.version");
    for (Path dir :
        List.of(
            Path.of("/lib/modules", release, "kernel/fs", fs),
            Path.of("/usr/lib/modules", release, "kernel/fs", fs))) {
      if (Files.isDirectory(dir)) {
        return Optional.empty();
      }
    }
    return Optional.of(
        "kernel " + release + " has no " + fs + " (not in /proc/filesystems, no module)");
  }

  private static Optional<String> blkio() {
    if (!Files.isDirectory(BLKIO_ROOT)) {
      return Optional.of("no cgroup v1 blkio controller at " + BLKIO_ROOT + " (cgroup v2 only?)");
    }
    Path throttle = BLKIO_ROOT.resolve("blkio.throttle.read_bps_device");
    if (!Files.exists(throttle)) {
      return Optional.of("no " + throttle + ": kernel built without blk-throttle");
    }
    if (!Files.isWritable(BLKIO_ROOT)) {
      return Optional.of(BLKIO_ROOT + " is read-only here: cannot create a throttled cgroup");
    }
    return Optional.empty();
  }

  private static Optional<String> dropCaches() {
    return Files.isWritable(ColdReadThrottle.DROP_CACHES)
        ? Optional.empty()
        : Optional.of(ColdReadThrottle.DROP_CACHES + " is not writable: cannot make data cold");
  }
}

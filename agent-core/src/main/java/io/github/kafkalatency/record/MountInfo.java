package io.github.kafkalatency.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file systems this process sees, from {@code /proc/self/mountinfo}: for a log dir, the mount
 * it lies on, with its type, device and options, as evidence for remedy hints.
 *
 * <p>Usage: {@code MountInfo.read()} once at start (off the hot path), then {@link #of}. Immutable.
 */
public final class MountInfo {
  /**
   * One mount: {@code options} are the mount's, {@code superOptions} the file system's (ext4's
   * data= is there).
   */
  public record Mount(
      String mountPoint,
      String fsType,
      String device,
      String majorMinor,
      String options,
      String superOptions) {

    /** The value of {@code name=} in the options, or null when not listed. */
    public String option(String name) {
      for (String list : new String[] {superOptions, options}) {
        for (String o : list.split(",")) {
          if (o.startsWith(name + "=")) {
            return o.substring(name.length() + 1);
          }
        }
      }
      return null;
    }

    public boolean hasFlag(String flag) {
      return List.of(superOptions.split(",")).contains(flag)
          || List.of(options.split(",")).contains(flag);
    }
  }

  private final List<Mount> mounts;

  MountInfo(List<Mount> mounts) {
    this.mounts = mounts;
  }

  /** This process's mounts; none when {@code /proc/self/mountinfo} is not readable (not Linux). */
  public static MountInfo read() {
    try {
      return parse(Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return new MountInfo(List.of());
    }
  }

  static MountInfo parse(String text) {
    List<Mount> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split(" ");
      int dash = List.of(f).indexOf("-");
      if (f.length < 7 || dash < 6 || dash + 3 > f.length) {
        continue;
      }
      out.add(
          new Mount(
              unescape(f[4]),
              f[dash + 1],
              unescape(f[dash + 2]),
              f[2],
              f[5],
              dash + 3 < f.length ? f[dash + 3] : ""));
    }
    return new MountInfo(out);
  }

  /**
   * The mount {@code path} lies on (the longest mount point above it; the last such mount wins), or
   * null.
   */
  public Mount of(String path) {
    Mount best = null;
    for (Mount m : mounts) {
      String mp = m.mountPoint();
      boolean under =
          path.equals(mp) || mp.equals("/") || path.startsWith(mp.endsWith("/") ? mp : mp + "/");
      if (under && (best == null || mp.length() >= best.mountPoint().length())) {
        best = m;
      }
    }
    return best;
  }

  /** mountinfo escapes space, tab, newline and backslash as octal. */
  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length()) {
        try {
          b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
          i += 3;
          continue;
        } catch (NumberFormatException e) {
          // not an escape: keep the backslash
        }
      }
      b.append(c);
    }
    return b.toString();
  }
}

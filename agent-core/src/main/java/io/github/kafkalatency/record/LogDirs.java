package io.github.kafkalatency.record;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The broker's log dirs: only files below them are measured, so the JFR repository, the broker's
 * own logs and anything else the JVM writes never pollute the figures.
 *
 * <p>Usage: {@link #fromBrokerCommandLine} at start, then {@link #learn} with the parent directory
 * of every log the broker opens (a metadata log dir set apart from {@code log.dirs} is found that
 * way). {@link #logDirOf} is lock-free. Thread-safe.
 */
public final class LogDirs {
  private volatile String[] prefixes = new String[0];

  /**
   * Log dirs from {@code log.dirs}/{@code log.dir} of the properties file {@code kafka.Kafka} was
   * given.
   */
  public static List<String> fromBrokerCommandLine(String javaCommand) {
    List<String> dirs = new ArrayList<>();
    Properties props = brokerProperties(javaCommand);
    return dirs(props, dirs);
  }

  /**
   * The properties file {@code kafka.Kafka} was given, with its {@code --override}s; empty if none.
   */
  public static Properties brokerProperties(String javaCommand) {
    Properties props = new Properties();
    if (javaCommand == null) {
      return props;
    }
    String[] words = javaCommand.trim().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      if (words[i].endsWith(".properties") && Files.isReadable(Path.of(words[i]))) {
        try (Reader r = Files.newBufferedReader(Path.of(words[i]))) {
          props.load(r);
        } catch (IOException | RuntimeException e) {
          // not readable as properties: rely on the log dirs learned from the logs
        }
      } else if (words[i].equals("--override") && i + 1 < words.length) {
        String[] kv = words[++i].split("=", 2);
        if (kv.length == 2) {
          props.setProperty(kv[0], kv[1]);
        }
      }
    }
    return props;
  }

  private static List<String> dirs(Properties props, List<String> dirs) {
    String value = props.getProperty("log.dirs", props.getProperty("log.dir"));
    if (value != null) {
      for (String d : value.split(",")) {
        if (!d.isBlank()) {
          dirs.add(d.trim());
        }
      }
    }
    String metadata = props.getProperty("metadata.log.dir");
    if (metadata != null && !metadata.isBlank()) {
      dirs.add(metadata.trim());
    }
    return dirs;
  }

  /** Adds a log dir; a no-op when known. */
  public synchronized void learn(String dir) {
    if (dir == null) {
      return;
    }
    String prefix = normalize(dir);
    for (String p : prefixes) {
      if (p.equals(prefix)) {
        return;
      }
    }
    String[] next = java.util.Arrays.copyOf(prefixes, prefixes.length + 1);
    next[prefixes.length] = prefix;
    prefixes = next;
  }

  /** The log dir (without trailing slash) that {@code path} lies under, or null. */
  public String logDirOf(String path) {
    for (String p : prefixes) {
      if (path.startsWith(p)) {
        return p.substring(0, p.length() - 1);
      }
    }
    return null;
  }

  public List<String> all() {
    List<String> out = new ArrayList<>();
    for (String p : prefixes) {
      out.add(p.substring(0, p.length() - 1));
    }
    return out;
  }

  private static String normalize(String dir) {
    String abs = Path.of(dir).toAbsolutePath().normalize().toString();
    return abs.endsWith("/") ? abs : abs + "/";
  }
}

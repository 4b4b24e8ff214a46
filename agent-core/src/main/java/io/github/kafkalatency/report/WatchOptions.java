package io.github.kafkalatency.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The arguments of {@code watch}: see {@link WatchUsage#TEXT}.
 *
 * <p>Usage: {@code WatchOptions.parse(args)} with the arguments after the word {@code watch}.
 * Anything wrong throws a {@link UsageException} that names the argument.
 */
record WatchOptions(
    String target,
    boolean jsonl,
    boolean plain,
    String user,
    Path passwordFile,
    boolean ssl,
    Duration duration,
    boolean help) {

  static WatchOptions parse(List<String> args) throws UsageException {
    String target = null;
    boolean jsonl = false;
    boolean plain = false;
    boolean ssl = false;
    String user = null;
    Path passwordFile = null;
    Duration duration = null;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "-h", "--help" -> {
          return new WatchOptions(null, false, false, null, null, false, null, true);
        }
        case "--jsonl" -> jsonl = true;
        case "--plain" -> plain = true;
        case "--ssl" -> ssl = true;
        default -> {
          if (!arg.startsWith("-")) {
            if (target != null) {
              throw new UsageException("one broker at a time: " + target + " and " + arg);
            }
            target = arg;
            continue;
          }
          NamedValue option = NamedValue.at(args, i, seen);
          i = option.last();
          String name = option.name();
          String value = option.value();
          switch (name) {
            case "--user" -> user = value;
            case "--password-file" -> passwordFile = Path.of(value);
            case "--duration" -> duration = seconds(value);
            default -> throw new UsageException("unknown option " + name);
          }
        }
      }
    }
    if (target == null) {
      throw new UsageException(
          "which broker? give a pid, host:port, a service:jmx: URL or a JFR"
              + " repository directory");
    }
    if ((user == null) != (passwordFile == null)) {
      throw new UsageException("--user and --password-file go together");
    }
    return new WatchOptions(target, jsonl, plain, user, passwordFile, ssl, duration, false);
  }

  private static Duration seconds(String value) throws UsageException {
    try {
      long s = Long.parseLong(value);
      if (s >= 1 && s <= 7 * 24 * 3600) {
        return Duration.ofSeconds(s);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--duration " + value + ": expected whole seconds from 1 to 604800");
  }
}

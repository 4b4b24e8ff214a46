package io.github.kafkalatency.report;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The arguments of {@code report}: see {@link Usage#TEXT}.
 *
 * <p>Usage: {@code ReportOptions.parse(args)} with the arguments after the word {@code report};
 * {@code --name value} and {@code --name=value} both work. Anything wrong throws a {@link
 * UsageException} that names the argument.
 */
record ReportOptions(
    List<Path> recordings,
    Path html,
    TimeArgument from,
    TimeArgument to,
    String partition,
    int top,
    ZoneId zone,
    boolean help) {

  static final int DEFAULT_TOP = 10;

  /** The first recording: the one of a single-broker report. */
  Path recording() {
    return recordings.get(0);
  }

  /** Several recordings, or a directory: a report per broker and across them. */
  boolean fleet() {
    return recordings.size() > 1 || java.nio.file.Files.isDirectory(recordings.get(0));
  }

  static ReportOptions parse(List<String> args) throws UsageException {
    List<Path> recordings = new java.util.ArrayList<>();
    Path html = null;
    TimeArgument from = null;
    TimeArgument to = null;
    String partition = null;
    int top = DEFAULT_TOP;
    ZoneId zone = ZoneId.systemDefault();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("-h") || arg.equals("--help")) {
        return new ReportOptions(List.of(), null, null, null, null, top, zone, true);
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        Path recording = path("recording", arg);
        if (recordings.contains(recording)) {
          throw new UsageException("recording " + arg + ": given twice");
        }
        recordings.add(recording);
        continue;
      }
      NamedValue option = NamedValue.at(args, i, seen);
      i = option.last();
      String name = option.name();
      String value = option.value();
      switch (name) {
        case "--html" -> html = path(name, value);
        case "--from" -> from = TimeArgument.parse(name, value);
        case "--to" -> to = TimeArgument.parse(name, value);
        case "--partition" -> partition = partition(value);
        case "--top" -> top = top(value);
        case "--zone" -> zone = zone(value);
        default -> throw new UsageException("unknown option " + name);
      }
    }
    if (recordings.isEmpty()) {
      throw new UsageException("which recording? give the path of a .jfr file");
    }
    return new ReportOptions(List.copyOf(recordings), html, from, to, partition, top, zone, false);
  }

  private static Path path(String what, String value) throws UsageException {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException(what + " " + value + ": not a path");
    }
  }

  private static String partition(String value) throws UsageException {
    if (!value.matches(".+-\\d+")) {
      throw new UsageException(
          "--partition " + value + ": expected topic-partition, such as demo-3");
    }
    return value;
  }

  private static int top(String value) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--top " + value + ": expected a whole number from 1 to 1000");
  }

  private static ZoneId zone(String value) throws UsageException {
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw new UsageException(
          "--zone " + value + ": not a time zone (such as UTC, Europe/Paris, +02:00)");
    }
  }
}

package io.github.kafkalatency.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The brokers a report covers, from its path arguments: a {@code .jfr} file is one broker; a
 * directory of chunk files named as JFR names them ({@code 2026_11_25_04_25_57.jfr}, the repository
 * a crashed broker leaves) is one broker, its chunks read in name order; any other directory holds
 * one broker per {@code .jfr} file and per repository directory in it.
 *
 * <p>Usage: {@code Brokers.read(paths)}; each broker is named by its path relative to the
 * arguments' common parent, so that {@code b1/recording.jfr} and {@code b2/recording.jfr} stay
 * apart.
 */
final class Brokers {
  private static final Pattern CHUNK =
      Pattern.compile("\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}(_\\d+)?\\.jfr");

  /** One broker's recording, read; {@code name} labels its section and its timeline lanes. */
  record Broker(String name, AgentRecording recording) {}

  private Brokers() {}

  static List<Broker> read(List<Path> args) throws UnreadableRecordingException {
    List<List<Path>> sources = new ArrayList<>();
    for (Path p : args) {
      if (!Files.isDirectory(p)) {
        sources.add(List.of(p));
      } else if (isRepository(p)) {
        sources.add(chunks(p));
      } else {
        int before = sources.size();
        for (Path child : list(p)) {
          if (Files.isDirectory(child) && isRepository(child)) {
            sources.add(chunks(child));
          } else if (child.getFileName().toString().endsWith(".jfr")
              && Files.isRegularFile(child)) {
            sources.add(List.of(child));
          }
        }
        if (sources.size() == before) {
          throw new UnreadableRecordingException(
              p + ": a directory with no JFR recording (.jfr) in it");
        }
      }
    }
    List<Broker> out = new ArrayList<>();
    for (List<Path> files : sources) {
      AgentRecording r = RecordingReader.read(files.get(0));
      for (Path chunk : files.subList(1, files.size())) {
        r = join(r, RecordingReader.read(chunk), chunk.getParent());
      }
      out.add(new Broker(name(files, sources), r));
    }
    return out;
  }

  private static boolean isRepository(Path dir) {
    List<Path> files = list(dir);
    return !files.isEmpty()
        && files.stream()
            .allMatch(
                f ->
                    CHUNK.matcher(f.getFileName().toString()).matches()
                        || !f.getFileName().toString().endsWith(".jfr"))
        && files.stream().anyMatch(f -> CHUNK.matcher(f.getFileName().toString()).matches());
  }

  private static List<Path> chunks(Path dir) {
    return list(dir).stream()
        .filter(f -> CHUNK.matcher(f.getFileName().toString()).matches())
        .collect(Collectors.toList());
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().collect(Collectors.toList());
    } catch (IOException e) {
      return List.of();
    }
  }

  /** A repository is named by its directory, a file by its path below the common parent. */
  private static String name(List<Path> files, List<List<Path>> all) {
    Path self =
        files.size() > 1 || CHUNK.matcher(files.get(0).getFileName().toString()).matches()
            ? files.get(0).toAbsolutePath().getParent()
            : files.get(0).toAbsolutePath();
    Path common = null;
    for (List<Path> other : all) {
      Path p = other.get(0).toAbsolutePath().getParent();
      common = common == null ? p : commonParent(common, p);
    }
    if (all.size() == 1 || common == null || self.equals(common)) {
      return String.valueOf(self.getFileName());
    }
    Path rel = common.relativize(self);
    return rel.toString().isEmpty() ? String.valueOf(self.getFileName()) : rel.toString();
  }

  private static Path commonParent(Path a, Path b) {
    while (a != null && !b.startsWith(a)) {
      a = a.getParent();
    }
    return a;
  }

  private static AgentRecording join(AgentRecording a, AgentRecording b, Path file) {
    java.util.Set<String> types = new java.util.HashSet<>(a.eventTypes());
    types.addAll(b.eventTypes());
    return new AgentRecording(
        file,
        min(a, b),
        a.last() == null || (b.last() != null && b.last().isAfter(a.last())) ? b.last() : a.last(),
        types,
        cat(a.cascades(), b.cascades()),
        cat(a.stalls(), b.stalls()),
        cat(a.waits(), b.waits()),
        cat(a.holds(), b.holds()),
        cat(a.fileOps(), b.fileOps()),
        cat(a.produceRequests(), b.produceRequests()),
        cat(a.intervals(), b.intervals()),
        b.damage() != null ? b.damage() : a.damage());
  }

  private static java.time.Instant min(AgentRecording a, AgentRecording b) {
    return a.first() == null || (b.first() != null && b.first().isBefore(a.first()))
        ? b.first()
        : a.first();
  }

  private static <T> List<T> cat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}

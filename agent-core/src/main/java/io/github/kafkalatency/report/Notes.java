package io.github.kafkalatency.report;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Parts of an incident's note, joined with {@code "; "}, skipping the absent ones. Pure. */
final class Notes {
  private Notes() {}

  static String join(String... parts) {
    return Stream.of(parts)
        .filter(Objects::nonNull)
        .filter(p -> !p.isEmpty())
        .collect(Collectors.joining("; "));
  }
}

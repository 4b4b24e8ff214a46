package io.github.kafkalatency.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's options table is the operator's contract: it must list every option with its
 * default.
 */
class ReadmeOptionsTest {
  @Test
  void everyOptionIsDocumentedWithItsDefault() throws Exception {
    List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
    for (Option o : Option.values()) {
      String row =
          readme.stream()
              .filter(l -> l.startsWith("| `" + o.key() + "` |"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("README has no options row for " + o.key()));
      if (!o.defaultValue().isEmpty()) {
        assertTrue(
            row.contains("`" + o.defaultValue() + "`"),
            "README default for " + o.key() + ": " + row);
      }
      if (o.type() == Option.Type.INTEGER) {
        assertTrue(
            row.contains(o.min() + "–" + o.max()), "README range for " + o.key() + ": " + row);
      }
    }
  }
}

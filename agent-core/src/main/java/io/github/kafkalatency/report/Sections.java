package io.github.kafkalatency.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The layout shared by the text report's sections: a title line, then an indented table, or the
 * title and "none".
 *
 * <p>Usage: {@code Sections.table(title, table)}, {@code Sections.none(title)}.
 */
final class Sections {
  static final String INDENT = "  ";

  private Sections() {}

  static List<String> table(String title, TextTable t) {
    List<String> out = new ArrayList<>();
    out.add(title);
    t.lines().forEach(l -> out.add(INDENT + l));
    return out;
  }

  static List<String> none(String title) {
    return List.of(title + ": none");
  }

  /** {@code ", top 10"} when fewer rows are shown than there are. */
  static String shown(int shown, int all) {
    return shown < all ? ", top " + shown : "";
  }
}

package io.github.kafkalatency.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of text with aligned columns, for a terminal.
 *
 * <p>Usage: {@code new TextTable("start", "partition", ">held")}, {@code row(...)} per line, then
 * {@code lines()}. A header starting with {@code >} is right-aligned (numbers, durations). The last
 * column is not padded, so that a long free-text column does not leave trailing blanks.
 */
final class TextTable {
  private static final String GAP = "  ";
  private final String[] headers;
  private final boolean[] right;
  private final List<String[]> rows = new ArrayList<>();

  TextTable(String... headers) {
    this.headers = new String[headers.length];
    this.right = new boolean[headers.length];
    for (int i = 0; i < headers.length; i++) {
      right[i] = headers[i].startsWith(">");
      this.headers[i] = right[i] ? headers[i].substring(1) : headers[i];
    }
  }

  /** Null cells print empty; missing trailing cells too. */
  void row(Object... cells) {
    String[] r = new String[headers.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
    }
    rows.add(r);
  }

  List<String> lines() {
    int[] width = new int[headers.length];
    for (int i = 0; i < headers.length; i++) {
      width[i] = headers[i].length();
      for (String[] r : rows) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    List<String> out = new ArrayList<>();
    out.add(format(headers, width));
    for (String[] r : rows) {
      out.add(format(r, width));
    }
    return out;
  }

  private String format(String[] cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      boolean last = i == cells.length - 1;
      String pad = " ".repeat(width[i] - cells[i].length());
      b.append(i == 0 ? "" : GAP);
      if (right[i]) {
        b.append(pad).append(cells[i]);
      } else {
        b.append(cells[i]).append(last ? "" : pad);
      }
    }
    return b.toString().stripTrailing();
  }
}

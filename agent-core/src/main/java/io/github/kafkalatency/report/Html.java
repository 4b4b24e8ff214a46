package io.github.kafkalatency.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Small helpers for writing HTML and SVG by hand: escaping, numbers for coordinates, and the
 * report's own CSS and JS, which ship as resources beside this class and are inlined so that the
 * page needs no network.
 *
 * <p>Usage: {@code Html.text(name)}, {@code Html.num(x)}, {@code Html.resource("report.js")}. The
 * resources must not contain Maven filter tokens (a dollar sign before a brace, or at signs): the
 * module's resources are filtered.
 */
final class Html {
  private Html() {}

  /** Escapes text and attribute values alike. */
  static String text(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A coordinate or a time in milliseconds, short and locale-free. */
  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.3f", v).replaceAll("\\.?0+$", "");
  }

  static String resource(String name) {
    try (InputStream in = Html.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource " + name + " beside " + Html.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

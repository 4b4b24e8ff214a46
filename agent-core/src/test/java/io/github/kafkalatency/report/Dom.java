package io.github.kafkalatency.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of an HTML reader for the report's tests: the start tags of one element name with
 * their attributes, from the page as written or as Chromium serialised it after the script ran.
 *
 * <p>Usage: {@code Dom.tags(html, "rect")}, then {@code tag.get("data-kind")}.
 */
final class Dom {
  private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:-]+)=\"([^\"]*)\"");

  private Dom() {}

  static List<Map<String, String>> tags(String html, String name) {
    List<Map<String, String>> out = new ArrayList<>();
    Matcher m = Pattern.compile("<" + name + "\\b([^>]*)>").matcher(html);
    while (m.find()) {
      Map<String, String> attributes = new LinkedHashMap<>();
      Matcher a = ATTRIBUTE.matcher(m.group(1));
      while (a.find()) {
        attributes.put(a.group(1), unescape(a.group(2)));
      }
      out.add(attributes);
    }
    return out;
  }

  static List<Map<String, String>> withKind(String html, String name, String kind) {
    return tags(html, name).stream().filter(t -> kind.equals(t.get("data-kind"))).toList();
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}

package io.github.kafkalatency.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order and kind of a timeline's thread lanes: request handlers first, then network threads,
 * then the rest (raft, group coordinator, cleaner...), each in natural order, so that handler-2
 * comes before handler-10. In a report over several brokers, whose thread names start with {@code
 * [broker] }, each broker's lanes come together, brokers in name order.
 *
 * <p>Usage: {@code Lanes.order(threadNames)}, {@code Lanes.kind(name)}.
 */
final class Lanes {
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private Lanes() {}

  static List<String> order(Collection<String> threads) {
    List<String> out = new ArrayList<>(new LinkedHashSet<>(threads));
    out.removeIf(t -> t == null);
    out.sort(
        Comparator.comparing(Lanes::broker)
            .thenComparingInt((String t) -> rank(kind(t)))
            .thenComparing(Lanes::natural));
    return out;
  }

  /** The {@code [broker] } prefix of a thread in a report over several brokers, or "". */
  static String broker(String thread) {
    int end = thread.startsWith("[") ? thread.indexOf("] ") : -1;
    return end < 0 ? "" : thread.substring(1, end);
  }

  /** {@code request-handler}, {@code network} or {@code other}: a data attribute and a colour. */
  static String kind(String thread) {
    if (thread.contains("request-handler")) {
      return "request-handler";
    }
    return thread.contains("network-thread") ? "network" : "other";
  }

  /**
   * Long names (network threads carry their listener) shortened in the middle; the title keeps all.
   */
  static String label(String thread, int max) {
    if (thread.length() <= max) {
      return thread;
    }
    int head = (max - 1) * 2 / 3;
    return thread.substring(0, head) + "~" + thread.substring(thread.length() - (max - 1 - head));
  }

  private static int rank(String kind) {
    return switch (kind) {
      case "request-handler" -> 0;
      case "network" -> 1;
      default -> 2;
    };
  }

  /** Compares with digit runs as numbers. */
  private static int natural(String a, String b) {
    Matcher ma = NUMBER.matcher(a);
    Matcher mb = NUMBER.matcher(b);
    String pa = NUMBER.matcher(a).replaceAll("#");
    String pb = NUMBER.matcher(b).replaceAll("#");
    if (!pa.equals(pb)) {
      return a.compareTo(b);
    }
    while (ma.find() && mb.find()) {
      int c = new BigInteger(ma.group()).compareTo(new BigInteger(mb.group()));
      if (c != 0) {
        return c;
      }
    }
    return a.compareTo(b);
  }
}

package io.github.kafkalatency.examples.demo;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs of the demo's command line. */
final class DemoOptions {
  private DemoOptions() {}

  static Map<String, String> parse(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: demo.sh [--fault freeze|cold-read|none] [--kafka 4.4.0] [--seconds 20] [--out"
                + " DIR]");
      }
      out.put(args[i].substring(2), args[++i]);
    }
    return out;
  }
}

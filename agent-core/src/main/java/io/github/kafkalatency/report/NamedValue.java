package io.github.kafkalatency.report;

import java.util.List;
import java.util.Set;

/**
 * One option with a value, as {@code report} and {@code watch} both take them: {@code --name=value}
 * or {@code --name value}, each name at most once.
 *
 * <p>Usage: {@code NamedValue o = NamedValue.at(args, i, seen); i = o.last();}.
 */
record NamedValue(String name, String value, int last) {
  /**
   * The option at {@code args[i]}; {@code last} is the index of the argument its value came from.
   */
  static NamedValue at(List<String> args, int i, Set<String> seen) throws UsageException {
    String arg = args.get(i);
    int eq = arg.indexOf('=');
    String name = eq > 0 ? arg.substring(0, eq) : arg;
    String value;
    if (eq > 0) {
      value = arg.substring(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args.get(++i);
    } else {
      throw new UsageException(name + ": needs a value");
    }
    if (!seen.add(name)) {
      throw new UsageException(name + ": given twice");
    }
    return new NamedValue(name, value, i);
  }
}

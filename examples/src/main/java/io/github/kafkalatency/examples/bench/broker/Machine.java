package io.github.kafkalatency.examples.bench.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine a benchmark ran on, as {@code nproc}, {@code lscpu}, {@code free} and {@code uname
 * -r} would say.
 */
final class Machine {
  private Machine() {}

  static String describe() {
    String model =
        grep(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
    String mem =
        grep(Path.of("/proc/meminfo"), "MemTotal")
            .map(
                v ->
                    String.format(
                        Locale.ROOT,
                        "%.1f GiB",
                        Long.parseLong(v.replaceAll("\\D", "")) / 1048576.0))
            .orElse("?");
    return Runtime.getRuntime().availableProcessors()
        + " CPUs ("
        + model
        + "), "
        + mem
        + " RAM, "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + ", JDK "
        + System.getProperty("java.runtime.version")
        + " ("
        + System.getProperty("java.vm.name")
        + ")";
  }

  private static Optional<String> grep(Path file, String key) {
    try {
      return Files.readAllLines(file).stream()
          .filter(l -> l.startsWith(key))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}

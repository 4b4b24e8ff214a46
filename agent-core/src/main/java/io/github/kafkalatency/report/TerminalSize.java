package io.github.kafkalatency.report;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's rows and columns, from {@code stty size} on {@code /dev/tty} (Java has no API for
 * it), else from the LINES and COLUMNS variables, else 24 by 80.
 *
 * <p>Usage: {@code TerminalSize.rows()}; asked once per call, so call it once.
 */
final class TerminalSize {
  private static int[] size;

  private TerminalSize() {}

  static synchronized int rows() {
    return size()[0];
  }

  static synchronized int columns() {
    return size()[1];
  }

  private static int[] size() {
    if (size == null) {
      size = new int[] {env("LINES", 24), env("COLUMNS", 80)};
      try {
        Process p =
            new ProcessBuilder("sh", "-c", "stty size < /dev/tty")
                .redirectErrorStream(true)
                .start();
        String s = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0 && s.matches("\\d+ \\d+")) {
          String[] rc = s.split(" ");
          size = new int[] {Integer.parseInt(rc[0]), Integer.parseInt(rc[1])};
        }
      } catch (IOException | RuntimeException e) {
        // not a terminal: the defaults
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return size;
  }

  private static int env(String name, int otherwise) {
    try {
      return Integer.parseInt(System.getenv().getOrDefault(name, ""));
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}

package io.github.kafkalatency.examples.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Use {@code MonitorCount.of(classPath, "Log")} for {@code {monitorenter count, of which on the log
 * lock}} in the log class of a broker's class path, as the JDK's {@code javap -c -p} disassembles
 * it: independent of the agent's own bytecode reading, so that it can check how many monitors the
 * agent wrapped. A monitor is on the lock when one of the three instructions before it reads {@code
 * lock} (Scala's private accessor or a Java field).
 */
final class MonitorCount {
  private static final List<String> PACKAGES =
      List.of("kafka.log.", "org.apache.kafka.storage.internals.log.");

  private MonitorCount() {}

  /**
   * The first class named {@code simpleName} in the log packages that javap finds; {0, 0} if none.
   */
  static int[] of(String classPath, String simpleName) throws IOException, InterruptedException {
    for (String pkg : PACKAGES) {
      String code = javap(classPath, pkg + simpleName);
      if (code != null) {
        return count(code);
      }
    }
    return new int[] {0, 0};
  }

  static int[] count(String disassembly) {
    String[] lines = disassembly.split("\n");
    int all = 0;
    int onLock = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(": monitorenter")) {
        all++;
        for (int j = Math.max(0, i - 3); j < i; j++) {
          if (lines[j].contains("lock:()Ljava/lang/Object;") || lines[j].contains("Field lock:")) {
            onLock++;
            break;
          }
        }
      }
    }
    return new int[] {all, onLock};
  }

  private static String javap(String classPath, String className)
      throws IOException, InterruptedException {
    Path javap = Path.of(System.getProperty("java.home"), "bin", "javap");
    Process p =
        new ProcessBuilder(javap.toString(), "-c", "-p", "-cp", classPath, className)
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("javap did not finish within 60 s for " + className);
    }
    return p.exitValue() == 0 ? out : null;
  }
}

package io.github.kafkalatency.examples.bench.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a running broker, from {@code jcmd <pid> GC.class_histogram}: that command runs
 * a full GC first, so its total is the bytes of reachable objects only. Also the part of it in
 * classes named {@code io.github.kafkalatency…} (the agent's own objects; the arrays they point to
 * are counted under {@code [J}, {@code [I} and so on, so this part is a lower bound on the agent's
 * heap, and the difference with and without the agent is the figure that counts).
 */
final class HeapProbe {
  static final String AGENT_PREFIX = "io.github.kafkalatency";
  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
  private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

  record Histogram(
      long totalBytes,
      long agentBytes,
      long agentInstances,
      List<String> agentRows,
      Map<String, Long> bytesByClass) {}

  private HeapProbe() {}

  static Histogram histogram(long pid, Path saveTo) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " GC.class_histogram failed:\n" + out);
    }
    if (saveTo != null) {
      Files.writeString(saveTo, out);
    }
    return parse(out, "jcmd " + pid + " GC.class_histogram");
  }

  /** The text {@code jcmd GC.class_histogram} prints, as saved in {@code histogram-*.txt}. */
  static Histogram parse(String out, String source) throws IOException {
    long total = -1;
    long agentBytes = 0;
    long agentInstances = 0;
    List<String> agentRows = new ArrayList<>();
    Map<String, Long> byClass = new HashMap<>();
    for (String line : out.split("\n")) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        byClass.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
        if (row.group(3).startsWith(AGENT_PREFIX)) {
          agentInstances += Long.parseLong(row.group(1));
          agentBytes += Long.parseLong(row.group(2));
          agentRows.add(line.strip());
        }
        continue;
      }
      Matcher t = TOTAL.matcher(line.strip());
      if (t.matches()) {
        total = Long.parseLong(t.group(2));
      }
    }
    if (total < 0) {
      throw new IOException("no Total line in " + source + ":\n" + out);
    }
    return new Histogram(total, agentBytes, agentInstances, agentRows, byClass);
  }
}

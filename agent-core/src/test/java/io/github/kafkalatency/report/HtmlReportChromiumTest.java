package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTML report opened in headless Chromium: after the page's script ran, the timeline shows the
 * first freeze's cascades on their holders' lanes, linked to their waiters; and a screenshot is
 * kept at {@code agent-core/target/report-timeline.png} (the README's picture, {@code
 * docs/report-timeline.png}, is one of these).
 *
 * <p>Skipped, with the reason, where Chromium is not installed; failed instead under {@code
 * CI=true}, where {@code .ci/run} installs Debian's {@code chromium} package.
 */
class HtmlReportChromiumTest {
  private static final Path OUT = Path.of("target", "report-chromium");
  private static final Path SCREENSHOT = Path.of("target", "report-timeline.png");
  private static String chromium;
  private static Path html;

  @BeforeAll
  static void findChromiumAndWriteThePage() throws IOException {
    Optional<String> found = onPath("chromium", "chromium-browser", "google-chrome");
    if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
      fail("chromium is not installed: .ci/run must install Debian's chromium package");
    }
    if (found.isEmpty()) {
      return; // each test is skipped with the reason
    }
    chromium = found.get();
    Files.createDirectories(OUT);
    html = OUT.resolve("report.html").toAbsolutePath();
    // the first freeze: one window, its 8 cascades and the stall they were part of
    Fixture.Run run =
        Fixture.run(
            Fixture.recording().toString(),
            "--zone",
            "UTC",
            "--from",
            "04:26:26.3",
            "--to",
            "04:26:27.0",
            "--html",
            html.toString());
    assertEquals(0, run.code(), run.err());
  }

  @BeforeEach
  void needsChromium() {
    Assumptions.assumeTrue(
        chromium != null, "chromium is not installed (apt-get install chromium)");
  }

  @Test
  void timelineRendersCascadesLinkedToTheirWaiters() throws Exception {
    String dom = chromium("--dump-dom");
    assertTrue(dom.contains("data-ready=\"true\""), "the page's script did not run:\n" + head(dom));
    assertTrue(Dom.tags(dom, "text").size() > 20, "no axis labels drawn by the script");
    AgentRecording shown =
        new Selection(
                Instant.parse("2026-11-25T04:26:26.300Z"),
                Instant.parse("2026-11-25T04:26:27.000Z"),
                null)
            .apply(Fixture.read());
    assertEquals(8, shown.cascades().size());
    List<Map<String, String>> links = CascadeDom.check(dom, shown.cascades().size());
    assertEquals(CascadeDom.recordedWaits(shown), links.size());
    assertTrue(
        links.stream()
            .anyMatch(
                l ->
                    l.get("data-holder").equals("data-plane-kafka-request-handler-18")
                        && l.get("data-waiter").equals("data-plane-kafka-request-handler-15")
                        && l.get("data-partition").equals("demo-6")),
        links.toString());
    assertEquals(1, Dom.withKind(dom, "rect", "stall").size());
    assertTrue(dom.contains("showing +0.000 ms to "), "zoom state not rendered");
  }

  @Test
  void screenshotOfTheTimeline() throws Exception {
    Files.deleteIfExists(SCREENSHOT);
    chromium("--screenshot=" + SCREENSHOT.toAbsolutePath(), "--window-size=1400,900");
    byte[] png = Files.readAllBytes(SCREENSHOT);
    assertTrue(png.length > 20_000, "screenshot of " + png.length + " bytes");
    assertEquals(0x89, png[0] & 0xff);
    assertEquals('P', png[1]);
  }

  private static String chromium(String... what) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("report-chromium-profile");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
    cmd.addAll(List.of(what));
    cmd.add(html.toUri().toString());
    Path stdout = OUT.resolve("chromium.out");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(stdout.toFile())
            .redirectError(OUT.resolve("chromium.err").toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 120 s: " + String.join(" ", cmd));
    }
    assertEquals(0, p.exitValue(), "chromium failed; see " + OUT.resolve("chromium.err"));
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  private static Optional<String> onPath(String... names) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : names) {
        File f = new File(dir, name);
        if (f.canExecute()) {
          return Optional.of(f.getPath());
        }
      }
    }
    return Optional.empty();
  }

  private static String head(String s) {
    return s.substring(0, Math.min(2_000, s.length()));
  }
}

package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report as written (the rendered page is {@link HtmlReportChromiumTest}'s). */
class HtmlReportTest {
  @TempDir Path dir;

  @Test
  void oneSelfContainedFileWithEveryCascadeLinkedToItsWaiters() throws Exception {
    Path html = dir.resolve("report.html");
    Fixture.Run run =
        Fixture.run(Fixture.recording().toString(), "--zone", "UTC", "--html", html.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(
        run.out().endsWith("HTML report: " + html.toAbsolutePath() + System.lineSeparator()),
        run.out());
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertFalse(page.contains("http"), "the page refers to the network");
    assertFalse(
        page.contains(" src=") || page.contains(" href=") || page.contains("url(http"),
        "external resource");
    assertFalse(page.contains("${"), "Maven filtering touched the inlined resources");

    List<Map<String, String>> links = CascadeDom.check(page, 21);
    assertEquals(CascadeDom.recordedWaits(Fixture.read()), links.size());
    assertTrue(
        links.stream()
            .anyMatch(
                l ->
                    l.get("data-holder").equals("data-plane-kafka-request-handler-12")
                        && l.get("data-waiter").equals("data-plane-kafka-request-handler-0")
                        && l.get("data-partition").equals("demo-5")));
    assertEquals(
        4, Dom.tags(page, "svg").stream().filter(s -> "timeline".equals(s.get("class"))).count());
    assertEquals(2, Dom.withKind(page, "rect", "stall").size());
    assertTrue(
        Dom.withKind(page, "rect", "file-op").stream()
            .anyMatch(f -> "force".equals(f.get("data-op"))));
  }

  @Test
  void latencyChartsPerPartitionWithOneMetricShown() throws Exception {
    Path html = dir.resolve("report.html");
    Fixture.run(
        Fixture.recording().toString(), "--zone", "UTC", "--top", "3", "--html", html.toString());
    String page = Files.readString(html, StandardCharsets.UTF_8);
    List<String> charts =
        Dom.tags(page, "figure").stream().map(f -> f.get("data-partition")).toList();
    assertEquals(List.of("broker-wide", "__cluster_metadata-0", "demo-3", "demo-7"), charts);
    List<Map<String, String>> p99 = Dom.withKind(page, "rect", "p99");
    assertTrue(
        p99.stream()
            .anyMatch(
                b ->
                    b.get("data-partition").equals("demo-3")
                        && b.get("data-metric").equals("append")));
    assertTrue(page.contains("<g class=\"series\" data-metric=\"append\">"));
    assertTrue(page.contains("<g class=\"series\" data-metric=\"write\" style=\"display:none\">"));
  }

  @Test
  void aRecordingSelectionWithoutSlowEventsStillWritesAPage() throws Exception {
    Path html = dir.resolve("empty.html");
    Fixture.Run run =
        Fixture.run(
            Fixture.recording().toString(),
            "--zone",
            "UTC",
            "--from",
            "04:26:19",
            "--to",
            "04:26:20",
            "--html",
            html.toString());
    assertEquals(0, run.code(), run.err());
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertTrue(page.contains("No slow operations in the selection."), page);
  }

  @Test
  void anUnwritableHtmlPathIsExitCodeOne() {
    Fixture.Run run =
        Fixture.run(
            Fixture.recording().toString(), "--html", dir.resolve("no/such/dir/r.html").toString());
    assertEquals(Usage.FAILED, run.code());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().contains("could not write "), run.err());
  }
}

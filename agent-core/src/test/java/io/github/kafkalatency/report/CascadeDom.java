package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checks of a timeline's cascades shared by the page as written and the page as rendered: every
 * cascade sits on its holder's lane, and every link joins a cascade's holder to a recorded wait
 * rooted at it.
 *
 * <p>Usage: {@code CascadeDom.check(html, expectedCascades)}; returns the links found. {@code
 * recordedWaits(recording)} is how many links the page should have: one per recorded wait behind a
 * cascade, as the text report lists them.
 */
final class CascadeDom {
  private CascadeDom() {}

  static List<Map<String, String>> check(String html, int expectedCascades) {
    List<Map<String, String>> cascades = Dom.withKind(html, "rect", "cascade");
    assertEquals(expectedCascades, cascades.size());
    Map<String, Map<String, String>> byId =
        cascades.stream().collect(Collectors.toMap(c -> c.get("data-id"), Function.identity()));
    List<String> lanes = Dom.tags(html, "g").stream().map(g -> g.get("data-thread")).toList();
    for (Map<String, String> c : cascades) {
      assertFalse(c.get("data-holder").isEmpty(), c.toString());
      assertEquals(c.get("data-holder"), c.get("data-thread"), c.toString());
      assertTrue(lanes.contains(c.get("data-holder")), "no lane for " + c);
      assertTrue(c.get("data-partition").matches("demo-\\d"), c.toString());
    }
    List<Map<String, String>> links = Dom.withKind(html, "line", "link");
    List<Map<String, String>> waits = Dom.withKind(html, "rect", "lock-wait");
    for (Map<String, String> link : links) {
      Map<String, String> cascade = byId.get(link.get("data-cascade"));
      assertNotNull(cascade, "link to no cascade: " + link);
      assertEquals(cascade.get("data-holder"), link.get("data-holder"), link.toString());
      assertEquals(cascade.get("data-partition"), link.get("data-partition"), link.toString());
      assertTrue(
          waits.stream()
              .anyMatch(
                  w ->
                      link.get("data-cascade").equals(w.get("data-cascade"))
                          && link.get("data-waiter").equals(w.get("data-thread"))
                          && link.get("data-holder").equals(w.get("data-root-holder"))),
          "no waiter for " + link);
      assertTrue(lanes.contains(link.get("data-waiter")), "no lane for " + link);
    }
    return links;
  }

  static int recordedWaits(AgentRecording r) {
    return r.cascades().stream().mapToInt(c -> CascadeWaiters.of(c, r.waits()).size()).sum();
  }
}

package io.github.kafkalatency.report;

import io.github.kafkalatency.text.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The HTML report: one self-contained file (inline CSS, JS and SVG; nothing fetched) with a
 * zoomable per-thread timeline of each slow window, per-partition latency charts, and the text
 * report for reference.
 *
 * <p>Usage: {@code HtmlReport.write(whole, selected, selection, top, timeFormat, path)}. The body
 * gets {@code data-ready="true"} once the page's script has run, which is what a test of the
 * rendered page waits for.
 */
final class HtmlReport {
  private HtmlReport() {}

  static void write(
      AgentRecording whole,
      AgentRecording selected,
      Selection selection,
      int top,
      TimeFormat tf,
      Path file)
      throws IOException {
    Files.writeString(file, page(whole, selected, selection, top, tf), StandardCharsets.UTF_8);
  }

  /** Several brokers: {@code merged} names every thread {@code [broker] …}, one lane group each. */
  static void write(
      String name, List<String> text, AgentRecording merged, int top, TimeFormat tf, Path file)
      throws IOException {
    Files.writeString(file, page(name, text, merged, top, tf), StandardCharsets.UTF_8);
  }

  static String page(
      AgentRecording whole, AgentRecording selected, Selection selection, int top, TimeFormat tf) {
    return page(
        String.valueOf(whole.file().getFileName()),
        TextReport.lines(whole, selected, selection, top, tf),
        selected,
        top,
        tf);
  }

  private static String page(
      String name, List<String> text, AgentRecording selected, int top, TimeFormat tf) {
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.text("kafka-latency-agent report: " + name))
        .append("</title>\n<style>\n")
        .append(Html.resource("report.css"))
        .append("</style>\n</head>\n<body data-ready=\"false\">\n");
    b.append("<header>\n<h1>kafka-latency-agent report: ")
        .append(Html.text(name))
        .append("</h1>\n<p class=\"meta\">");
    for (String line : text.subList(1, 4)) {
      b.append(Html.text(line)).append("<br>\n");
    }
    b.append("</p>\n</header>\n");
    timelines(b, selected, top, tf);
    b.append(LatencyCharts.html(selected, top, tf));
    b.append("<section id=\"text-report\">\n<h2>Text report</h2>\n<pre>");
    text.forEach(l -> b.append(Html.text(l)).append('\n'));
    b.append("</pre>\n</section>\n<script>\n")
        .append(Html.resource("report.js"))
        .append("</script>\n</body>\n</html>\n");
    return b.toString();
  }

  private static void timelines(StringBuilder b, AgentRecording r, int top, TimeFormat tf) {
    List<SlowWindow> windows = SlowWindow.find(r, top);
    b.append("<section id=\"timelines\">\n<h2>Slow windows</h2>\n");
    if (windows.isEmpty()) {
      b.append("<p class=\"none\">No slow operations in the selection.</p>\n</section>\n");
      return;
    }
    b.append("<p class=\"legend\">")
        .append("<span class=\"swatch cascade\"></span>cascade (a hold others waited behind) ")
        .append("<span class=\"swatch lock-hold\"></span>log-lock hold ")
        .append("<span class=\"swatch lock-wait\"></span>log-lock wait ")
        .append("<span class=\"swatch link\"></span>holder &#8594; waiter ")
        .append("<span class=\"swatch write\"></span>write ")
        .append("<span class=\"swatch force\"></span>fsync ")
        .append("<span class=\"swatch transferTo\"></span>transferTo ")
        .append("<span class=\"swatch read\"></span>read ")
        .append("<span class=\"swatch produce-request\"></span>produce request ")
        .append("<span class=\"swatch stall\"></span>log dir stall")
        .append(
            "<br>Each thread's lane has three rows: log lock, file I/O, produce requests. Mouse"
                + " wheel or the buttons zoom, dragging pans; click an event for its"
                + " details.</p>\n");
    for (int i = 0; i < windows.size(); i++) {
      SlowWindow w = windows.get(i);
      int n = i + 1;
      b.append("<div class=\"window\" id=\"window-")
          .append(n)
          .append("\" data-window=\"")
          .append(n)
          .append("\" data-from=\"")
          .append(w.from())
          .append("\" data-to=\"")
          .append(w.to())
          .append("\">\n<h3>")
          .append(
              Html.text(
                  "Window "
                      + n
                      + ": "
                      + tf.span(w.from(), w.to(), i == 0)
                      + ": "
                      + w.cascades()
                      + (w.cascades() == 1 ? " cascade, " : " cascades, ")
                      + w.stalls()
                      + (w.stalls() == 1 ? " stall" : " stalls")
                      + ", longest "
                      + Durations.format(w.worstNanos())))
          .append(
              "</h3>\n"
                  + "<div class=\"toolbar\"><button type=\"button\" data-zoom=\"in\">zoom"
                  + " in</button>")
          .append("<button type=\"button\" data-zoom=\"out\">zoom out</button>")
          .append("<button type=\"button\" data-zoom=\"reset\">whole window</button>")
          .append("<span class=\"view\"></span></div>\n")
          .append(new TimelineSvg(w, n, r, tf).html())
          .append("<div class=\"details\">Click an event for its details.</div>\n</div>\n");
    }
    b.append("</section>\n");
  }
}

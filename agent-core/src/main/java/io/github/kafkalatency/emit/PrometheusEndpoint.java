package io.github.kafkalatency.emit;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/**
 * The agent's own HTTP listener for Prometheus, opened only when the {@code prometheus} option asks
 * for it: {@code GET /metrics} serves {@link PrometheusMetrics} in the text exposition format. Its
 * own registry, not the library's default one, so that nothing else in the broker's JVM shows up
 * under it; the Prometheus client library is relocated inside the agent jar, so a broker that runs
 * its own client (or the JMX exporter) sees neither the agent's copy nor its registry.
 *
 * <p>Usage: {@code PrometheusEndpoint.start(host, port, metrics)} once; {@link #close} at shutdown.
 * The server's threads are daemon threads.
 */
public final class PrometheusEndpoint implements AutoCloseable {
  private final HTTPServer server;

  private PrometheusEndpoint(HTTPServer server) {
    this.server = server;
  }

  /** {@code host} null means every interface. */
  public static PrometheusEndpoint start(String host, int port, PrometheusMetrics metrics)
      throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(metrics);
    HTTPServer.Builder b = HTTPServer.builder().port(port).registry(registry);
    if (host != null) {
      b.hostname(host);
    }
    return new PrometheusEndpoint(b.buildAndStart());
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}

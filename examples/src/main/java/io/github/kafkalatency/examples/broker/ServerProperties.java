package io.github.kafkalatency.examples.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Use {@code ServerProperties.write(file, ServerProperties.defaults(brokerPort, controllerPort,
 * logDir), overrides)} to write the server.properties of a single-node KRaft broker that is also
 * its own controller, or {@link #zooKeeperDefaults} for a ZooKeeper-mode broker (2.4 to 3.9).
 *
 * <p>The static {@code controller.quorum.voters} form is used because it is the one set of
 * properties that starts every version from 3.9 to 4.4 unchanged, and it needs no {@code
 * --standalone} at format time. The replication factors of the internal topics are forced to 1,
 * otherwise the first consumer group or transaction waits forever for replicas that do not exist.
 */
final class ServerProperties {

  private ServerProperties() {}

  static Map<String, String> defaults(int brokerPort, int controllerPort, Path logDir) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toAbsolutePath().toString());
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    // unknown to 3.9 (it logs them as unused) but required by 4.x share groups
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "true");
    return p;
  }

  /**
   * A ZooKeeper-mode broker, {@code broker.id=1}, the same listeners and single-replica internal
   * topics as {@link #defaults}. Only properties that every version from 2.4 to 3.9 knows, so none
   * is logged as unknown.
   */
  static Map<String, String> zooKeeperDefaults(
      int brokerPort, String zooKeeperConnect, Path logDir) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("broker.id", "1");
    p.put("zookeeper.connect", zooKeeperConnect);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toAbsolutePath().toString());
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "true");
    return p;
  }

  /**
   * Adds an {@code SSL} listener on {@code port} to {@code properties} (from {@link #defaults}),
   * with its PKCS12 keystore. PLAINTEXT stays the inter-broker and advertised-first listener.
   */
  static void addSslListener(
      Map<String, String> properties, int port, Path keystore, String password) {
    String listener = "SSL://127.0.0.1:" + port;
    properties.compute("listeners", (k, v) -> v + "," + listener);
    properties.compute("advertised.listeners", (k, v) -> v + "," + listener);
    properties.compute("listener.security.protocol.map", (k, v) -> v + ",SSL:SSL");
    properties.put("ssl.keystore.type", "PKCS12");
    properties.put("ssl.keystore.location", keystore.toAbsolutePath().toString());
    properties.put("ssl.keystore.password", password);
    properties.put("ssl.key.password", password);
  }

  /** Overrides replace a default in place, so the file still reads in the documented order. */
  static void write(Path file, Map<String, String> properties, Map<String, String> overrides)
      throws IOException {
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.putAll(overrides);
    StringBuilder out =
        new StringBuilder(
            "# Written by KafkaBroker: single node, "
                + (all.containsKey("zookeeper.connect") ? "ZooKeeper mode" : "KRaft combined mode")
                + ".\n");
    all.forEach((k, v) -> out.append(k).append('=').append(escape(v)).append('\n'));
    Files.writeString(file, out, StandardCharsets.UTF_8);
  }

  /** java.util.Properties treats a backslash as an escape, which would mangle Windows paths. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }
}

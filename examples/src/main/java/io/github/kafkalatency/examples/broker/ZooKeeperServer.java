package io.github.kafkalatency.examples.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Use {@code new ZooKeeperServer(runtime, java, port, dataDir, out).start()} then {@link #stop()}:
 * a standalone ZooKeeper for a ZooKeeper-mode broker, run from the broker's own class path ({@code
 * org.apache.zookeeper.server.ZooKeeperServerMain <port> <dataDir>}, present in every Kafka up to
 * 3.9) in a JVM of its own, so that its ZooKeeper is the version that Kafka release was built and
 * tested against.
 *
 * <p>Ready when its client port accepts a connection: ZooKeeper's log lines differ across 3.4 to
 * 3.8, the socket does not. Its AdminServer (an HTTP port, 8080 by default, from ZooKeeper 3.5) is
 * turned off so that parallel servers never collide on it. Not thread-safe; {@link KafkaBroker}
 * owns it.
 */
final class ZooKeeperServer {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final KafkaRuntime runtime;
  private final String java;
  private final int port;
  private final Path dataDir;
  private final Path out;
  private volatile Process process;

  ZooKeeperServer(KafkaRuntime runtime, String java, int port, Path dataDir, Path out) {
    this.runtime = runtime;
    this.java = java;
    this.port = port;
    this.dataDir = dataDir;
    this.out = out;
  }

  /** Starts it unless it is running, and waits until it accepts connections. */
  void start() throws IOException, InterruptedException {
    if (isRunning()) {
      return;
    }
    List<String> cmd =
        List.of(
            java,
            "-Xms64m",
            "-Xmx256m",
            runtime.loggingJvmArg(),
            "-Dzookeeper.admin.enableServer=false",
            "-cp",
            runtime.classPath(),
            "org.apache.zookeeper.server.ZooKeeperServerMain",
            Integer.toString(port),
            dataDir.toString());
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
            .start();
    process.getOutputStream().close();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!accepts()) {
      if (!process.isAlive()) {
        throw new KafkaBrokerException(
            "ZooKeeper exited with "
                + process.exitValue()
                + " before listening on "
                + port
                + ":\n"
                + BrokerOutput.tail(out, 40));
      }
      if (System.nanoTime() - deadline > 0) {
        stop();
        throw new KafkaBrokerException(
            "ZooKeeper did not listen on "
                + port
                + " within "
                + START_TIMEOUT
                + ":\n"
                + BrokerOutput.tail(out, 40));
      }
      Thread.sleep(50);
    }
  }

  /** {@code 127.0.0.1:<port>}, the broker's {@code zookeeper.connect}. */
  String connect() {
    return "127.0.0.1:" + port;
  }

  /** The ZooKeeper JVM's pid, also after it exited; -1 before the first start. */
  long pid() {
    Process p = process;
    return p == null ? -1 : p.pid();
  }

  boolean isRunning() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** SIGTERM, SIGKILL after 20 s. Idempotent; never throws. */
  void stop() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkalatency.examples.broker.KafkaBroker;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch host:port} against a broker whose JMX port is secured the way the JDK documents it
 * ({@code com.sun.management.jmxremote.*}: password and access files, TLS on the registry and the
 * connection), with the client's trust store passed as the JDK's own {@code javax.net.ssl.*}
 * properties: what an operator's {@code JMX_PORT} setup looks like when it is not left open.
 */
class WatchJmxAuthTest {
  private static final String USER = "watcher";
  private static final String SECRET = "s3cret-pass";

  @Test
  void watchLogsInOverTlsAndAWrongPasswordIsOneLineWithExitCode3(@TempDir Path tmp)
      throws Exception {
    TlsKeys keys = TlsKeys.make(tmp);
    // The JDK refuses a password file others can read; 600 and owned by the broker's user (this
    // one).
    Path passwords = secret(tmp.resolve("jmxremote.password"), USER + " " + SECRET);
    Path access =
        secret(tmp.resolve("jmxremote.access"), USER + " readwrite"); // JFR control needs readwrite
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String jmx = "-Dcom.sun.management.jmxremote";
    KafkaBroker.Builder b =
        KafkaBroker.builder().kafkaVersion("4.4.0").agentArgs("intervalSeconds=5");
    for (String arg :
        List.of(
            jmx + ".port=" + port,
            jmx + ".rmi.port=" + port,
            jmx + ".local.only=false",
            jmx + ".authenticate=true",
            jmx + ".password.file=" + passwords,
            jmx + ".access.file=" + access,
            jmx + ".ssl=true",
            jmx + ".registry.ssl=true",
            "-Djava.rmi.server.hostname=127.0.0.1",
            "-Djavax.net.ssl.keyStore=" + keys.keystore(),
            "-Djavax.net.ssl.keyStorePassword=" + keys.password(),
            "-Djavax.net.ssl.keyStoreType=PKCS12")) {
      b.jvmArg(arg);
    }
    try (KafkaBroker broker = b.start()) {
      String target = "127.0.0.1:" + port;
      Result ok =
          watch(
              keys,
              target,
              "--user",
              USER,
              "--password-file",
              secret(tmp.resolve("pw"), SECRET).toString(),
              "--ssl",
              "--plain",
              "--duration",
              "6");
      System.out.println(
          "watch over TLS with a password, exit " + ok.exit + ":\n" + ok.out + ok.err);
      assertEquals(0, ok.exit, ok.err);
      // the header names the broker JVM (pid@host) and the way in: this target, over JMX
      assertTrue(
          ok.out.startsWith("watching ")
              && ok.out.lines().findFirst().orElse("").contains(", Kafka 4.4.0, up ")
              && ok.out.lines().findFirst().orElse("").endsWith("via " + target + " (JMX)"),
          "no header: " + ok.out);

      Result wrong =
          watch(
              keys,
              target,
              "--user",
              USER,
              "--password-file",
              secret(tmp.resolve("bad"), "not-it").toString(),
              "--ssl",
              "--plain",
              "--duration",
              "6");
      System.out.println("wrong password, exit " + wrong.exit + ": " + wrong.err);
      assertEquals(3, wrong.exit, wrong.out + wrong.err);
      assertEquals(1, wrong.err.strip().lines().count(), "one line: " + wrong.err);
      assertTrue(wrong.err.contains("refused the credentials"), wrong.err);

      Result noTls =
          watch(
              keys,
              target,
              "--user",
              USER,
              "--password-file",
              tmp.resolve("pw").toString(),
              "--plain",
              "--duration",
              "6");
      System.out.println("without --ssl, exit " + noTls.exit + ": " + noTls.err);
      assertEquals(3, noTls.exit, noTls.out + noTls.err);
      assertEquals(1, noTls.err.strip().lines().count(), "one line: " + noTls.err);
    }
  }

  private record Result(int exit, String out, String err) {}

  private static Result watch(TlsKeys keys, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djavax.net.ssl.trustStore=" + keys.truststore(),
                "-Djavax.net.ssl.trustStorePassword=" + keys.password(),
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-jar",
                AgentJarTest.agentJar().toAbsolutePath().toString(),
                "watch"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    var out = p.getInputStream().readAllBytes();
    var err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "watch did not end");
    return new Result(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  private static Path secret(Path file, String line) throws Exception {
    Files.writeString(file, line + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}

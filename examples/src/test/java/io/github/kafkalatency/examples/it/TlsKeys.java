package io.github.kafkalatency.examples.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A self-signed broker key for 127.0.0.1 made with keytool, and a trust store holding its
 * certificate for the clients.
 */
record TlsKeys(Path keystore, Path truststore, String password) {

  static TlsKeys make(Path dir) throws Exception {
    String password = "kla-test-pass";
    Path keystore = dir.resolve("broker.p12");
    Path truststore = dir.resolve("clients.p12");
    Path cert = dir.resolve("broker.crt");
    keytool(
        "-genkeypair",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-alias",
        "broker",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=IP:127.0.0.1,DNS:localhost",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        password,
        "-keypass",
        password);
    keytool(
        "-exportcert",
        "-alias",
        "broker",
        "-keystore",
        keystore.toString(),
        "-storepass",
        password,
        "-file",
        cert.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        cert.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        truststore.toString(),
        "-storepass",
        password);
    return new TlsKeys(keystore, truststore, password);
  }

  /** What a client needs to connect to the SSL listener. */
  Map<String, String> clientProperties() {
    return Map.of(
        "security.protocol",
        "SSL",
        "ssl.truststore.type",
        "PKCS12",
        "ssl.truststore.location",
        truststore.toString(),
        "ssl.truststore.password",
        password);
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + ":\n" + out);
    }
  }
}

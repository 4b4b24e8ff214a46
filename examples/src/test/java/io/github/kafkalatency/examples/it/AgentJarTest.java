package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The one deliverable: its manifest, and nothing in it that could clash with a broker's class path.
 */
class AgentJarTest {
  static Path agentJar() {
    return Path.of(
        System.getProperty("kla.agentJar", "../agent-core/target/kafka-latency-agent.jar"));
  }

  @Test
  void manifestDeclaresTheAgent() throws Exception {
    assertTrue(Files.isRegularFile(agentJar()), "built by mvn package: " + agentJar());
    try (JarFile jar = new JarFile(agentJar().toFile())) {
      Manifest m = jar.getManifest();
      assertEquals(
          "io.github.kafkalatency.bootstrap.AgentMain",
          m.getMainAttributes().getValue("Premain-Class"));
      assertEquals(
          "io.github.kafkalatency.bootstrap.AgentMain",
          m.getMainAttributes().getValue("Agent-Class"));
      assertEquals("true", m.getMainAttributes().getValue("Can-Retransform-Classes"));
    }
  }

  /**
   * The premain class is Java 8 bytecode, so a Java 8 or 11 broker loads it and hears why the agent
   * is off; every other class is Java 17's (class file 61), including the launcher it hands over
   * to.
   */
  @Test
  void onlyTheEntryClassIsJava8Bytecode() throws Exception {
    try (JarFile jar = new JarFile(agentJar().toFile())) {
      String entry =
          jar.getManifest().getMainAttributes().getValue("Premain-Class").replace('.', '/')
              + ".class";
      Map<String, Integer> versions = new TreeMap<>();
      for (JarEntry e : Collections.list(jar.entries())) {
        if (e.getName().endsWith(".class") || e.getName().endsWith(".classdata")) {
          try (DataInputStream in = new DataInputStream(jar.getInputStream(e))) {
            in.readInt();
            in.readUnsignedShort();
            versions.put(e.getName(), in.readUnsignedShort());
          }
        }
      }
      assertEquals(52, versions.get(entry), entry);
      assertEquals(61, versions.get("io/github/kafkalatency/bootstrap/AgentLauncher.class"));
      Map<String, Integer> newer = new TreeMap<>(versions);
      newer
          .keySet()
          .removeIf(n -> n.equals(entry) || n.startsWith("inst/io/github/kafkalatency/shaded/"));
      assertTrue(
          newer.values().stream().allMatch(v -> v == 61),
          "our other classes are Java 17's: " + newer);
      assertTrue(
          versions.values().stream().allMatch(v -> v <= 61),
          "nothing newer than Java 17: " + versions);
    }
  }

  @Test
  void onlyTheProbeIsVisibleAndLibrariesAreRelocated() throws Exception {
    try (JarFile jar = new JarFile(agentJar().toFile())) {
      List<String> names = jar.stream().map(e -> e.getName()).collect(Collectors.toList());
      List<String> visibleClasses =
          names.stream().filter(n -> n.endsWith(".class")).collect(Collectors.toList());
      assertTrue(
          visibleClasses.stream()
              .allMatch(
                  n ->
                      n.startsWith("io/github/kafkalatency/bootstrap/")
                          || n.startsWith("io/github/kafkalatency/probe/")),
          "loadable classes: " + visibleClasses);
      assertTrue(
          names.stream()
              .noneMatch(
                  n ->
                      n.startsWith("net/bytebuddy/")
                          || n.startsWith("org/HdrHistogram/")
                          || n.startsWith("inst/net/bytebuddy/")
                          || n.startsWith("inst/org/HdrHistogram/")
                          || n.startsWith("io/prometheus/")
                          || n.startsWith("inst/io/prometheus/")),
          "unrelocated library");
      assertTrue(
          names.stream()
              .noneMatch(n -> n.startsWith("org/slf4j/") || n.startsWith("inst/org/slf4j/")),
          "no slf4j, let alone a binding");
      assertTrue(
          names.contains("inst/io/github/kafkalatency/shaded/bytebuddy/ByteBuddy.classdata"));
      assertTrue(
          names.contains("inst/io/github/kafkalatency/shaded/hdrhistogram/Histogram.classdata"));
      assertTrue(
          names.contains(
              "inst/io/github/kafkalatency/shaded/prometheus/metrics/exporter/httpserver/HTTPServer.classdata"));
    }
  }
}

package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one deliverable: its manifest, and nothing in it that could clash with a broker's class path. */
class AgentJarTest {
  static Path agentJar() {
    return Path.of(System.getProperty("kla.agentJar", "../agent-core/target/kafka-latency-agent.jar"));
  }

  @Test
  void manifestDeclaresTheAgent() throws Exception {
    assertTrue(Files.isRegularFile(agentJar()), "built by mvn package: " + agentJar());
    try (JarFile jar = new JarFile(agentJar().toFile())) {
      Manifest m = jar.getManifest();
      assertEquals("io.github.kafkalatency.bootstrap.AgentMain", m.getMainAttributes().getValue("Premain-Class"));
      assertEquals("io.github.kafkalatency.bootstrap.AgentMain", m.getMainAttributes().getValue("Agent-Class"));
      assertEquals("true", m.getMainAttributes().getValue("Can-Retransform-Classes"));
    }
  }

  @Test
  void onlyTheProbeIsVisibleAndLibrariesAreRelocated() throws Exception {
    try (JarFile jar = new JarFile(agentJar().toFile())) {
      List<String> names = jar.stream().map(e -> e.getName()).collect(Collectors.toList());
      List<String> visibleClasses = names.stream().filter(n -> n.endsWith(".class")).collect(Collectors.toList());
      assertTrue(visibleClasses.stream().allMatch(n -> n.startsWith("io/github/kafkalatency/bootstrap/")
          || n.startsWith("io/github/kafkalatency/probe/")), "loadable classes: " + visibleClasses);
      assertTrue(names.stream().noneMatch(n -> n.startsWith("net/bytebuddy/") || n.startsWith("org/HdrHistogram/")
          || n.startsWith("inst/net/bytebuddy/") || n.startsWith("inst/org/HdrHistogram/")
          || n.startsWith("io/prometheus/") || n.startsWith("inst/io/prometheus/")), "unrelocated library");
      assertTrue(names.stream().noneMatch(n -> n.startsWith("org/slf4j/") || n.startsWith("inst/org/slf4j/")),
          "no slf4j, let alone a binding");
      assertTrue(names.contains("inst/io/github/kafkalatency/shaded/bytebuddy/ByteBuddy.classdata"));
      assertTrue(names.contains("inst/io/github/kafkalatency/shaded/hdrhistogram/Histogram.classdata"));
      assertTrue(names.contains(
          "inst/io/github/kafkalatency/shaded/prometheus/metrics/exporter/httpserver/HTTPServer.classdata"));
    }
  }
}

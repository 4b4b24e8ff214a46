package io.github.kafkalatency.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.jar.JarFile;

/**
 * Starts the agent once {@link AgentMain} has found a JVM that can run it (Java 17+).
 *
 * <p>It appends its own jar to the boot class path, so that the {@code probe} classes called by
 * instrumented Kafka and JDK code resolve from every class loader, then hands over to the core,
 * which lives under {@code inst/} and is loaded by an {@link AgentClassLoader} that the broker's
 * class loaders never see. Nothing here logs through the broker or touches Kafka classes, and no
 * failure escapes: the broker must start whatever happens to the agent.
 *
 * <p>As a plain program ({@code java -jar kafka-latency-agent.jar ...}) it runs the core's command
 * line, such as the offline report.
 */
final class AgentLauncher {
  private static final String CORE_ENTRY = "io.github.kafkalatency.agent.AgentStarter";
  private static final String CLI_ENTRY = "io.github.kafkalatency.agent.CommandLine";
  private static volatile boolean started;

  private AgentLauncher() {}

  static void main(String[] args) throws Exception {
    File jar = ownJar();
    ClassLoader core =
        new AgentClassLoader(new JarFile(jar, false), ClassLoader.getPlatformClassLoader());
    Method main = core.loadClass(CLI_ENTRY).getMethod("main", String[].class);
    main.invoke(null, (Object) args);
  }

  static synchronized void start(String args, Instrumentation inst, boolean atLaunch) {
    if (started) {
      return;
    }
    started = true;
    try {
      File jar = ownJar();
      // Verification is slow before the JIT starts; the jar is ours and unsigned.
      JarFile jarFile = new JarFile(jar, false);
      inst.appendToBootstrapClassLoaderSearch(jarFile);
      ClassLoader core =
          new AgentClassLoader(new JarFile(jar, false), ClassLoader.getPlatformClassLoader());
      Method install =
          core.loadClass(CORE_ENTRY)
              .getMethod("start", String.class, Instrumentation.class, String.class, boolean.class);
      install.invoke(null, args, inst, jar.getPath(), atLaunch);
    } catch (Throwable t) {
      Throwable cause = t.getCause() != null ? t.getCause() : t;
      System.err.println("kafka-latency-agent: disabled: could not start: " + cause);
    }
  }

  private static File ownJar() throws URISyntaxException {
    return new File(
        AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}

package io.github.kafkalatency.examples.broker;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Use {@code KafkaRuntime.resolve("4.4.0")} to get what is needed to launch that broker version in
 * a child JVM: {@link #classPath()} for {@code -cp} and {@link #loggingJvmArg()} for the logging
 * configuration.
 *
 * <p>The broker jars come from Maven Central rather than from a Kafka distribution so that any
 * released version can be tested without downloads outside Maven. Resolution is delegated to {@code
 * mvn} on the PATH (a throwaway pom plus {@code dependency:build-classpath}) because reimplementing
 * transitive resolution is not worth it; the result is cached in {@code
 * <cache>/kafka-<version>/cp.txt}, where {@code <cache>} is the system property {@code
 * kla.kafkaCache} or {@code ${user.home}/.cache/kafka-latency-agent}. The cache is reused while the
 * pom is unchanged and every jar it lists still exists, so only the first run pays for Maven.
 */
public final class KafkaRuntime {

  /**
   * Pinned so the resolution does not depend on the default plugin version of the installed Maven.
   */
  private static final String DEPENDENCY_PLUGIN_VERSION = "3.9.0";

  private static final long MVN_TIMEOUT_MINUTES = 15;

  private final String version;
  private final String classPath;
  private final Path loggingConfigFile;
  private final String loggingJvmArg;
  private final Path cacheDir;

  private KafkaRuntime(
      String version,
      String classPath,
      Path loggingConfigFile,
      String loggingJvmArg,
      Path cacheDir) {
    this.version = version;
    this.classPath = classPath;
    this.loggingConfigFile = loggingConfigFile;
    this.loggingJvmArg = loggingJvmArg;
    this.cacheDir = cacheDir;
  }

  /** Resolves into {@link #defaultCacheDir(String)}. */
  public static KafkaRuntime resolve(String version) throws IOException, InterruptedException {
    return resolve(version, defaultCacheDir(version));
  }

  /**
   * Resolves into {@code cacheDir}, running Maven only if the cached class path is missing or
   * stale. Synchronized and file-locked because parallel test forks may resolve the same version at
   * once.
   */
  @SuppressWarnings("try") // the lock is held for its scope only, never referenced
  public static synchronized KafkaRuntime resolve(String version, Path cacheDir)
      throws IOException, InterruptedException {
    Objects.requireNonNull(version, "version");
    LoggingBackend logging = LoggingBackend.forVersion(version);
    Files.createDirectories(cacheDir);
    try (FileChannel lockFile =
            new RandomAccessFile(cacheDir.resolve(".lock").toFile(), "rw").getChannel();
        FileLock ignored = lockFile.lock()) {
      Path pom = cacheDir.resolve("pom.xml");
      Path cpFile = cacheDir.resolve("cp.txt");
      boolean pomChanged = writeIfChanged(pom, pom(version, logging));
      String classPath = pomChanged ? null : cachedClassPath(cpFile);
      if (classPath == null) {
        runMaven(version, cacheDir, cpFile);
        classPath = cachedClassPath(cpFile);
        if (classPath == null) {
          throw new IOException("mvn succeeded but " + cpFile + " is empty or lists missing jars");
        }
      }
      Path loggingConfig = cacheDir.resolve(logging.configFileName());
      writeIfChanged(loggingConfig, logging.config());
      return new KafkaRuntime(
          version, classPath, loggingConfig, logging.jvmArg(loggingConfig), cacheDir);
    }
  }

  /** {@code kla.kafkaCache} (or {@code ~/.cache/kafka-latency-agent}) + {@code kafka-<version>}. */
  public static Path defaultCacheDir(String version) {
    String root = System.getProperty("kla.kafkaCache");
    Path base =
        root != null && !root.isBlank()
            ? Path.of(root)
            : Path.of(System.getProperty("user.home"), ".cache", "kafka-latency-agent");
    return base.resolve("kafka-" + version).toAbsolutePath();
  }

  public String version() {
    return version;
  }

  /** The broker's runtime class path, ready for {@code -cp}. */
  public String classPath() {
    return classPath;
  }

  /** {@code -Dlog4j2.configurationFile=…} (4.x) or {@code -Dlog4j.configuration=file:…} (3.x). */
  public String loggingJvmArg() {
    return loggingJvmArg;
  }

  public Path loggingConfigFile() {
    return loggingConfigFile;
  }

  public Path cacheDir() {
    return cacheDir;
  }

  @Override
  public String toString() {
    return "KafkaRuntime[" + version + ", " + cacheDir + "]";
  }

  /**
   * The same runtime with every jar and the logging configuration copied into {@code dir},
   * world-readable, for a broker run as another user: the originals sit in the build user's Maven
   * repository and cache, which are private to that user (and should stay so).
   */
  KafkaRuntime copiedTo(Path dir) throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    List<String> entries = new ArrayList<>();
    int i = 0;
    for (String entry : classPath.split(File.pathSeparator)) {
      Path source = Path.of(entry);
      // numbered: two artifacts may share a file name
      Path target = lib.resolve((i++) + "-" + source.getFileName());
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      BrokerUser.readableByAll(target);
      entries.add(target.toString());
    }
    Path logging = dir.resolve(loggingConfigFile.getFileName());
    Files.copy(loggingConfigFile, logging, StandardCopyOption.REPLACE_EXISTING);
    BrokerUser.readableByAll(logging);
    BrokerUser.readableByAll(lib);
    BrokerUser.readableByAll(dir);
    return new KafkaRuntime(
        version,
        String.join(File.pathSeparator, entries),
        logging,
        LoggingBackend.forVersion(version).jvmArg(logging),
        dir);
  }

  private static String pom(String version, LoggingBackend logging) {
    StringBuilder deps = new StringBuilder();
    appendDependency(deps, "org.apache.kafka:kafka_2.13:" + version);
    logging.dependencies().forEach(gav -> appendDependency(deps, gav));
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!-- Written by KafkaRuntime to resolve the Kafka "
        + version
        + " broker class path. -->\n"
        + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
        + "  <modelVersion>4.0.0</modelVersion>\n"
        + "  <groupId>io.github.kafkalatency.cache</groupId>\n"
        + "  <artifactId>kafka-runtime</artifactId>\n"
        + "  <version>"
        + version
        + "</version>\n"
        + "  <packaging>pom</packaging>\n"
        + "  <dependencies>\n"
        + deps
        + "  </dependencies>\n"
        + "  <build><plugins><plugin>\n"
        + "    <groupId>org.apache.maven.plugins</groupId>\n"
        + "    <artifactId>maven-dependency-plugin</artifactId>\n"
        + "    <version>"
        + DEPENDENCY_PLUGIN_VERSION
        + "</version>\n"
        + "  </plugin></plugins></build>\n"
        + "</project>\n";
  }

  private static void appendDependency(StringBuilder out, String gav) {
    String[] p = gav.split(":");
    out.append("    <dependency><groupId>")
        .append(p[0])
        .append("</groupId><artifactId>")
        .append(p[1])
        .append("</artifactId><version>")
        .append(p[2])
        .append("</version></dependency>\n");
  }

  /** The cached class path, or null when it must be (re)resolved. */
  private static String cachedClassPath(Path cpFile) throws IOException {
    if (!Files.isRegularFile(cpFile)) {
      return null;
    }
    String cp = Files.readString(cpFile, StandardCharsets.UTF_8).strip();
    if (cp.isEmpty()) {
      return null;
    }
    for (String entry : cp.split(File.pathSeparator)) {
      if (!Files.isRegularFile(Path.of(entry))) {
        return null; // e.g. the local Maven repository was cleaned
      }
    }
    return cp;
  }

  private static void runMaven(String version, Path dir, Path cpFile)
      throws IOException, InterruptedException {
    Files.deleteIfExists(cpFile); // a failed run must not leave a half-written class path behind
    Path log = dir.resolve("mvn.log");
    System.err.println("resolving Kafka " + version + " from Maven Central…");
    List<String> command =
        new ArrayList<>(
            List.of(
                findMaven().toString(),
                "-q",
                "-B",
                "dependency:build-classpath",
                "-Dmdep.outputFile=" + cpFile.getFileName()));
    Process mvn =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
            .start();
    if (!mvn.waitFor(MVN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      mvn.destroyForcibly();
      throw new IOException(
          "mvn did not finish within "
              + MVN_TIMEOUT_MINUTES
              + " min resolving Kafka "
              + version
              + "; see "
              + log);
    }
    if (mvn.exitValue() != 0) {
      throw new IOException(
          "mvn exited with "
              + mvn.exitValue()
              + " resolving Kafka "
              + version
              + " in "
              + dir
              + ":\n"
              + BrokerOutput.tail(log, 40));
    }
  }

  private static File nullDevice() {
    return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
  }

  private static Path findMaven() throws IOException {
    String path = System.getenv("PATH");
    List<String> names =
        File.separatorChar == '\\' ? List.of("mvn.cmd", "mvn.bat", "mvn") : List.of("mvn");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        for (String name : names) {
          Path candidate = Path.of(dir, name);
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return candidate;
          }
        }
      }
    }
    throw new IOException(
        "mvn not found on PATH; it is needed once per Kafka version to resolve the broker"
            + " jars from Maven Central");
  }

  /** Writes atomically so a broker launched concurrently never reads a half-written file. */
  private static boolean writeIfChanged(Path file, String content) throws IOException {
    if (Files.isRegularFile(file)
        && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
      return false;
    }
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return true;
  }
}

package io.github.kafkalatency.examples.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Use it as
 *
 * <pre>{@code
 * try (KafkaBroker broker = KafkaBroker.builder().kafkaVersion("4.4.0").agentArgs("...").start()) {
 *     props.put("bootstrap.servers", broker.bootstrapServers());
 *     ...
 *     broker.awaitOutput(Pattern.compile("some agent line"), Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * to run a real single-node broker of any Kafka version from 2.4 on, in its own JVM, with the
 * latency agent attached: KRaft (its own controller) or, with {@code mode(BrokerMode.ZOOKEEPER)},
 * ZooKeeper mode with a ZooKeeper server run from the broker's own jars in a JVM of its own,
 * started before the broker and stopped after it. The default is {@link BrokerMode#defaultFor}:
 * KRaft from 3.3, ZooKeeper before.
 *
 * <p>The broker is launched the way {@code kafka-server-start.sh} launches it, including where
 * {@code KAFKA_OPTS=-javaagent:…} lands on the command line, so what passes here passes in
 * production. Its stdout and stderr go to {@code broker.out} in the work directory; that file is
 * what readiness and {@link #awaitOutput} poll, and what failures quote.
 *
 * <p>After {@link #stop()} or {@link #kill9()} the same instance can be {@link #start()}ed again:
 * it keeps its ports, log directory and cluster, and appends to {@code broker.out}, which is what
 * crash-recovery tests need. After a kill the restart takes ~10 s longer, because the controller
 * rejects the new broker registration (DuplicateBrokerRegistrationException) until the dead one's
 * session expires; {@code serverProperty("broker.session.timeout.ms", "3000")} saves about 5 s of
 * that.
 *
 * <p>A JVM shutdown hook kills the broker if the test JVM exits without {@link #close()}; nothing
 * can when the test JVM itself is SIGKILLed.
 */
public final class KafkaBroker implements AutoCloseable {

  /**
   * The broker's own readiness line: {@code Kafka Server started} in KRaft mode, {@code
   * [KafkaServer id=N] started} in ZooKeeper mode.
   */
  public static final Pattern STARTED =
      Pattern.compile("Kafka Server started|\\[KafkaServer id=\\d+\\] started");

  /**
   * Separate from the start timeout so a short one for the broker does not starve the format step.
   */
  private static final Duration STORAGE_TOOL_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration HOOK_STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 50;
  private static final int TAIL_LINES = 60;

  private final String kafkaVersion;
  private final BrokerMode mode;
  private final Path javaHome;
  private final Path agentJar;
  private final String agentArgs;
  private final List<String> jvmArgs;
  private final Map<String, String> serverOverrides;
  private final Duration startTimeout;
  private final Path tlsKeystore;
  private final String tlsPassword;
  private final BrokerUser runAs;

  private Path logDir;
  private Path workDir;

  /** {@link #agentJar}, or its copy that {@link #runAs} can read. */
  private Path launchAgentJar;

  private boolean createdLogDir;
  private boolean createdWorkDir;
  private KafkaRuntime runtime;
  private int brokerPort;
  private int controllerPort;
  private int sslPort;
  private int zooKeeperPort;

  /** Volatile because the shutdown hook reads it, as {@link #process}. */
  private volatile ZooKeeperServer zooKeeper;

  private boolean formatted;
  private boolean closed;
  private long runStartOffset;
  private Duration startupTime;
  private List<String> commandLine = List.of();
  private BrokerOutput output;
  private Thread shutdownHook;

  /** Volatile because the shutdown hook reads it without the lock a hanging start() may hold. */
  private volatile Process process;

  private KafkaBroker(Builder b) {
    this.kafkaVersion = b.kafkaVersion;
    this.mode = b.mode != null ? b.mode : BrokerMode.defaultFor(b.kafkaVersion);
    this.javaHome = b.javaHome;
    this.agentJar = b.agentJar == null ? null : b.agentJar.toAbsolutePath();
    this.agentArgs = b.agentArgs;
    this.jvmArgs = List.copyOf(b.jvmArgs);
    this.serverOverrides = new LinkedHashMap<>(b.serverOverrides);
    this.startTimeout = b.startTimeout;
    this.tlsKeystore = b.tlsKeystore == null ? null : b.tlsKeystore.toAbsolutePath();
    this.tlsPassword = b.tlsPassword;
    this.runAs = b.runAs;
    if (runAs != null && mode == BrokerMode.ZOOKEEPER) {
      throw new IllegalArgumentException(
          "runAs needs KRaft: the ZooKeeper server would run as the test user");
    }
    this.launchAgentJar = agentJar;
    this.logDir = b.logDir == null ? null : b.logDir.toAbsolutePath();
    this.workDir = b.workDir == null ? null : b.workDir.toAbsolutePath();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Resolves the Kafka jars (first time only), formats the log directory (first start only),
   * launches the broker and waits for {@link #STARTED}.
   *
   * @throws KafkaBrokerException if the broker exits or is not ready within the start timeout; it
   *     has been stopped, and the message holds its exit code and the last output lines
   */
  public synchronized KafkaBroker start() throws IOException, InterruptedException {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (isRunning()) {
      throw new IllegalStateException("already running, pid " + process.pid());
    }
    if (agentJar != null && !Files.isRegularFile(agentJar)) {
      // otherwise the JVM dies with a bare "Error opening zip file or JAR manifest missing"
      throw new IllegalStateException(
          "agent jar "
              + agentJar
              + " does not exist; build agent-core first"
              + " (mvn -pl agent-core -am package) or use withoutAgent()");
    }
    if (runtime == null) {
      runtime = KafkaRuntime.resolve(kafkaVersion);
    }
    prepareDirectories();
    if (runAs != null
        && !runtime.cacheDir().startsWith(workDir)) { // once: a restart reuses the copy
      prepareForUser();
    }
    Path serverProperties = workDir.resolve("server.properties");
    Map<String, String> properties;
    if (mode == BrokerMode.ZOOKEEPER) {
      if (zooKeeper == null) {
        Path data = Files.createDirectories(workDir.resolve("zookeeper-data"));
        zooKeeper =
            new ZooKeeperServer(
                runtime, java(), zooKeeperPort, data, workDir.resolve("zookeeper.out"));
      }
      zooKeeper.start();
      properties = ServerProperties.zooKeeperDefaults(brokerPort, zooKeeper.connect(), logDir);
    } else {
      properties = ServerProperties.defaults(brokerPort, controllerPort, logDir);
    }
    if (tlsKeystore != null) {
      ServerProperties.addSslListener(properties, sslPort, tlsKeystore, tlsPassword);
    }
    ServerProperties.write(serverProperties, properties, serverOverrides);
    if (!formatted && mode == BrokerMode.KRAFT) {
      format(serverProperties);
    }
    formatted = true;
    launch(serverProperties);
    return this;
  }

  private void prepareDirectories() throws IOException {
    if (workDir == null) {
      workDir = Files.createTempDirectory("kla-broker-work-").toAbsolutePath();
      createdWorkDir = true;
    } else {
      Files.createDirectories(workDir);
    }
    if (logDir == null) {
      logDir = Files.createTempDirectory("kla-broker-logs-").toAbsolutePath();
      createdLogDir = true;
    }
    if (output == null) {
      output = new BrokerOutput(workDir.resolve("broker.out"));
      Files.deleteIfExists(output.file()); // left by an earlier test in a caller-supplied work dir
    }
    if (brokerPort == 0) {
      // all sockets open at once so the ports differ
      try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          ServerSocket c = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          ServerSocket d = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        brokerPort = a.getLocalPort();
        controllerPort = b.getLocalPort();
        sslPort = c.getLocalPort();
        zooKeeperPort = d.getLocalPort();
      }
    }
    if (shutdownHook == null) {
      shutdownHook = new Thread(this::onJvmExit, "kafka-broker-shutdown-" + kafkaVersion);
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
  }

  /**
   * Gives {@link #runAs} what a broker user has in production: its own work and log dirs, and jars
   * it can read. Copies rather than opening up the build user's Maven repository.
   */
  private void prepareForUser() throws IOException {
    runtime = runtime.copiedTo(workDir.resolve("runtime"));
    if (agentJar != null) {
      launchAgentJar =
          Files.copy(
              agentJar,
              workDir.resolve("runtime").resolve(agentJar.getFileName()),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      BrokerUser.readableByAll(launchAgentJar);
    }
    runAs.own(workDir);
    runAs.own(logDir);
  }

  private List<String> command(String... head) {
    List<String> cmd = new ArrayList<>(runAs == null ? List.of() : runAs.commandPrefix());
    cmd.addAll(Arrays.asList(head));
    return cmd;
  }

  /**
   * kafka-storage.sh format, but without the agent and extra JVM options: they are for the broker
   * only.
   */
  private void format(Path serverProperties) throws IOException, InterruptedException {
    Path toolOut = workDir.resolve("storage-tool.out");
    runStorageTool(toolOut, "random-uuid");
    String clusterId = lastLine(toolOut);
    if (!clusterId.matches("[A-Za-z0-9_-]{22}")) {
      throw new KafkaBrokerException(
          "StorageTool random-uuid printed no cluster id:\n"
              + BrokerOutput.tail(toolOut, TAIL_LINES));
    }
    // --ignore-formatted: a caller-supplied log dir may hold a broker from an earlier run, reuse it
    // as is
    runStorageTool(
        toolOut,
        "format",
        "-t",
        clusterId,
        "-c",
        serverProperties.toString(),
        "--ignore-formatted");
  }

  private void runStorageTool(Path out, String... args) throws IOException, InterruptedException {
    List<String> cmd =
        command(
            java(), runtime.loggingJvmArg(), "-cp", runtime.classPath(), "kafka.tools.StorageTool");
    cmd.addAll(Arrays.asList(args));
    Process p =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(STORAGE_TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new KafkaBrokerException(
          "StorageTool "
              + args[0]
              + " did not finish within "
              + STORAGE_TOOL_TIMEOUT
              + ":\n"
              + BrokerOutput.tail(out, TAIL_LINES));
    }
    if (p.exitValue() != 0) {
      throw new KafkaBrokerException(
          "StorageTool "
              + String.join(" ", args)
              + " exited with "
              + p.exitValue()
              + ":\n"
              + BrokerOutput.tail(out, TAIL_LINES));
    }
  }

  private static String lastLine(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i).strip();
      }
    }
    return "";
  }

  private void launch(Path serverProperties) throws IOException, InterruptedException {
    List<String> cmd = command(java(), "-Xms512m", "-Xmx512m", runtime.loggingJvmArg());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(runtime.classPath());
    String opts = kafkaOpts();
    if (!opts.isEmpty()) {
      // kafka-run-class.sh expands $KAFKA_OPTS unquoted, so the shell splits it on whitespace
      cmd.addAll(Arrays.asList(opts.split("\\s+")));
    }
    cmd.add("kafka.Kafka");
    cmd.add(serverProperties.toString());
    commandLine = List.copyOf(cmd);

    runStartOffset = output.size();
    long launchedAt = System.nanoTime();
    process =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.file().toFile()))
            .start();
    process.getOutputStream().close();
    startupTime = null;
    boolean ready = false;
    try {
      awaitOutput(STARTED, startTimeout);
      ready = true;
    } finally {
      if (!ready) {
        stop(); // a half-started broker would hold its ports and log dir until the JVM exits
      }
    }
    startupTime = Duration.ofNanos(System.nanoTime() - launchedAt);
  }

  /**
   * The first line matching {@code pattern} that the current broker process (the one since the last
   * start) has written, waiting up to {@code timeout} for it. Calling it twice with the same
   * pattern returns the same line.
   *
   * @throws KafkaBrokerException on timeout or if the broker exits first, with the tail of the
   *     output
   */
  public String awaitOutput(Pattern pattern, Duration timeout) throws InterruptedException {
    Process p = requireStarted();
    BrokerOutput.Scanner scanner = output.scanner(runStartOffset);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        boolean aliveBeforeScan =
            p.isAlive(); // sampled first: a dead process has flushed everything
        String line = scanner.nextMatch(pattern);
        if (line != null) {
          return line;
        }
        if (!aliveBeforeScan) {
          throw new KafkaBrokerException(
              "Kafka "
                  + kafkaVersion
                  + " broker (pid "
                  + p.pid()
                  + ") exited with "
                  + p.exitValue()
                  + " before printing /"
                  + pattern
                  + "/; last "
                  + TAIL_LINES
                  + " lines of "
                  + output.file()
                  + ":\n"
                  + output.tail(TAIL_LINES));
        }
        if (System.nanoTime() - deadline > 0) {
          throw new KafkaBrokerException(
              "Kafka "
                  + kafkaVersion
                  + " broker (pid "
                  + p.pid()
                  + ") did not print /"
                  + pattern
                  + "/ within "
                  + timeout
                  + "; last "
                  + TAIL_LINES
                  + " lines of "
                  + output.file()
                  + ":\n"
                  + output.tail(TAIL_LINES));
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * SIGTERM, as {@code kafka-server-stop.sh} does, so the broker runs its shutdown hooks (and the
   * agent its own); SIGKILL after 30 s. Idempotent.
   *
   * @return the exit code (143 after a clean SIGTERM shutdown), or -1 if never started
   */
  public synchronized int stop() {
    try {
      return stopBroker();
    } finally {
      if (zooKeeper != null) {
        zooKeeper.stop(); // after the broker, whose controlled shutdown still talks to it
      }
    }
  }

  private int stopBroker() {
    Process p = process;
    if (p == null) {
      return -1;
    }
    if (p.isAlive()) {
      p.toHandle().destroy();
      try {
        if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    return awaitExit(p);
  }

  /**
   * SIGKILL: no shutdown hooks run in the broker, as in a crash or an OOM kill. In ZooKeeper mode
   * the ZooKeeper server stays up, and a restart waits until it has expired the dead broker's
   * session (its registration).
   */
  public synchronized int kill9() {
    Process p = requireStarted();
    p.destroyForcibly();
    return awaitExit(p); // ZooKeeper stays up, as it would for a crashed broker; start() reuses it
  }

  private static int awaitExit(Process p) {
    return p.onExit()
        .join()
        .exitValue(); // not interruptible, but the process is already being killed
  }

  /**
   * Stops the broker and deletes the directories the harness created (not caller-supplied ones).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    stop();
    closed = true;
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already exiting; the hook itself cleans up
      }
    }
    deleteCreatedDirectories();
  }

  private void onJvmExit() {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.toHandle().destroy();
      try {
        if (!p.waitFor(HOOK_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    }
    ZooKeeperServer zk = zooKeeper;
    if (zk != null) {
      zk.stop();
    }
    deleteCreatedDirectories();
  }

  private void deleteCreatedDirectories() {
    if (createdLogDir) {
      deleteRecursively(logDir);
    }
    if (createdWorkDir) {
      deleteRecursively(workDir);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  // best effort: a leftover temp file is not worth failing a test for
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // best effort, as above
    }
  }

  /**
   * {@code -javaagent:<jar>[=<args>]} exactly as it would be put in KAFKA_OPTS, or "" without the
   * agent.
   */
  public String kafkaOpts() {
    if (agentJar == null) {
      return "";
    }
    return "-javaagent:"
        + launchAgentJar
        + (agentArgs == null || agentArgs.isEmpty() ? "" : "=" + agentArgs);
  }

  /** {@code 127.0.0.1:<port>} of the PLAINTEXT listener. */
  public String bootstrapServers() {
    requireStarted();
    return "127.0.0.1:" + brokerPort;
  }

  /** {@code 127.0.0.1:<port>} of the SSL listener; only with {@link Builder#tls(Path, String)}. */
  public String sslBootstrapServers() {
    requireStarted();
    if (tlsKeystore == null) {
      throw new IllegalStateException(
          "no SSL listener: build the broker with tls(keystore, password)");
    }
    return "127.0.0.1:" + sslPort;
  }

  public long pid() {
    return requireStarted().pid();
  }

  /**
   * The ZooKeeper server's pid (ZooKeeper mode), also after it exited; -1 in KRaft mode or before a
   * start.
   */
  long zooKeeperPid() {
    ZooKeeperServer zk = zooKeeper;
    return zk == null ? -1 : zk.pid();
  }

  public boolean isRunning() {
    Process p = process;
    return p != null && p.isAlive();
  }

  public Path logDir() {
    requireStarted();
    return logDir;
  }

  /**
   * The broker's working directory: server.properties, broker.out, and relative paths in JVM
   * options.
   */
  public Path workDir() {
    requireStarted();
    return workDir;
  }

  public Path outputFile() {
    requireStarted();
    return output.file();
  }

  /** Everything the broker printed so far, across restarts. */
  public String output() {
    requireStarted();
    try {
      return output.readAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String version() {
    return kafkaVersion;
  }

  public BrokerMode mode() {
    return mode;
  }

  /** JVM launch to {@link #STARTED} seen, for the latest successful start; null before that. */
  public Duration startupTime() {
    return startupTime;
  }

  /** The java command of the latest start, to reproduce a run by hand. */
  public List<String> commandLine() {
    return commandLine;
  }

  private Process requireStarted() {
    Process p = process;
    if (p == null) {
      throw new IllegalStateException("broker not started");
    }
    return p;
  }

  private String java() {
    Path bin = javaHome.resolve("bin");
    Path exe = bin.resolve("java.exe");
    return (Files.isRegularFile(exe) ? exe : bin.resolve("java")).toString();
  }

  @Override
  public String toString() {
    Process p = process;
    return "KafkaBroker["
        + kafkaVersion
        + " "
        + mode.label()
        + (p == null
            ? ", not started"
            : ", pid "
                + p.pid()
                + ", "
                + (p.isAlive() ? "running on 127.0.0.1:" + brokerPort : "exited"))
        + "]";
  }

  /**
   * Use {@code KafkaBroker.builder()…start()} (or {@code build()} to start later). Defaults come
   * from system properties so the same test can be run against another Kafka version, JDK or agent
   * build from the Maven command line: {@code kla.kafkaVersion} (else 4.4.0), {@code kla.javaHome}
   * (else this JVM's), {@code kla.agentJar} (else no agent).
   */
  public static final class Builder {
    private String kafkaVersion = property("kla.kafkaVersion", "4.4.0");
    private BrokerMode mode;
    private Path javaHome = Path.of(property("kla.javaHome", System.getProperty("java.home")));
    private Path agentJar = optionalPath(System.getProperty("kla.agentJar"));
    private String agentArgs;
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> serverOverrides = new LinkedHashMap<>();
    private Path logDir;
    private Path workDir;
    private Duration startTimeout = Duration.ofSeconds(90);
    private Path tlsKeystore;
    private String tlsPassword;
    private BrokerUser runAs;

    private Builder() {}

    public Builder kafkaVersion(String version) {
      this.kafkaVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /** KRaft or ZooKeeper mode; by default {@link BrokerMode#defaultFor} the version. */
    public Builder mode(BrokerMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    public Builder javaHome(Path javaHome) {
      this.javaHome = Objects.requireNonNull(javaHome, "javaHome");
      return this;
    }

    public Builder agentJar(Path agentJar) {
      this.agentJar = Objects.requireNonNull(agentJar, "agentJar");
      return this;
    }

    /**
     * The part after {@code =} in {@code -javaagent:<jar>=<args>}. Must not contain whitespace: the
     * shell splits KAFKA_OPTS on it, and so does this harness, so such arguments break here as they
     * would in production.
     */
    public Builder agentArgs(String agentArgs) {
      this.agentArgs = agentArgs;
      return this;
    }

    /**
     * Runs the broker bare, even if {@code kla.agentJar} is set: the baseline for overhead
     * comparisons.
     */
    public Builder withoutAgent() {
      this.agentJar = null;
      this.agentArgs = null;
      return this;
    }

    /**
     * Added after the heap and logging options, so e.g. {@code -Xmx1g} here overrides the 512m
     * default.
     */
    public Builder jvmArg(String arg) {
      jvmArgs.add(Objects.requireNonNull(arg, "arg"));
      return this;
    }

    /** Replaces a default line of server.properties or adds one. */
    public Builder serverProperty(String key, String value) {
      serverOverrides.put(
          Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds an {@code SSL://127.0.0.1:<port>} listener next to PLAINTEXT (which stays the
     * inter-broker one), serving the key in {@code keystore} (PKCS12, store and key protected by
     * {@code password}); clients connect to {@link KafkaBroker#sslBootstrapServers()}. No client
     * authentication.
     */
    public Builder tls(Path keystore, String password) {
      this.tlsKeystore = Objects.requireNonNull(keystore, "keystore");
      this.tlsPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Runs the broker (and its format step) as {@code uid:gid} through {@code setpriv}, from
     * world-readable copies of its jars and the agent jar in the work dir; the work and log dirs
     * are given to that user. The test JVM must be root; KRaft only.
     */
    public Builder runAs(int uid, int gid) {
      this.runAs = new BrokerUser(uid, gid);
      return this;
    }

    /** Kept on close; by default a temp dir that close() deletes. */
    public Builder logDir(Path logDir) {
      this.logDir = logDir;
      return this;
    }

    /** Kept on close; by default a temp dir that close() deletes. */
    public Builder workDir(Path workDir) {
      this.workDir = workDir;
      return this;
    }

    /** How long start() waits for {@link KafkaBroker#STARTED}; 90 s by default. */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public KafkaBroker build() {
      return new KafkaBroker(this);
    }

    /**
     * build().start(), closing the broker if it fails, since the caller never gets hold of it then.
     */
    public KafkaBroker start() throws IOException, InterruptedException {
      KafkaBroker broker = build();
      boolean started = false;
      try {
        broker.start();
        started = true;
        return broker;
      } finally {
        if (!started) {
          broker.close();
        }
      }
    }

    private static String property(String name, String fallback) {
      String value = System.getProperty(name);
      return value == null || value.isBlank() ? fallback : value;
    }

    private static Path optionalPath(String value) {
      return value == null || value.isBlank() ? null : Path.of(value);
    }
  }
}

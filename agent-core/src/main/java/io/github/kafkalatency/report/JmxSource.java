package io.github.kafkalatency.report;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import io.github.kafkalatency.jfr.EventSchema;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnectionNotification;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import jdk.management.jfr.RemoteRecordingStream;

/**
 * Streams a broker's events over JMX with {@link RemoteRecordingStream}: a local pid (attached with
 * the Attach API, whose local management agent is started as jconsole does), or a JMX service URL
 * or {@code host:port}. The recording it starts in the broker has only the agent's event types, at
 * threshold 0 (the agent applies its own thresholds before it commits), no stack traces, and a
 * one-minute maximum age; closing the source stops it.
 *
 * <p>Usage: {@code JmxSource.attach(pid, options)} or {@code JmxSource.connect(target, options)}. A
 * lost connection or an exited pid closes the stream and sets {@link #gone()}.
 */
final class JmxSource extends StreamSource {
  static final String AGENT_NAMESPACE = EventSchema.NAMESPACE;
  private static final long CONNECT_SECONDS = 20;
  private static final String FLIGHT_RECORDER = "jdk.management.jfr:type=FlightRecorder";
  private static final Duration REMOTE_MAX_AGE = Duration.ofMinutes(1);

  private final JMXConnector connector;
  private final RemoteRecordingStream stream;
  private volatile boolean closing;

  private JmxSource(
      JMXConnector connector, RemoteRecordingStream stream, BrokerInfo info, Long pid) {
    super(stream, info);
    this.connector = connector;
    this.stream = stream;
    connector.addConnectionNotificationListener(
        (n, handback) -> {
          if (!closing
              && (n.getType().equals(JMXConnectionNotification.FAILED)
                  || n.getType().equals(JMXConnectionNotification.CLOSED))) {
            goneAway("lost the JMX connection to " + info.name());
          }
        },
        null,
        null);
    whenExited(pid, () -> goneAway("the broker (pid " + pid + ") exited"));
  }

  private void goneAway(String why) {
    if (gone == null && !closing) {
      gone = why;
      watchdog.execute(stream::close);
    }
  }

  static JmxSource attach(long pid, WatchOptions o) throws WatchException {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      throw new WatchException(WatchUsage.NO_TARGET, "no such process: " + pid);
    }
    String url;
    try {
      // Listed JVMs only: attaching signals the process, which a non-JVM may not survive.
      List<VirtualMachineDescriptor> jvms = VirtualMachine.list();
      if (jvms.stream().noneMatch(d -> d.id().equals(String.valueOf(pid)))) {
        throw new WatchException(
            WatchUsage.NO_TARGET,
            "pid "
                + pid
                + " is not a JVM that this user"
                + " can attach to ("
                + process.get().info().command().orElse("unknown command")
                + "): run as the broker's user, or give its JMX host:port");
      }
      VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
      try {
        url = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
    } catch (WatchException e) {
      throw e;
    } catch (NoClassDefFoundError e) {
      throw new WatchException(
          WatchUsage.NO_TARGET,
          "this Java has no Attach API (module"
              + " jdk.attach): run watch with a full JDK, or give the broker's JMX host:port");
    } catch (Exception e) {
      throw new WatchException(WatchUsage.NO_TARGET, "cannot attach to pid " + pid + ": " + e);
    }
    JMXConnector c = connect(url, "pid " + pid, Map.of());
    return open(c, "pid " + pid, "pid " + pid + " (local JMX)", pid);
  }

  static JmxSource connect(String target, WatchOptions o) throws WatchException {
    String url =
        target.startsWith("service:jmx:")
            ? target
            : "service:jmx:rmi:///jndi/rmi://" + target + "/jmxrmi";
    Map<String, Object> env = new HashMap<>();
    if (o.user() != null) {
      try {
        String password = Files.readAllLines(o.passwordFile()).stream().findFirst().orElse("");
        env.put(JMXConnector.CREDENTIALS, new String[] {o.user(), password});
      } catch (IOException e) {
        throw new WatchException(
            WatchUsage.USAGE,
            "--password-file " + o.passwordFile() + ": cannot be read: " + e.getMessage());
      }
    }
    if (o.ssl()) {
      env.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
    }
    JMXConnector c = connect(url, target, env);
    return open(c, target, target + " (JMX)", null);
  }

  private static JMXConnector connect(String url, String name, Map<String, ?> env)
      throws WatchException {
    JMXServiceURL service;
    try {
      service = new JMXServiceURL(url);
    } catch (IOException e) {
      throw new WatchException(
          WatchUsage.USAGE, url + ": not a JMX service URL: " + e.getMessage());
    }
    CompletableFuture<JMXConnector> f =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return JMXConnectorFactory.connect(service, env);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    try {
      return f.get(CONNECT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new WatchException(
          WatchUsage.NO_TARGET, "JMX at " + name + ": no answer in " + CONNECT_SECONDS + " s");
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof java.io.UncheckedIOException
              ? e.getCause().getCause()
              : e.getCause();
      String why =
          cause instanceof SecurityException
              ? "refused the credentials (" + cause.getMessage() + ")"
              : "refused or unreachable (" + rootMessage(cause) + ")";
      throw new WatchException(WatchUsage.NO_TARGET, "JMX at " + name + ": " + why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WatchException(WatchUsage.FAILED, "interrupted while connecting to " + name);
    }
  }

  private static JmxSource open(JMXConnector c, String name, String via, Long pid)
      throws WatchException {
    boolean ok = false;
    try {
      MBeanServerConnection conn = c.getMBeanServerConnection();
      Set<String> agentTypes = new TreeSet<>();
      try {
        // The attribute, not the MXBean proxy: the proxy's EventTypeInfo mapping fails on JDK 17.
        Object types = conn.getAttribute(new ObjectName(FLIGHT_RECORDER), "EventTypes");
        for (CompositeData t : (CompositeData[]) types) {
          String n = String.valueOf(t.get("name"));
          if (n.startsWith(AGENT_NAMESPACE)) {
            agentTypes.add(n);
          }
        }
      } catch (InstanceNotFoundException e) {
        throw new WatchException(
            WatchUsage.NO_AGENT, name + ": no JFR in that JVM (no " + FLIGHT_RECORDER + " MBean)");
      } catch (JMException | RuntimeException e) {
        throw new WatchException(
            WatchUsage.NO_AGENT,
            name + ": cannot list its JFR event types (" + rootMessage(e) + ")");
      }
      if (agentTypes.isEmpty()) {
        throw new WatchException(
            WatchUsage.NO_AGENT,
            name
                + ": no kafkalatency event types: the agent is not attached to that JVM"
                + " (KAFKA_OPTS=-javaagent:kafka-latency-agent.jar)");
      }
      BrokerInfo info = info(conn, name, via);
      RemoteRecordingStream stream = new RemoteRecordingStream(conn);
      for (String type : agentTypes) {
        stream.enable(type).withThreshold(Duration.ZERO).withoutStackTrace();
      }
      stream.setMaxAge(REMOTE_MAX_AGE);
      JmxSource s = new JmxSource(c, stream, info, pid);
      ok = true;
      return s;
    } catch (IOException e) {
      throw new WatchException(WatchUsage.NO_TARGET, name + ": JMX failed: " + rootMessage(e));
    } finally {
      if (!ok) {
        try {
          c.close();
        } catch (IOException | RuntimeException ignored) {
          // already failing; the first problem is the one to report
        }
      }
    }
  }

  private static BrokerInfo info(MBeanServerConnection conn, String name, String via) {
    String version = null;
    Instant started = null;
    String broker = name;
    try {
      RuntimeMXBean rt =
          ManagementFactory.newPlatformMXBeanProxy(
              conn, ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
      started = Instant.ofEpochMilli(rt.getStartTime());
      version = BrokerInfo.kafkaVersionOf(rt.getClassPath());
      broker = rt.getName();
      for (ObjectName appInfo :
          conn.queryNames(new ObjectName("kafka.server:type=app-info,*"), null)) {
        Object v = conn.getAttribute(appInfo, "Version");
        version = v instanceof String ? (String) v : version;
        String id = appInfo.getKeyProperty("id");
        broker = id == null ? broker : "broker " + id + " (" + broker + ")";
      }
    } catch (Exception e) {
      // the header shows what was found; the events are what matters
    }
    return new BrokerInfo(broker, version, started, via);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  @Override
  public void close() {
    closing = true;
    watchdog.shutdownNow();
    try {
      stream.close(); // stops the recording in the broker
    } catch (RuntimeException e) {
      // the broker may be gone already
    }
    try {
      connector.close();
    } catch (IOException | RuntimeException e) {
      // same
    }
  }
}

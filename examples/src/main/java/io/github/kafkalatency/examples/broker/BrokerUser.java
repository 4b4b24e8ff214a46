package io.github.kafkalatency.examples.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The user a broker runs as when it is not the test's own: production brokers run as a plain user,
 * and what the agent can read from {@code /proc} then differs. The test JVM (root) starts the
 * broker through {@code setpriv}, so the broker never holds root's groups or capabilities.
 */
final class BrokerUser {
  final int uid;
  final int gid;

  BrokerUser(int uid, int gid) {
    this.uid = uid;
    this.gid = gid;
  }

  List<String> commandPrefix() {
    return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups");
  }

  /** Makes {@code path} the user's own, as an operator does for a broker's work and log dirs. */
  void own(Path path) throws IOException {
    Files.setAttribute(path, "unix:uid", uid);
    Files.setAttribute(path, "unix:gid", gid);
  }

  /** Read-only for others: the broker user may run the copied jars but not change them. */
  static void readableByAll(Path path) throws IOException {
    Files.setPosixFilePermissions(
        path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
  }

  @Override
  public String toString() {
    return uid + ":" + gid;
  }
}

package io.github.kafkalatency.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The output options: recording=, hlog= (existing writable directories), their limits, jmx=. */
class OutputOptionsTest {
  @TempDir Path dir;

  @Test
  void defaults() throws Exception {
    AgentOptions o = AgentOptions.parse(null);
    assertNull(o.recordingDir());
    assertNull(o.hlogDir());
    assertTrue(o.jmx());
    assertEquals(Duration.ofMinutes(60), o.recordingMaxAge());
    assertEquals(250L << 20, o.recordingMaxSizeBytes());
    assertEquals(64L << 20, o.hlogMaxFileBytes());
    assertEquals(4, o.hlogMaxFiles());
  }

  @Test
  void parsesDirectoriesAndLimits() throws Exception {
    AgentOptions o =
        AgentOptions.parse(
            "recording="
                + dir
                + ",recordingMaxAgeMinutes=10,recordingMaxSizeMb=20"
                + ",hlog="
                + dir
                + ",hlogMaxFileMb=1,hlogMaxFiles=100,jmx=false");
    assertEquals(dir, o.recordingDir());
    assertEquals(dir, o.hlogDir());
    assertEquals(Duration.ofMinutes(10), o.recordingMaxAge());
    assertEquals(20L << 20, o.recordingMaxSizeBytes());
    assertEquals(1L << 20, o.hlogMaxFileBytes());
    assertEquals(100, o.hlogMaxFiles());
    assertFalse(o.jmx());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "recording=relative/dir",
        "recording=",
        "recording=/no/such/dir/kla",
        "hlog=.",
        "hlog=/no/such/dir/kla",
        "recordingMaxAgeMinutes=0",
        "recordingMaxAgeMinutes=10081",
        "recordingMaxSizeMb=0",
        "recordingMaxSizeMb=10241",
        "hlogMaxFileMb=0",
        "hlogMaxFileMb=1025",
        "hlogMaxFiles=0",
        "hlogMaxFiles=101",
        "jmx=yes",
      })
  void rejectsBadValuesWithOneLine(String args) {
    BadOptionException e = assertThrows(BadOptionException.class, () -> AgentOptions.parse(args));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(
        e.getMessage().startsWith("argument '" + args.substring(0, args.indexOf('=')) + "="),
        e.getMessage());
  }

  @Test
  void namesTheProblem() throws Exception {
    assertEquals(
        "argument 'recording=logs': not an absolute path",
        assertThrows(BadOptionException.class, () -> AgentOptions.parse("recording=logs"))
            .getMessage());
    assertEquals(
        "argument 'hlog=/no/such/dir/kla': no such directory",
        assertThrows(BadOptionException.class, () -> AgentOptions.parse("hlog=/no/such/dir/kla"))
            .getMessage());
    Path file = Files.createFile(dir.resolve("a-file"));
    assertEquals(
        "argument 'hlog=" + file + "': no such directory",
        assertThrows(BadOptionException.class, () -> AgentOptions.parse("hlog=" + file))
            .getMessage());
  }

  @Test
  void rejectsAnUnwritableDirectory() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assertEquals(
          "argument 'recording=" + ro + "': directory not writable",
          assertThrows(BadOptionException.class, () -> AgentOptions.parse("recording=" + ro))
              .getMessage());
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}

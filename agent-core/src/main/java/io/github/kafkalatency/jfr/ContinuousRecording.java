package io.github.kafkalatency.jfr;

import io.github.kafkalatency.emit.OutputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * The agent's own continuous JFR recording (option {@code recording=<dir>}): the JDK's "default"
 * settings plus the shipped {@value #SETTINGS} (the agent's events), kept on disk within a maximum
 * age and size, and dumped at JVM exit to {@code <dir>/kafka-latency-<time>-<pid>.jfr}, so that
 * adding only {@code -javaagent} leaves a recording to open in JDK Mission Control.
 *
 * <p>Usage: {@code ContinuousRecording.start(dir, maxAge, maxSize)} on the aggregator thread, after
 * {@link Events#register()}: never in premain, where JFR's start-up would delay the broker's. It is
 * named {@value #NAME}, so {@code jcmd <pid> JFR.dump name=kafka-latency-agent} takes a snapshot at
 * any time. JFR merges it with any other recording (each event gets the union of the settings), so
 * it neither disables nor thins out an operator's own recording.
 */
public final class ContinuousRecording {
  public static final String NAME = "kafka-latency-agent";

  /** The settings file at the root of the agent's class path (inst/ in the jar). */
  public static final String SETTINGS = "kafka-latency.jfc";

  private ContinuousRecording() {}

  /** Starts the recording; returns the file it will be dumped to (created empty now, 0640). */
  public static Path start(Path dir, Duration maxAge, long maxSizeBytes)
      throws IOException, ParseException {
    Map<String, String> settings =
        new LinkedHashMap<>(Configuration.getConfiguration("default").getSettings());
    settings.putAll(shippedSettings().getSettings());
    String name =
        "kafka-latency-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
            + "-"
            + ProcessHandle.current().pid()
            + ".jfr";
    Path file = OutputFiles.createNew(dir, name);
    Recording recording = new Recording(settings);
    try {
      recording.setName(NAME);
      recording.setToDisk(true);
      recording.setMaxAge(maxAge);
      recording.setMaxSize(maxSizeBytes);
      recording.setDumpOnExit(true);
      recording.setDestination(file);
      recording.start();
    } catch (IOException | RuntimeException e) {
      recording.close();
      throw e;
    }
    return file;
  }

  /** The shipped settings: the agent's events, thresholds 0 ms (the agent applies its own). */
  public static Configuration shippedSettings() throws IOException, ParseException {
    try (InputStream in = ContinuousRecording.class.getResourceAsStream("/" + SETTINGS)) {
      if (in == null) {
        throw new IOException(SETTINGS + " is missing from the agent jar");
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return Configuration.create(reader);
      }
    }
  }
}

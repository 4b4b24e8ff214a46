package io.github.kafkalatency.examples.broker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Use {@code new BrokerOutput(file).scanner(offset)} and call {@link Scanner#nextMatch(Pattern)}
 * repeatedly to find a line the broker has written since {@code offset}; {@link #tail(Path, int)}
 * gives the lines to put in an error.
 *
 * <p>The broker writes to a file rather than a pipe so nothing in the test JVM has to drain it (a
 * full pipe would stall the broker) and so the output survives the test for inspection. Polling
 * therefore reads the file; a scanner only looks at complete lines, because the broker may be
 * half-way through writing the last one, and remembers where it stopped so a long wait does not
 * re-read the whole file on every poll.
 */
final class BrokerOutput {

  /** Enough for the last few dozen log lines, even long stack-trace lines. */
  private static final int TAIL_BYTES = 256 * 1024;

  private final Path file;

  BrokerOutput(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Current size, 0 if the file does not exist yet. */
  long size() throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  String readAll() throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    }
  }

  Scanner scanner(long fromOffset) {
    return new Scanner(fromOffset);
  }

  String tail(int lines) {
    return tail(file, lines);
  }

  /** The last {@code lines} lines of {@code file}, or a note saying why they could not be read. */
  static String tail(Path file, int lines) {
    try (SeekableByteChannel ch = Files.newByteChannel(file)) {
      long start = Math.max(0, ch.size() - TAIL_BYTES);
      ByteBuffer buf = ByteBuffer.allocate((int) (ch.size() - start));
      ch.position(start);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read until full or end of file
      }
      String[] all =
          new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).split("\n", -1);
      List<String> list = Arrays.asList(all);
      if (!list.isEmpty() && list.get(list.size() - 1).isEmpty()) {
        list = list.subList(0, list.size() - 1);
      }
      return String.join("\n", list.subList(Math.max(0, list.size() - lines), list.size()));
    } catch (IOException e) {
      return "(could not read " + file + ": " + e + ")";
    }
  }

  /** Finds matching lines incrementally; one per waiter, not thread-safe. */
  final class Scanner {
    private long position;

    private Scanner(long position) {
      this.position = position;
    }

    /** The first complete, not yet scanned line containing a match of {@code pattern}, or null. */
    String nextMatch(Pattern pattern) throws IOException {
      long size = size();
      if (size <= position) {
        return null;
      }
      byte[] bytes;
      try (SeekableByteChannel ch = Files.newByteChannel(file)) {
        ch.position(position);
        ByteBuffer buf =
            ByteBuffer.allocate((int) Math.min(size - position, Integer.MAX_VALUE - 8));
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
          // read what was there when size() was taken
        }
        bytes = Arrays.copyOf(buf.array(), buf.position());
      }
      int lineStart = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] != '\n') {
          continue;
        }
        // '\n' never occurs inside a multi-byte UTF-8 sequence, so splitting bytes here is safe
        String line = new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8);
        lineStart = i + 1;
        if (pattern.matcher(line).find()) {
          position += lineStart;
          return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }
      }
      position += lineStart;
      return null;
    }
  }
}

package io.github.kafkalatency.report;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Walks a recording's chunk headers to tell a file cut short from one damaged inside.
 *
 * <p>Usage: {@code ChunkChain.cutShort(path)}: a sentence saying where the file ends inside a chunk
 * (or that its last chunk was never finished), or null if every chunk is whole. The JDK's parser
 * reports a cut file with whatever exception it happens to hit first (an EOF, a string longer than
 * the data left...), so the headers, not the exception, decide. A chunk header starts with the
 * magic {@code FLR\0}, a two-short version, then the chunk's size in bytes (big-endian long); a
 * chunk still being written when the JVM died may say 0.
 */
final class ChunkChain {
  private static final int MAGIC = 0x464c5200;
  private static final int HEADER = 16;

  private ChunkChain() {}

  static String cutShort(Path file) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long length = f.length();
      long at = 0;
      int chunk = 1;
      while (at < length) {
        if (at + HEADER > length) {
          return "cut at byte " + length + ", inside the header of chunk " + chunk;
        }
        f.seek(at);
        if (f.readInt() != MAGIC) {
          return null; // not a chunk boundary: damage, not a cut
        }
        f.readInt();
        long size = f.readLong();
        if (size <= 0) {
          return "chunk " + chunk + " (from byte " + at + ") was never finished";
        }
        if (at + size > length) {
          return "cut at byte "
              + length
              + ", inside chunk "
              + chunk
              + " (bytes "
              + at
              + " to "
              + (at + size)
              + ")";
        }
        at += size;
        chunk++;
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}

package io.github.kafkalatency.examples.bench.broker;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The large {@code byte[]}s of a live heap, by length, from an HPROF dump ({@code jcmd <pid>
 * GC.heap_dump}, which runs a full GC first). A class histogram cannot tell them apart, and one
 * Kafka broker differs from the next by whole 8 MiB arrays: KRaft's {@code BatchMemoryPool} (8 MiB
 * batches, up to 5 kept) keeps as many as were ever in use at once, one or two depending on timing.
 * Knowing how many each side kept lets the heap figure leave them out.
 *
 * <p>Reads only what it needs from the HPROF format (J2SE 1.0.2): it walks every heap-dump
 * sub-record to stay in step and keeps the lengths of primitive byte arrays of at least {@code
 * minLength}.
 */
final class HeapDumpScan {
  private static final int TAG_HEAP_DUMP = 0x0C;
  private static final int TAG_HEAP_DUMP_SEGMENT = 0x1C;
  private static final int BYTE_TYPE = 8;

  private final DataInputStream in;
  private int idSize;

  private HeapDumpScan(InputStream in) {
    this.in = new DataInputStream(new BufferedInputStream(in, 1 << 20));
  }

  /** Dumps the live heap of {@code pid} to {@code file}, scans it and deletes it. */
  static Map<Integer, Integer> largeByteArrays(long pid, Path file, int minLength)
      throws IOException, InterruptedException {
    Files.deleteIfExists(file);
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.heap_dump", file.toString())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(file)) {
      throw new IOException("jcmd " + pid + " GC.heap_dump failed:\n" + out);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return new HeapDumpScan(in).scan(minLength);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private Map<Integer, Integer> scan(int minLength) throws IOException {
    StringBuilder header = new StringBuilder();
    for (int c = in.read(); c > 0; c = in.read()) {
      header.append((char) c);
    }
    if (!header.toString().startsWith("JAVA PROFILE")) {
      throw new IOException("not an HPROF file: " + header);
    }
    idSize = in.readInt();
    in.readLong(); // timestamp
    Map<Integer, Integer> found = new TreeMap<>();
    while (true) {
      int tag = in.read();
      if (tag < 0) {
        return found;
      }
      in.readInt(); // time
      long length = Integer.toUnsignedLong(in.readInt());
      if (tag == TAG_HEAP_DUMP || tag == TAG_HEAP_DUMP_SEGMENT) {
        heapDump(length, minLength, found);
      } else {
        skip(length);
      }
    }
  }

  private void heapDump(long length, int minLength, Map<Integer, Integer> found)
      throws IOException {
    long read = 0;
    while (read < length) {
      int sub = in.readUnsignedByte();
      read += 1;
      switch (sub) {
        case 0xFF, 0x05, 0x07 -> read += skip(idSize); // root unknown, sticky class, monitor used
        case 0x01 -> read += skip(2L * idSize); // JNI global
        case 0x02, 0x03, 0x08 -> read += skip(idSize + 8L); // JNI local, Java frame, thread object
        case 0x04, 0x06 -> read += skip(idSize + 4L); // native stack, thread block
        case 0x20 -> read += classDump();
        case 0x21 -> { // instance: id, serial, class id, length, fields
          read += skip(idSize + 4L + idSize);
          int n = in.readInt();
          read += 4 + skip(n);
        }
        case 0x22 -> { // object array: id, serial, count, class id, elements
          read += skip(idSize + 4L);
          int n = in.readInt();
          read += 4 + skip(idSize + (long) n * idSize);
        }
        case 0x23 -> { // primitive array: id, serial, count, type, elements
          read += skip(idSize + 4L);
          int n = in.readInt();
          int type = in.readUnsignedByte();
          read += 5 + skip((long) n * size(type));
          if (type == BYTE_TYPE && n >= minLength) {
            found.merge(n, 1, Integer::sum);
          }
        }
        default ->
            throw new IOException("unknown heap dump sub-record 0x" + Integer.toHexString(sub));
      }
    }
  }

  private long classDump() throws IOException {
    long read =
        skip(
            idSize
                + 4L
                + 6L * idSize
                + 4L); // id, serial, super, loader, signers, domain, 2 reserved, size
    int constants = in.readUnsignedShort();
    read += 2;
    for (int i = 0; i < constants; i++) {
      in.readUnsignedShort();
      int type = in.readUnsignedByte();
      read += 3 + skip(size(type));
    }
    int statics = in.readUnsignedShort();
    read += 2;
    for (int i = 0; i < statics; i++) {
      read += skip(idSize);
      int type = in.readUnsignedByte();
      read += 1 + skip(size(type));
    }
    int fields = in.readUnsignedShort();
    read += 2 + skip(fields * (idSize + 1L));
    return read;
  }

  private int size(int type) throws IOException {
    return switch (type) {
      case 2 -> idSize; // object
      case 4, 8 -> 1; // boolean, byte
      case 5, 9 -> 2; // char, short
      case 6, 10 -> 4; // float, int
      case 7, 11 -> 8; // double, long
      default -> throw new IOException("unknown HPROF basic type " + type);
    };
  }

  private long skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new EOFException();
        }
        s = 1;
      }
      left -= s;
    }
    return n;
  }
}

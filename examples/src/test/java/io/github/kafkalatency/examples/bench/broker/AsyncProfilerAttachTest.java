package io.github.kafkalatency.examples.bench.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncProfilerAttachTest {
  @TempDir Path dir;

  @Test
  void aCopyStubRightBelowAnInlinedProbeIsCountedApartAndNowhereElse() throws Exception {
    String write = "kafka/Log.append;sun/nio/ch/FileChannelImpl.write;";
    String probe = "io/github/kafkalatency/probe/Probe.fileOpStart;";
    Path collapsed = dir.resolve("p.collapsed");
    Files.write(
        collapsed,
        List.of(
            write
                + probe
                + "io/github/kafkalatency/record/ThreadProbes.current;"
                + "jbyte_disjoint_arraycopy_avx3;asm_common_interrupt_[k] 7",
            write + probe + "io/github/kafkalatency/record/ThreadProbes.current 5",
            write + "sun/nio/ch/IOUtil.write;jbyte_disjoint_arraycopy_avx3 11",
            "java/lang/Thread.run;io/github/kafkalatency/record/SparseHistogram.insert;"
                + "jlong_conjoint_arraycopy_avx3 3",
            write + probe + "java/lang/ThreadLocal.get;jbyte_disjoint_arraycopy_avx3 2",
            "kafka/Other.run 72"));

    AsyncProfilerAttach.Share share = AsyncProfilerAttach.summarise(collapsed, 4);

    assertEquals(100, share.samples());
    assertEquals(17, share.agentSamples());
    assertEquals(7, share.copyStubBelowProbe(), "only the stub right below a probe's frames");
    assertEquals(10.0, share.percentWithoutCopyStubs(), 1e-9);
  }
}

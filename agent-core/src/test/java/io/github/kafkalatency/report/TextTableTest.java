package io.github.kafkalatency.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void alignsColumnsAndRightAlignsMarkedOnes() {
    TextTable t = new TextTable("thread", ">time", "note");
    t.row("handler-1", "365ms", "under log lock");
    t.row("raft-io", "1.9s");
    assertEquals(
        List.of("thread      time  note", "handler-1  365ms  under log lock", "raft-io     1.9s"),
        t.lines());
  }

  @Test
  void sizesForPeople() {
    assertEquals("850B", Sizes.format(850));
    assertEquals("1.1KB", Sizes.format(1126));
    assertEquals("12MB", Sizes.format(12L << 20));
  }
}

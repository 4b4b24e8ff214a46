package io.github.kafkalatency.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tested range behind the start line's one warning: 2.4 to 4.4. */
class KafkaVersionTest {

  @Test
  void everyLineFrom24To44IsTested() {
    for (String v :
        new String[] {
          "2.4.1",
          "2.5.1",
          "2.6.3",
          "2.7.2",
          "2.8.2",
          "3.0.2",
          "3.1.2",
          "3.2.3",
          "3.3.2",
          "3.4.1",
          "3.5.2",
          "3.6.2",
          "3.7.2",
          "3.8.1",
          "3.9.2",
          "4.0.0",
          "4.1.2",
          "4.4.0",
          "4.4.1-SNAPSHOT"
        }) {
      assertTrue(KafkaVersion.isSupported(v), v);
    }
  }

  @Test
  void linesOutsideItAreWarnedAbout() {
    for (String v : new String[] {"2.3.1", "2.0.0", "1.1.1", "4.5.0", "5.0.0", "x.y", "", null}) {
      assertFalse(KafkaVersion.isSupported(v), String.valueOf(v));
    }
  }
}

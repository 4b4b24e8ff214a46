package io.github.kafkalatency.examples.it;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.kafkalatency.examples.fault.FaultSupport;
import java.util.Optional;

/**
 * What a scenario test needs from the machine (a real kernel fault, a tool): in CI its absence
 * fails the test, since {@code .ci/run} must provide it; elsewhere the test is skipped with why.
 */
final class FaultGate {
  private FaultGate() {}

  /** {@code whyNot}: empty when the machine can do it, else the reason it cannot. */
  static void need(Optional<String> whyNot) {
    if (whyNot.isPresent() && FaultSupport.requiredHere()) {
      fail("cannot run in CI: " + whyNot.get());
    }
    assumeTrue(whyNot.isEmpty(), () -> "skipped: " + whyNot.get());
  }

  /** A program on the PATH, such as Debian's prometheus or promtool. */
  static void needTool(String program) {
    need(
        FleetTest.onPath(program)
            ? Optional.empty()
            : Optional.of(program + " is not installed (apt-get install prometheus)"));
  }
}

package io.github.kafkalatency.record;

/**
 * A remedy for an incident and the measured facts that triggered it: {@code rule} names the rule
 * (see the README's remedy hints), {@code remedy} what to do, {@code evidence} why. Immutable.
 */
public record Hint(String rule, String remedy, String evidence) {
  /** {@code remedy (evidence: ...)}, as in summary lines, JFR events and the report. */
  public String text() {
    return remedy + " (evidence: " + evidence + ")";
  }
}

/**
 * Real kernel faults for tests and the demo (see {@code docs/fault-scenarios.md}): loop-mounted
 * ext4 and XFS file systems, {@code fsfreeze}, and a cgroup blkio read throttle for cold {@code
 * sendfile}.
 *
 * <p>Root only; each tool undoes what it did when closed. Used from one test thread at a time.
 */
package io.github.kafkalatency.examples.fault;

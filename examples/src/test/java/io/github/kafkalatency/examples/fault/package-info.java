/**
 * Tests of the kernel fault tools (loop-mounted file systems, {@code fsfreeze}, the blkio
 * throttle): that each fault is real and is always undone, also when a test fails. Root only; each
 * test owns its mounts.
 */
package io.github.kafkalatency.examples.fault;

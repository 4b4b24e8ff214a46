/**
 * The agent's arguments ({@code -javaagent:…jar=key=value,…}): the option table and its strict
 * parser, which turns any bad input into one printable line.
 *
 * <p>Threads: parsed once on the premain thread; the parsed {@link
 * io.github.kafkalatency.config.AgentOptions} are immutable and shared freely.
 */
package io.github.kafkalatency.config;

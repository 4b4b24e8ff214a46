/**
 * The class the JVM loads first: premain/agentmain and the {@code java -jar} entry, and the class
 * loader that keeps the agent core (under {@code inst/} in the jar) invisible to the broker's class
 * loaders.
 *
 * <p>Threads: the JVM's premain thread, once; nothing here runs after start-up. Nothing here may
 * fail the broker's start: every failure becomes one line on stderr.
 */
package io.github.kafkalatency.bootstrap;

/**
 * Stand-ins for Kafka's log classes, named so that the agent's hooks match them: the JMH probe-cost
 * benchmarks append through them in one JVM, with and without {@code -javaagent}. On the benchmark
 * JVM's class path only, never a broker's; single-threaded or per-benchmark-thread use only.
 */
package kafka.log;

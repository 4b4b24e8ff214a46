/** Producer loads for tests and the demo, pinned so that a fault hits known partitions. */
package io.github.kafkalatency.examples.load;

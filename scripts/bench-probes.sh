#!/usr/bin/env bash
# Measures what the agent's probes (append, log lock, file write) add to one Kafka log append:
# JMH runs the same kafka.log.UnifiedLog stand-in in forks with and without -javaagent, in one run,
# prints its normal table, then "added cost per append: X ns" (agent minus no agent) per variant.
# Benchmarks: examples/src/main/java/io/github/kafkalatency/examples/bench (ProbeCost, ProbeCalls).
#
# Usage: scripts/bench-probes.sh [JMH options] [benchmark regex]
#   scripts/bench-probes.sh                          everything, short settings for a 2-core machine
#   scripts/bench-probes.sh -prof gc                 also allocation per op (expect 0 B/op)
#   scripts/bench-probes.sh 'ProbeCost.paced(No)?Agent$'   the headline pair only
#   JMH_SETTINGS='-wi 5 -i 10 -f 3' scripts/bench-probes.sh   longer, steadier
# Needs java 17+ and, from a fresh clone, builds with mvn first (mvn -B install -DskipTests).
set -euo pipefail

# The forks find the agent jar relative to the repository root (ProbeCost.AGENT_JAR).
cd "$(dirname "$0")/.."

jar=agent-core/target/kafka-latency-agent.jar
benchmarks=examples/target/classes/META-INF/BenchmarkList
classpath_file=examples/target/classpath.txt

stale() {
  [[ ! -f $jar || ! -f $benchmarks || ! -f $classpath_file ]] && return 0
  [[ -n "$(find pom.xml agent-bootstrap agent-core -newer "$jar" \( -name '*.java' -o -name pom.xml \) -print -quit)" ]] && return 0
  [[ -n "$(find examples/pom.xml examples/src/main -newer "$benchmarks" -print -quit)" ]] && return 0
  return 1
}
if stale; then
  echo "bench-probes: building (mvn -B install -DskipTests)" >&2
  mvn -q -B install -DskipTests
fi

# JMH and its two dependencies only: no slf4j on the class path, so the agent logs to stderr.
jmh_jars=$(tr ':' '\n' < "$classpath_file" | grep -E '/(jmh-core|jopt-simple|commons-math3)-[^/]*\.jar$' | paste -sd: -)
if [[ $(tr ':' '\n' <<< "$jmh_jars" | wc -l) -ne 3 ]]; then
  echo "bench-probes: JMH jars not found in $classpath_file" >&2
  exit 1
fi

# Short settings for a 2-core machine: 3 x 1 s warm-up, 5 x 1 s measurement, 2 forks per benchmark.
read -r -a settings <<< "${JMH_SETTINGS:--wi 3 -i 5 -f 2 -w 1s -r 1s}"

exec java -cp "examples/target/classes:$jmh_jars" \
  io.github.kafkalatency.examples.bench.ProbeCostReport "${settings[@]}" "$@"

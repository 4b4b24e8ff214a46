#!/usr/bin/env bash
# Measures what the agent's probes (append, log lock, file write) add to one Kafka log append:
# JMH runs the same kafka.log.UnifiedLog stand-in in forks with and without -javaagent, in one run,
# prints its normal table, then "added cost per append: X ns" (agent minus no agent) per variant.
# Benchmarks: examples/src/main/java/io/github/kafkalatency/examples/bench (ProbeCost, ProbeCalls).
#
# Usage: scripts/bench-probes.sh [JMH options] [benchmark regex]
#   scripts/bench-probes.sh                          everything, short settings for a 2-core machine
#   scripts/bench-probes.sh -prof gc                 also allocation per op (B/op)
#   scripts/bench-probes.sh 'ProbeCost.paced(No)?Agent$'   the headline pair only
#   scripts/bench-probes.sh -wi 5 -i 10 -f 3         longer, steadier (replaces the defaults below)
# Needs java 17+ and, from a fresh clone, builds with mvn first (mvn -B package -DskipTests).
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
  echo "bench-probes: building (mvn -B package -DskipTests)" >&2
  mvn -q -B package -DskipTests
fi

# The run uses a snapshot of the agent jar (the forks' -javaagent, ProbeCost.AGENT_JAR) and of the
# benchmark classes, so that every fork measures the same build even if mvn rebuilds meanwhile.
run_dir=examples/target/bench-run
rm -rf "$run_dir.tmp"
mkdir -p "$run_dir.tmp"
cp "$jar" "$run_dir.tmp/kafka-latency-agent.jar"
cp -R examples/target/classes "$run_dir.tmp/classes"
jar tf "$run_dir.tmp/kafka-latency-agent.jar" > /dev/null  # fails on a jar caught mid-write
rm -rf "$run_dir"
mv "$run_dir.tmp" "$run_dir"

# JMH and its two dependencies only: no slf4j on the class path, so the agent logs to stderr.
jmh_jars=$(tr ':' '\n' < "$classpath_file" | grep -E '/(jmh-core|jopt-simple|commons-math3)-[^/]*\.jar$' | paste -sd: -)
if [[ $(tr ':' '\n' <<< "$jmh_jars" | wc -l) -ne 3 ]]; then
  echo "bench-probes: JMH jars not found in $classpath_file" >&2
  exit 1
fi

# Short settings for a 2-core machine: 3 x 1 s warm-up, 5 x 1 s measurement, 2 forks per benchmark;
# each one given on the command line replaces its default (JMH rejects an option given twice).
defaults=(-wi 3 -i 5 -f 2 -w 1s -r 1s)
settings=()
for ((k = 0; k < ${#defaults[@]}; k += 2)); do
  given=false
  for arg in "$@"; do
    [[ $arg == "${defaults[k]}" ]] && given=true
  done
  $given || settings+=("${defaults[k]}" "${defaults[k + 1]}")
done

exec java -cp "$run_dir/classes:$jmh_jars" \
  io.github.kafkalatency.examples.bench.ProbeCostReport "${settings[@]}" "$@"

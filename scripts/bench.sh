#!/usr/bin/env bash
# Broker A/B overhead benchmark: the same Kafka version on this machine in one run, a fresh broker
# each time, alternately with and without the agent (default options; the side that goes first
# alternates pair to pair), a fixed-rate and a maximum-throughput produce load per broker; then
# brokers with 200 and 2,000 partitions under a load touching all of them, with and without the
# agent, for its heap. Prints the per-run figures as they come, then the summary: throughput and
# p50/p99/p99.9 ratios with/without (median [min - max] over the pairs), start-up with/without,
# broker heap, and which targets were met.
#
# Usage: scripts/bench.sh [--pairs 6] [--seconds 15] [--warmup 5] [--rate 5000] [--producers 3]
#                         [--memory-partitions 200,2000] [--memory-seconds 70] [--profile false]
#                         [--kafka 4.4.0] [--agent-args OPTS] [--out DIR]
#   scripts/bench.sh                                   the full run (~15 min on 2 cores)
#   scripts/bench.sh --pairs 1 --seconds 5 --memory-partitions 200 --memory-seconds 20
#                                                      smoke run (~2 min)
#   scripts/bench.sh --pairs 2 --memory-partitions 0 --profile true
#                                                      JFR CPU profile of every broker, summarised
#   scripts/bench.sh --agent-args jvmPauses=false      the agent with other options (attribution)
#   scripts/bench.sh --report DIR                      summary.txt and overhead.svg again from DIR's files
#   scripts/bench.sh --steady [--pairs 10] [--seconds 10] [--profile-seconds 30] [--fixed-rate 3000] [--wide-partitions 2000]
#                    [--wide-rate 4000] [--producers 2] [--broker-cpu 1] [--load-cpu 0]
#                                                      steady state (~25 min): both brokers started once,
#                    pinned, warmed until the JIT settles, then alternating runs of three workloads;
#                    async-profiler and JFR bytes in the warm agent broker (SteadyAB; steady.tsv, summary.txt)
#   scripts/bench.sh --steady --startup-only true --startups 8
#                                                      only the start-up pairs (fresh brokers on every CPU, ~4 min)
#   scripts/bench.sh --steady --startup-only true --startups 8 --baseline-jar OLD.jar
#                                                      rounds of three: without, OLD.jar (an older build) and
#                    this build, rotated, so that a change in start-up can be told from a quieter machine
# Output (default bench-output/broker-<time>/): results.tsv, memory.tsv, summary.txt, overhead.svg,
# runs/<run>/broker.out. Needs java 17+ and mvn; builds first if the jars are missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=agent-core/target/kafka-latency-agent.jar
classes=examples/target/classes/io/github/kafkalatency/examples/bench/broker/BrokerAB.class
classpath_file=examples/target/classpath.txt

stale() {
  [[ ! -f $jar || ! -f $classes || ! -f $classpath_file ]] && return 0
  [[ -n "$(find pom.xml agent-bootstrap agent-core -newer "$jar" \( -name '*.java' -o -name pom.xml \) -print -quit)" ]] && return 0
  [[ -n "$(find examples/pom.xml examples/src/main -newer "$classes" -print -quit)" ]] && return 0
  return 1
}
if stale; then
  echo "bench: building (mvn -q -B package -DskipTests)" >&2
  mvn -q -B package -DskipTests
fi

# --report DIR: the summary and the plot again from a finished run's files, without running anything
if [[ ${1:-} == --report ]]; then
  exec java -cp "examples/target/classes:$(cat "$classpath_file")" \
    io.github.kafkalatency.examples.bench.broker.BrokerAB "$@"
fi

main=BrokerAB
args=()
for arg in "$@"; do
  if [[ $arg == --steady ]]; then main=SteadyAB; else args+=("$arg"); fi
done
out=""
for ((i = 0; i < ${#args[@]}; i++)); do
  [[ ${args[i]} == --out && $((i + 1)) -lt ${#args[@]} ]] && out=${args[i + 1]}
done
if [[ -z $out ]]; then
  out=bench-output/$([[ $main == SteadyAB ]] && echo steady || echo broker)-$(date +%Y%m%d-%H%M%S)
  args+=(--out "$out")
fi
mkdir -p "$out"

# A private snapshot of the agent jar and the benchmark classes: a rebuild during the run (others
# run mvn too) must not change what is measured halfway through.
snapshot=$out/snapshot
for attempt in 1 2 3 4 5 6; do
  rm -rf "$snapshot"
  mkdir -p "$snapshot"
  cp "$jar" "$snapshot/kafka-latency-agent.jar"
  cp -R examples/target/classes "$snapshot/classes"
  jar tf "$snapshot/kafka-latency-agent.jar" > /dev/null 2>&1 && break  # not a jar caught mid-write
  [[ $attempt == 6 ]] && { echo "bench: $jar stays unreadable (a build running?)" >&2; exit 1; }
  echo "bench: $jar is being rewritten, copying again in 10 s" >&2
  sleep 10
done
sha256sum "$snapshot/kafka-latency-agent.jar" | sed 's/^/bench: agent jar sha256 /'
echo "bench: commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- agent-core agent-bootstrap 2>/dev/null || echo ' + uncommitted agent changes')"

exec java -Xms1g -Xmx1g -cp "$snapshot/classes:$(cat "$classpath_file")" \
  "io.github.kafkalatency.examples.bench.broker.$main" --agent-jar "$snapshot/kafka-latency-agent.jar" "${args[@]}"

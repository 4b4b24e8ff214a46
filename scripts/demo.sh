#!/usr/bin/env bash
# The main job: a real Kafka broker with the agent attached as KAFKA_OPTS would attach it, a bounded
# produce load and a consumer, a real kernel fault (an ext4 freeze by default, where root and loop
# devices exist), then the cascades and stalls the agent found and where its log and JFR file are.
#   scripts/demo.sh [--fault freeze|cold-read|none] [--kafka 4.4.0] [--seconds 20] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--fault" ] && [ "${2:-}" = "cold-read" ] && ! command -v mkfs.xfs >/dev/null; then
  echo "demo: installing xfsprogs for the XFS cold-read fault"
  apt-get update -qq && apt-get install -y -qq xfsprogs >/dev/null
fi
if [ ! -f agent-core/target/kafka-latency-agent.jar ] || [ ! -f examples/target/classpath.txt ]; then
  echo "demo: building (mvn -B -q install -DskipTests)"
  mvn -B -q install -DskipTests
fi
exec java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
  -Dkla.agentJar="$PWD/agent-core/target/kafka-latency-agent.jar" \
  io.github.kafkalatency.examples.demo.Demo "$@"

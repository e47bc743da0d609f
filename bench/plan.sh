#!/usr/bin/env bash
# Times the planner on a random acyclic task file of 10,000 tasks (SPEC §4.2: under a second).
# Usage: bench/plan.sh [TASKS] [WARM_RUNS]      (after `mvn -B -q package -DskipTests`, or it compiles)
set -euo pipefail
cd "$(dirname "$0")/.."

TASKS=${1:-10000}
WARM=${2:-10}

source bench/classpath.sh

CP=$(bench_classpath plan)
# debug logging (logback's default console setup) is not part of the figures
java -cp "$CP" dev.orchestrate.plan.PlanBench "$TASKS" "$WARM" | grep -v ' DEBUG '


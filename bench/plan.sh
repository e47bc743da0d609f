#!/usr/bin/env bash
# Times the planner on a random acyclic task file of 10,000 tasks (SPEC §4.2: under a second).
# Usage: bench/plan.sh [TASKS] [WARM_RUNS]      (after `mvn -B -q package -DskipTests`, or it compiles)
set -euo pipefail
cd "$(dirname "$0")/.."

TASKS=${1:-10000}
WARM=${2:-10}

# The main and test classes, plus the dependencies: from the fat jar when it is built, else from Maven.
classpath() {
  if [ ! -d target/test-classes/dev/orchestrate/plan ]; then
    mvn -B -q -o test-compile >&2 || mvn -B -q test-compile >&2
  fi
  if [ -f target/orchestrate.jar ]; then
    echo "target/test-classes:target/orchestrate.jar"
    return
  fi
  if [ ! -f target/cp.txt ] || [ pom.xml -nt target/cp.txt ]; then
    mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2 \
      || mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
  fi
  echo "target/classes:target/test-classes:$(cat target/cp.txt)"
}

CP=$(classpath)
# debug logging (logback's default console setup) is not part of the figures
java -cp "$CP" dev.orchestrate.plan.PlanBench "$TASKS" "$WARM" | grep -v ' DEBUG '


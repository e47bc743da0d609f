#!/usr/bin/env bash
# Times the task-file parser on two generated 10,000-task files: the seed's /tasks format
# (priority sections, Files, Depends, steps, a ## Dependencies section) and spec-kit
# (100 phases, [P] marks, paths in titles, inline "(depends on …)").
#
#   mvn -B -q package -DskipTests && bench/parse.sh [TASKS] [DIR]
#
# Prints, per file: tasks, size, edges, and the first / median / best parse time in ms
# (7 rounds in one JVM; "first" includes JIT warm-up). Target: well under 1000 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f target/orchestrate.jar || ! -f target/test-classes/dev/orchestrate/task/ParseBench.class ]]; then
  echo "building: mvn -B -q package -DskipTests" >&2
  mvn -B -q package -DskipTests
fi
exec java -cp target/orchestrate.jar:target/test-classes dev.orchestrate.task.ParseBench "$@"

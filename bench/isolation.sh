#!/usr/bin/env bash
# The per-task overhead of --isolation worktree (create + commit + merge + remove) on a clone of a
# repository (default: this one), measured in one JVM, N rounds one after another.
#
#   mvn -B -q package -DskipTests && bench/isolation.sh [REPOSITORY] [ROUNDS]
#
# The clone goes to a temporary folder and is deleted afterwards; the repository itself is not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
source_repo="${1:-.}"
rounds="${2:-20}"
if [[ ! -f target/orchestrate.jar || ! -f target/test-classes/dev/orchestrate/worktree/WorktreeBench.class ]]; then
  echo "building: mvn -B -q package -DskipTests" >&2
  mvn -B -q package -DskipTests
fi
clone=$(mktemp -d)
trap 'rm -rf "$clone"' EXIT
git clone --quiet --local --no-hardlinks "$source_repo" "$clone/repo"
git -C "$clone/repo" config user.name bench
git -C "$clone/repo" config user.email bench@localhost
java -cp target/orchestrate.jar:target/test-classes dev.orchestrate.worktree.WorktreeBench "$clone/repo" "$rounds"

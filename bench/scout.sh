#!/usr/bin/env bash
# Times the scout (SPEC §4.1: under 2 s for 100,000 files) on a generated git repository of
# 100,000 files with a few hundred commits of history, and on this project's own repository.
# Usage: bench/scout.sh [--fresh] [WARM_RUNS]   (after `mvn -B -q package -DskipTests`, or it compiles)
# The generated repository is kept in target/bench/scout-100k and reused; --fresh makes it anew.
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECT=$(pwd)

FRESH=no
if [ "${1:-}" = "--fresh" ]; then FRESH=yes; shift; fi
WARM=${1:-5}
REPO=${SCOUT_BENCH_REPO:-$PROJECT/target/bench/scout-100k}
DIRS=1000        # 1000 folders x 100 files = 100,000 files
PER_DIR=100
COMMITS=300      # history for hot_files

source bench/classpath.sh

now_ms() { date +%s%3N; }

generate() {
  rm -rf "$REPO"
  mkdir -p "$REPO"
  cd "$REPO"
  local t0; t0=$(now_ms)
  git init -q -b main .
  printf 'target/\n*.log\nnode_modules/\n' > .gitignore
  printf '<project><!-- junit --></project>\n' > pom.xml
  printf '# bench\n' > README.md
  local exts=(java java java java java ts ts py md json)
  local d f m dir ext name
  for ((d = 0; d < DIRS; d++)); do
    m=$((d % 10))
    dir="modules/m$m/src/main/java/p$d"
    if ((d % 10 == 9)); then dir="modules/m$m/src/test/java/p$d"; fi
    mkdir -p "$dir"
    for ((f = 0; f < PER_DIR; f++)); do
      ext=${exts[$((f % 10))]}
      name="File$f"
      if [ "$ext" = java ] && ((d % 10 == 9)); then name="File${f}Test"; fi
      printf 'file %d %d\n' "$d" "$f" > "$dir/$name.$ext"
    done
  done
  # ignored noise, never listed
  mkdir -p target node_modules/x && printf 'x\n' > target/out.class && printf 'x\n' > node_modules/x/index.js
  local t1; t1=$(now_ms)
  git add -A
  git -c user.name=t -c user.email=t@t commit -q -m "100,000 files"
  local t2; t2=$(now_ms)
  # a few hundred small commits on a few hot files, through fast-import: seconds, not minutes
  {
    local c k n path
    for ((c = 1; c <= COMMITS; c++)); do
      printf 'commit refs/heads/main\ncommitter t <t@t> %d +0000\ndata <<EOM\nchange %d\nEOM\n' $((1700000000 + c)) "$c"
      if ((c == 1)); then printf 'from refs/heads/main^0\n'; fi
      n=$((1 + c % 3))
      for ((k = 0; k < n; k++)); do
        path="modules/m$(((c + k) % 10))/src/main/java/p$(((c * 7 + k) % 40 * 10 + (c + k) % 10 % 9))/File$((k % 5)).java"
        printf 'M 100644 inline %s\ndata <<EOM\nchange %d %d\nEOM\n' "$path" "$c" "$k"
      done
      printf '\n'
    done
  } | git fast-import --quiet
  git reset -q --hard
  local t3; t3=$(now_ms)
  echo "generated $REPO: $(git ls-files | wc -l) tracked files in $((t1 - t0)) ms, first commit $((t2 - t1)) ms, $COMMITS commits $((t3 - t2)) ms"
  cd "$PROJECT"
}

if [ "$FRESH" = yes ] || [ ! -f "$REPO/.git/HEAD" ] || [ "$(git -C "$REPO" rev-list --count HEAD 2>/dev/null || echo 0)" -lt $((COMMITS + 1)) ]; then
  generate
fi

CP=$(bench_classpath scout)
# the plain cost of listing, for comparison
t0=$(now_ms); git -C "$REPO" ls-files -co --exclude-standard -z > /dev/null; t1=$(now_ms)
echo "git ls-files alone on the 100k repository: $((t1 - t0)) ms"
# debug logging (logback's default console setup) is not part of the figures
java -cp "$CP" dev.orchestrate.scout.ScoutBench "$REPO" "$WARM" | grep -v ' DEBUG '
java -cp "$CP" dev.orchestrate.scout.ScoutBench "$PROJECT" "$WARM" | grep -v ' DEBUG '

#!/usr/bin/env bash
# Per-task overhead of orchestrate against GNU parallel and xargs, 5 jobs at a time:
#   (a) 1,000 no-op tasks (`true`)   (b) 25 tasks of `sleep 0.4` (10 s of work in all)
# Prints the median wall time of each tool, the ratios orchestrate/parallel and orchestrate/xargs,
# and the speedup of (b) over running it sequentially.
#
#   bench/run.sh                                    runs the real CLI (bin/orchestrate, JVM start-up included)
#                                                   on a generated tasks.md
#   ORCHESTRATE="java -jar target/orchestrate.jar" bench/run.sh   the same with another command line
#   ORCHESTRATE=coordinator bench/run.sh            drives the Coordinator through a small Java main
#   RUNS=10 bench/run.sh                            more runs per median (default 5)
#   WRITE_TASKS=2000 bench/run.sh                   tasks of the bytes-written run (default 10,000; 0: skip it)
#   JAVA_OPTS="-XX:TieredStopAtLevel=1 -Djdk.lang.Process.launchMechanism=VFORK" bench/run.sh
#                                                   JVM options for the CoordinatorBench run
#
# Needs: java, GNU parallel, xargs; hyperfine when installed (else a plain timing loop).
# Last, the bytes orchestrate's own process writes in a run of WRITE_TASKS no-op tasks (wchar of
# /proc/PID/io, sampled every 50 ms until it exits: the last few ms are not counted).
# Every task goes through a shell in all three tools (orchestrate runs `bash -e -o pipefail -c`,
# GNU parallel its own shell, xargs is given `bash -c`), so the comparison is per-task overhead.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
JOBS=5
WORK=$(mktemp -d "${TMPDIR:-/tmp}/orchestrate-bench.XXXXXX")
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT

command -v parallel >/dev/null || { echo "GNU parallel is missing (apt-get install parallel)" >&2; exit 2; }

if [ ! -f target/orchestrate.jar ]; then
  mvn -B -q -o package -DskipTests || mvn -B -q package -DskipTests
fi

# orchestrate_command COUNT COMMAND NAME: the command line that runs COUNT tasks of COMMAND
ORCHESTRATE=${ORCHESTRATE:-bin/orchestrate}
if [ "$ORCHESTRATE" != coordinator ]; then
  orchestrate_command() {
    local dir="$WORK/$3"
    mkdir -p "$dir"
    {
      echo "# Bench: $1 x $2"
      echo
      echo "## P2 Medium"
      for i in $(seq 1 "$1"); do
        printf '\n### T%04d: %s\n\n```bash\n%s\n```\n\n**Depends**: none\n' "$i" "$3" "$2"
      done
    } > "$dir/tasks.md"
    echo "$ORCHESTRATE $dir/tasks.md -w $JOBS -C $dir -q"
  }
    ORCHESTRATE_LABEL="orchestrate ($ORCHESTRATE)"
else
  if [ ! -f target/cp.txt ]; then
    mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null \
      || mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
  fi
  CP="target/classes:target/test-classes:$(cat target/cp.txt)"
  orchestrate_command() {
    echo "java ${JAVA_OPTS:-} -cp $CP dev.orchestrate.bench.CoordinatorBench $1 $JOBS '$2' $WORK/$3/parallel-session"
  }
  ORCHESTRATE_LABEL="orchestrate (Coordinator via CoordinatorBench${JAVA_OPTS:+, $JAVA_OPTS})"
fi

# median_seconds NAME COMMAND PREPARE: median wall time of RUNS runs, in seconds
median_seconds() {
  local name=$1 cmd=$2 prepare=$3
  if command -v hyperfine >/dev/null; then
    hyperfine --style none --warmup 1 --runs "$RUNS" --prepare "$prepare" \
      --export-json "$WORK/$name.json" -n "$name" "$cmd" >/dev/null 2>&1 \
      || { echo "$name failed: $cmd" >&2; exit 1; }
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$WORK/$name.json"
  else
    local times=()
    for _ in $(seq 1 "$RUNS"); do
      bash -c "$prepare"
      local start end
      start=$(date +%s%N)
      bash -c "$cmd" >/dev/null 2>&1 || { echo "$name failed: $cmd" >&2; exit 1; }
      end=$(date +%s%N)
      times+=("$(( end - start ))")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.3f\n", m/1e9}'
  fi
}

# scenario NAME COUNT COMMAND
scenario() {
  local name=$1 count=$2 cmd=$3
  local parallel_cmd="seq $count | parallel --will-cite -N0 -j$JOBS '$cmd'"
  local xargs_cmd="seq $count | xargs -P$JOBS -I{} bash -c '$cmd'"
  local orchestrate_cmd
  orchestrate_cmd=$(orchestrate_command "$count" "$cmd" "$name")
  # like a real run, each run moves the last session folder aside (deleting thousands of logs between
  # runs would make the next run's file creations slower on ext4 without a journal)
  local clean="true"
  P=$(median_seconds "$name-parallel" "$parallel_cmd" "true")
  X=$(median_seconds "$name-xargs" "$xargs_cmd" "true")
  O=$(median_seconds "$name-orchestrate" "$orchestrate_cmd" "$clean")
  printf '%-34s parallel %7.3fs   xargs %7.3fs   orchestrate %7.3fs\n' "$name ($count x $cmd)" "$P" "$X" "$O"
  awk -v o="$O" -v p="$P" -v x="$X" 'BEGIN { printf "%-34s orchestrate/parallel %.2f   orchestrate/xargs %.2f\n", "", o/p, o/x }'
}

echo "median of $RUNS runs, $JOBS jobs at a time; $ORCHESTRATE_LABEL; $(nproc) cores"
scenario noop 1000 "true"
scenario sleep 25 "sleep 0.4"
awk -v p="$P" -v x="$X" -v o="$O" 'BEGIN { printf "speedup of (b) over 10 s sequential: parallel %.2fx   xargs %.2fx   orchestrate %.2fx (at most 5x)\n", 10/p, 10/x, 10/o }'
summary="$WORK/sleep/parallel-session/summary.json"
if [ -f "$summary" ]; then
  # what the run itself reports: the attempts' durations over the execution phase, start-up, scouting and planning left out
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("orchestrate execution phase of (b), last run: %.2f s, parallelism achieved %.2fx" % (d["duration_ms"]/1000, d["speedup"]))' "$summary"
fi

WRITE_TASKS=${WRITE_TASKS:-10000}
if [ "$WRITE_TASKS" -gt 0 ] && [ -r /proc/self/io ]; then
  write_cmd=$(orchestrate_command "$WRITE_TASKS" "true" write)
  bash -c "exec $write_cmd" >/dev/null 2>&1 &
  pid=$!
  wchar=0
  while [ -r "/proc/$pid/io" ]; do
    now=$(awk '/^wchar:/ {print $2}' "/proc/$pid/io" 2>/dev/null || true)
    [ -n "$now" ] && wchar=$now
    sleep 0.05
  done
  wait "$pid" || true
  session_bytes=$(du -sb "$WORK/write/parallel-session" 2>/dev/null | cut -f1)
  awk -v w="$wchar" -v n="$WRITE_TASKS" -v s="${session_bytes:-0}" 'BEGIN { printf "bytes written by orchestrate, %d no-op tasks: %.1f MB (wchar), session folder %.1f MB\n", n, w/1e6, s/1e6 }'
fi

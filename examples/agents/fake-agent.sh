#!/usr/bin/env bash
# A stand-in coding agent, for trying `orchestrate --agent` without an account.
#
# It reads the prompt orchestrate writes (on stdin, or from --prompt-file FILE), finds the task id
# and the files the task may change, appends one comment line to each of those files (creating
# them and their folders), sleeps a little as a real agent would, and prints a result object in
# the shape of `claude -p --output-format json`.
#
#   orchestrate examples/agents/tasks.md --agent examples/agents/fake-agent.sh
#   orchestrate examples/agents/tasks.md --agent 'examples/agents/fake-agent.sh --prompt-file {prompt_file}'
#
# FAKE_AGENT_SLEEP     seconds to sleep (default 0.5)
# FAKE_AGENT_OUTCOME   success (default), error, rate_limit, auth or max_turns: what to pretend happened
set -euo pipefail

prompt_file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prompt-file) prompt_file="${2:?fake-agent: --prompt-file needs a path}"; shift 2 ;;
    --prompt-file=*) prompt_file="${1#*=}"; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fake-agent: unknown argument: $1" >&2; exit 2 ;;
  esac
done

started=$(date +%s)
if [ -n "$prompt_file" ]; then
  prompt=$(cat -- "$prompt_file")
else
  prompt=$(cat)
fi

task_pattern='^# Task ([^:]+): ?(.*)$'
file_pattern='^- `(.+)`$'
task_id="${ORCHESTRATE_TASK_ID:-}"
title=""
files=()
in_files=0
while IFS= read -r line; do
  if [ -z "$title" ] && [[ $line =~ $task_pattern ]]; then
    task_id="${BASH_REMATCH[1]}"
    title="${BASH_REMATCH[2]}"
  elif [ "$line" = "## Files you may change" ]; then
    in_files=1
  elif [[ $line == "## "* ]]; then
    in_files=0
  elif [ "$in_files" -eq 1 ] && [[ $line =~ $file_pattern ]]; then
    files+=("${BASH_REMATCH[1]}")
  fi
done <<< "$prompt"
task_id="${task_id:-unknown}"

json_escape() {
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\t'/\\t}; s=${s//$'\r'/\\r}; s=${s//$'\n'/\\n}
  printf '%s' "$s"
}

result() { # subtype is_error text
  local elapsed=$(( ($(date +%s) - started) * 1000 ))
  printf '{"type":"result","subtype":"%s","is_error":%s,"duration_ms":%d,"num_turns":1,"result":"%s","session_id":"fake-%s-%d","total_cost_usd":0.0,"usage":{"input_tokens":%d,"output_tokens":%d,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}\n' \
    "$1" "$2" "$elapsed" "$(json_escape "$3")" "$(json_escape "$task_id")" "$$" $(( ${#prompt} / 4 )) $(( ${#3} / 4 + 1 ))
}

case "${FAKE_AGENT_OUTCOME:-success}" in
  rate_limit) result success true 'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"rate limit exceeded"}}'; exit 1 ;;
  auth) result success true 'Invalid API key · Please run /login'; exit 1 ;;
  max_turns) result error_max_turns true ''; exit 1 ;;
  error) result error_during_execution true "fake-agent was asked to fail $task_id"; exit 1 ;;
  success) ;;
  *) echo "fake-agent: FAKE_AGENT_OUTCOME must be success, error, rate_limit, auth or max_turns" >&2; exit 2 ;;
esac

written=0
for file in "${files[@]+"${files[@]}"}"; do
  case "$file" in
    /*|../*|*/../*|..) echo "fake-agent: $task_id: not touching $file, outside the project" >&2; continue ;;
  esac
  echo "fake-agent: $task_id: writing $file" >&2
  mkdir -p -- "$(dirname -- "$file")"
  printf '# %s: %s (fake-agent, attempt %s)\n' "$task_id" "$title" "${ORCHESTRATE_ATTEMPT:-1}" >> "$file"
  written=$((written + 1))
done

sleep "${FAKE_AGENT_SLEEP:-0.5}"
result success false "$task_id: appended a line to $written file(s)."

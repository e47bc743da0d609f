#!/usr/bin/env bash
# --isolation worktree with the stand-in agent, in a throwaway git repository (this checkout gets
# no branch): each of the six tasks of tasks.md runs in its own git worktree, a check decides
# whether it is done, and the results are merged onto orchestrate/<session> in plan order.
#
#   examples/agents/worktrees.sh [FOLDER]     (default: a new temporary folder)
#
# Then look at it:  git -C FOLDER log --oneline main..orchestrate/<session>   (the summary names it)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="${1:-$(mktemp -d)/quotes}"
mkdir -p "$repo"
cd "$repo"
if [[ ! -d .git ]]; then
  git init -q -b main
  git config user.name "orchestrate demo"
  git config user.email demo@localhost
  # the same task list, its paths made relative to this repository's root
  sed 's#examples/agents/demo/##g' "$here/tasks.md" > tasks.md
  printf 'parallel-session*/\n.env\n' > .gitignore
  printf 'DEMO_TOKEN=not-in-git\n' > .env          # git-ignored: reaches each worktree through .worktreeinclude
  printf '.env\n' > .worktreeinclude
  git add tasks.md .gitignore .worktreeinclude
  git commit -q -m "Tasks for the quote-of-the-day demo"
fi
echo "demo repository: $repo" >&2
# the check: the task changed something in its worktree, and .env arrived there
exec "$here/../../bin/orchestrate" tasks.md --agent "$here/fake-agent.sh" --isolation worktree \
  --verify 'test -f .env && test -n "$(git status --porcelain)"' "${@:2}"

#!/usr/bin/env bash
# Mutation testing with Stryker.NET (the local tool in .config/dotnet-tools.json).
#   bash tests/mutation.sh                      # Domain, Application, Storage.Sqlite, one after the other
#   bash tests/mutation.sh Domain               # one project
#   bash tests/mutation.sh Domain --mutate '**/Gs1/Gtin.cs'   # arguments from the first --option on go to Stryker
#   bash tests/mutation.sh Domain --since:main   # only mutants changed since main (or a full commit id); not in a worktree
# Each project's settings are in tests/DrugTrace.<Project>.Tests/stryker-config.json (one test run at a time,
# per-test coverage analysis). Reports go to artifacts/mutation/<Project>/reports/ (git-ignored).
# Not part of .ci/test: a full run takes tens of minutes. docs/MUTATION.md records the last one.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
projects=()
while [ $# -gt 0 ] && [[ "$1" != --* ]]; do projects+=("$1"); shift; done
stryker_args=("$@")
[ ${#projects[@]} -eq 0 ] && projects=(Domain Application Storage.Sqlite)

# Stryker 5.1.0 names the files a --since diff changed from the repository's git directory, which in a git worktree
# is .git/worktrees/<name>: no path then matches a source file and every mutant is filtered out. Say so instead.
for arg in "${stryker_args[@]}"; do
  if [[ "$arg" == --since* ]] && [ "$(git rev-parse --git-dir)" != "$(git rev-parse --git-common-dir)" ]; then
    echo "--since does not work in a git worktree (Stryker would filter out every mutant); run it in a clone: git clone . \"\$(mktemp -d)\"" >&2
    exit 2
  fi
done

dotnet tool restore >/dev/null
summary=()
for project in "${projects[@]}"; do
  dir="tests/DrugTrace.$project.Tests"
  if [ ! -f "$dir/stryker-config.json" ]; then
    echo "No Stryker configuration for '$project' ($dir/stryker-config.json); use Domain, Application or Storage.Sqlite." >&2
    exit 2
  fi
  out="$root/artifacts/mutation/$project"
  rm -rf "$out"
  log="$out.log"
  mkdir -p "$(dirname "$log")"
  echo "== $project (log: $log)"
  # One test run at a time unless the caller asks for more (--concurrency N): the machine is shared.
  concurrency=(--concurrency 1)
  for arg in "${stryker_args[@]}"; do
    [[ "$arg" == --concurrency* || "$arg" == -c ]] && concurrency=()
  done
  (cd "$dir" && dotnet stryker "${concurrency[@]}" --output "$out" "${stryker_args[@]}") 2>&1 | tee "$log"
  score=$(grep -oE 'final mutation score is [0-9.]+ ?%' "$log" | tail -1 || true)
  summary+=("$project: ${score:-no score (see $log)}")
  # Stryker leaves the mutated assembly in the test project's bin: rebuild so later test runs use the real one.
  dotnet build "$dir" --nologo -v quiet >/dev/null
done
echo
printf '%s\n' "${summary[@]}"

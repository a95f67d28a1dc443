#!/usr/bin/env bash
# A CI gate for a vMCP: fails when it no longer starts, when a tool the team relies on is gone,
# or when a smoke call stops answering as expected. Exit codes tell the failures apart (see
# README, "Scripting and CI"). Usage: examples/ci-check.sh [DEFINITION_FILE]
set -euo pipefail
config="${1:-$(cd "$(dirname "$0")" && pwd)/demo.yaml}"

# 1. Definitions valid, every server starts, the tools we rely on are exposed.
vmcp check --config "$config" --vmcp demo --expect-tool say --expect-tool b_add

# 2. A smoke call with typed arguments (a=2 is a number because the tool's schema says so).
sum="$(vmcp call --config "$config" --vmcp demo b_add a=2 b=40)"
if [ "$sum" != "42" ]; then
  echo "b_add answered '$sum', expected 42" >&2
  exit 1
fi

# 3. Arguments from a pipe, the whole result as JSON for a closer look.
echo '{"message": "ping"}' | vmcp call --config "$config" --vmcp demo say --args @- --json >/dev/null

# 4. Branch on what went wrong: 7 = the tool reported an error, 8 = a server is unavailable.
set +e
vmcp call --config "$config" --vmcp demo tally >/dev/null
code=$?
set -e
case "$code" in
  0) ;;
  7) echo "tally reported an error" >&2; exit 1 ;;
  8) echo "a server of the vMCP is down" >&2; exit 1 ;;
  *) echo "vmcp call failed with exit code $code" >&2; exit "$code" ;;
esac
echo "vMCP demo: all checks passed"

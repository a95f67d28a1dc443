#!/usr/bin/env bash
# Installs the real MCP servers and clients the interop tests use, into a local folder
# (default target/interop; override with VMCP_INTEROP_DIR). Idempotent: versions are pinned and a
# stamp file skips work already done. Needs npm (Node 20+ is enough: Node 22 comes from npm) and
# python3 with venv.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${VMCP_INTEROP_DIR:-$root/target/interop}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

. "$root/scripts/node22.sh"
EVERYTHING_VERSION=2026.8.31
INSPECTOR_VERSION=2.12.0
TIME_VERSION=2026.10.19
stamp="$dir/.stamp-$NODE22_VERSION-$EVERYTHING_VERSION-$INSPECTOR_VERSION-$TIME_VERSION"
# The conformance suites (client auth scenarios, server scenarios) have their own pins and stamps.
VMCP_INTEROP_DIR="$dir" "$root/scripts/conformance-setup.sh"
if [ -f "$stamp" ]; then
  echo "interop tools already installed in $dir"
  exit 0
fi

echo "installing interop tools into $dir" >&2
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# Node >= 22.19 for the Inspector CLI, from the npm registry itself.
install_node22 "$dir"

# Reference server and the Inspector CLI (installed with Node 22 on PATH, as the Inspector requires).
mkdir -p "$dir/npm"
(cd "$dir/npm" && [ -f package.json ] || npm init -y >/dev/null)
(cd "$dir/npm" && PATH="$(dirname "$node22"):$PATH" npm install --silent \
  "@modelcontextprotocol/server-everything@$EVERYTHING_VERSION" \
  "@modelcontextprotocol/inspector@$INSPECTOR_VERSION")

# A Python server from PyPI (and with it the official Python SDK, used as a client too).
python3 -m venv "$dir/venv"
"$dir/venv/bin/pip" install --quiet --disable-pip-version-check "mcp-server-time==$TIME_VERSION"

touch "$stamp"
echo "interop tools installed in $dir" >&2

#!/usr/bin/env bash
# Installs the official MCP conformance suite (client auth scenarios) and the Node 22 it needs into
# the interop folder (default target/interop; override with VMCP_INTEROP_DIR). Idempotent: pinned
# versions and a stamp file. Called by scripts/interop-setup.sh; runnable on its own.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${VMCP_INTEROP_DIR:-$root/target/interop}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

. "$root/scripts/node22.sh"
CONFORMANCE_VERSION=0.1.16
stamp="$dir/.conformance-$NODE22_VERSION-$CONFORMANCE_VERSION"
if [ -f "$stamp" ]; then
  echo "conformance suite already installed in $dir"
  exit 0
fi
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

install_node22 "$dir"

mkdir -p "$dir/conformance"
(cd "$dir/conformance" && [ -f package.json ] || npm init -y >/dev/null)
(cd "$dir/conformance" && PATH="$(dirname "$node22"):$PATH" npm install --silent \
  "@modelcontextprotocol/conformance@$CONFORMANCE_VERSION")

touch "$stamp"
echo "conformance suite installed in $dir" >&2

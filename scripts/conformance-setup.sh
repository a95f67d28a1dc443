#!/usr/bin/env bash
# Installs the official MCP conformance suite and the Node 22 it needs into the interop folder
# (default target/interop; override with VMCP_INTEROP_DIR), in two pinned versions, each in its
# own folder with its own stamp file (idempotent):
#   conformance/         0.1.16: the client auth scenarios run against vmcp's login path;
#   conformance-server/  0.2.0-alpha.12: the server scenarios of 2025-11-25 and 2026-07-28, run
#                        against the rmcp-upstream fixture (and later through vmcp).
# Called by scripts/interop-setup.sh; runnable on its own.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${VMCP_INTEROP_DIR:-$root/target/interop}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

. "$root/scripts/node22.sh"
CONFORMANCE_VERSION=0.1.16
CONFORMANCE_SERVER_VERSION=0.2.0-alpha.12
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# Installs @modelcontextprotocol/conformance@$2 into "$dir/$1" unless its stamp says it is there.
install_suite() {
  local folder="$1" version="$2" stamp="$3"
  if [ -f "$stamp" ]; then
    echo "conformance suite $version already installed in $dir/$folder"
    return
  fi
  install_node22 "$dir"
  mkdir -p "$dir/$folder"
  (cd "$dir/$folder" && [ -f package.json ] || npm init -y >/dev/null)
  (cd "$dir/$folder" && PATH="$(dirname "$node22"):$PATH" npm install --silent \
    "@modelcontextprotocol/conformance@$version")
  touch "$stamp"
  echo "conformance suite $version installed in $dir/$folder" >&2
}

install_suite conformance "$CONFORMANCE_VERSION" "$dir/.conformance-$NODE22_VERSION-$CONFORMANCE_VERSION"
install_suite conformance-server "$CONFORMANCE_SERVER_VERSION" \
  "$dir/.conformance-server-$NODE22_VERSION-$CONFORMANCE_SERVER_VERSION"

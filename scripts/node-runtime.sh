#!/usr/bin/env bash
# Prints the path of a Node binary of the given major version (22 or 24): the machine's own `node` when it is that
# major, else the official build published on the npm registry as node-linux-<arch>@<pinned version>, installed
# once into a cache folder (GATEWARDEN_NODE_CACHE, default ~/.cache/gatewarden-node). Linux only; elsewhere, install
# the runtime yourself and put it first on PATH.
set -euo pipefail
major=${1:?usage: node-runtime.sh 22|24}
case $major in
  22) version=22.23.5 ;;
  24) version=24.22.3 ;;
  *) echo "node-runtime.sh: no pinned Node $major" >&2; exit 2 ;;
esac
if command -v node >/dev/null && [[ $(node -p 'process.versions.node.split(".")[0]') == "$major" ]]; then command -v node; exit 0; fi
case $(uname -m) in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) echo "node-runtime.sh: unsupported machine $(uname -m)" >&2; exit 2 ;; esac
[[ $(uname -s) == Linux ]] || { echo "node-runtime.sh: Linux only; install Node $major yourself" >&2; exit 2; }
cache=${GATEWARDEN_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gatewarden-node}/$version
bin=$cache/node_modules/node-linux-$arch/bin/node
if [[ ! -x $bin ]]; then
  mkdir -p "$cache"
  (cd "$cache" && echo '{"private":true}' > package.json \
    && npm install --no-audit --no-fund --loglevel=error --ignore-scripts "node-linux-$arch@$version" >/dev/null)
fi
"$bin" --version >/dev/null
echo "$bin"

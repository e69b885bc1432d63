#!/usr/bin/env bash
# Runs the committed bundles alone (copied into an empty folder, no node_modules anywhere above) on the supported
# runtimes, Node 22 and Node 24 (scripts/node-runtime.sh: the machine's node when it is that major, else the
# official build from the npm registry): the CLI on the demo repository and the action entry in full mode. The
# action runs on node24 on GitHub.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
node22=$("$root/scripts/node-runtime.sh" 22)
node24=$("$root/scripts/node-runtime.sh" 24)
alone=$(mktemp -d)
trap 'rm -rf "$alone"' EXIT
cp "$root/dist/cli.js" "$root/dist/index.js" "$root/dist/worker.js" "$alone/"
for node in "$node22" "$node24"; do
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
  # The same scans handed to the scan worker (engine/threads/isolate.ts), which both bundles start from worker.js: the same
  # report, and the debug line saying the worker ran (a silent fallback to the main thread would give it too).
  (cd "$alone" && GATEWARDEN_DEBUG=1 GATEWARDEN_ISOLATE_MIN_FILES=0 "$node" cli.js scan "$root/test/fixtures/demo-repo" --format json > isolated.json 2> isolated.log) || true
  "$node" -e 'const [a,b]=process.argv.slice(1).map(f=>{const r=JSON.parse(require("fs").readFileSync(f,"utf8"));delete r.summary.durationMs;return JSON.stringify(r)}); process.exit(a===b?0:1)' "$alone/report.json" "$alone/isolated.json" \
    && grep -q 'scanning in a worker' "$alone/isolated.log" && ! grep -q 'main thread' "$alone/isolated.log" \
    || { echo "smoke: CLI on $version: the scan worker's report differs or it did not run" >&2; cat "$alone/isolated.log" >&2; exit 1; }
  (cd "$alone" && : > out2 && env -i PATH="$PATH" GITHUB_OUTPUT="$alone/out2" GITHUB_STEP_SUMMARY="$alone/summary2" GATEWARDEN_DEBUG=1 GATEWARDEN_ISOLATE_MIN_FILES=0 \
    INPUT_PATH="$root/test/fixtures/demo-repo" INPUT_SARIF-FILE="$alone/b.sarif" INPUT_FAIL-ON=never "$node" index.js > action2.log 2>&1) || true
  grep -q 'scanning in a worker' "$alone/action2.log" && ! grep -q 'main thread' "$alone/action2.log" \
    && "$node" -e 'const [a,b]=process.argv.slice(1).map(f=>JSON.stringify(JSON.parse(require("fs").readFileSync(f,"utf8")).runs[0].results)); process.exit(a===b?0:1)' "$alone/a.sarif" "$alone/b.sarif" \
    || { echo "smoke: action on $version: the scan worker did not run or its SARIF results differ" >&2; cat "$alone/action2.log" >&2; exit 1; }
  echo "smoke: bundles run alone on node $version (CLI: $findings findings, exit $code; action: exit $acode; both again in the scan worker)"
done

# The npm package as a new user gets it: packed, installed into an empty project (offline: it has no dependencies
# to fetch), and run with npx there. Only the whitelisted files ship, nothing else is installed, and the scan of a
# project holding nothing but the package finds nothing (no test fixture of ours ships).
pack=$(mktemp -d)
trap 'rm -rf "$alone" "$pack"' EXIT
(cd "$root" && npm pack --silent --pack-destination "$pack" >/dev/null)
tarball=$(ls "$pack"/gatewarden-*.tgz)
files=$(tar tzf "$tarball" | sort | tr '\n' ' ')
expected='package/CHANGELOG.md package/LICENSE package/README.md package/action.yml package/dist/THIRD_PARTY_NOTICES.md package/dist/cli.js package/dist/index.js package/dist/worker.js package/package.json '
[[ $files == "$expected" ]] || { echo "smoke: the package ships $files" >&2; exit 1; }
mkdir "$pack/project"
(cd "$pack/project" && echo '{"name":"empty","private":true}' > package.json && npm install --offline --no-audit --no-fund --loglevel=error "$tarball" >/dev/null)
installed=$(ls "$pack/project/node_modules" | grep -v '^\.' | tr '\n' ' ')
[[ $installed == 'gatewarden ' ]] || { echo "smoke: installing the package brought in: $installed" >&2; exit 1; }
for node in "$node22" "$node24"; do
  set +e
  out=$(cd "$pack/project" && PATH="$(dirname "$node"):$PATH" npx --no-install gatewarden scan . --no-color 2>&1)
  code=$?
  set -e
  [[ $code == 0 && $out == *'no findings'* ]] || { echo "smoke: npx gatewarden scan . in a fresh project on $("$node" --version): exit $code" >&2; echo "$out" >&2; exit 1; }
done
echo "smoke: the npm package installs alone (no dependencies) and npx gatewarden scan . finds nothing of ours on node 22 and 24"

#!/usr/bin/env bash
# The notebook scenario of make test-e2e (notebook.mjs): code-server opens a copy of
# e2e/notebook-workspace with the perflint extension already installed in EXT_DIR.
#   usage: run-notebook-e2e.sh PREFIX PYTHON EXT_DIR WORK RESULTS
# Called by run-e2e.sh; code-server and its user data live under WORK/nb.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=$1 PYTHON=$2 EXT=$3 WORK=$4/nb RESULTS=$5
mkdir -p "$WORK"
trap 'bash "$HERE/run-code-server.sh" stop "$WORK/udd" >/dev/null 2>&1 || true' EXIT

cp -r "$HERE/notebook-workspace" "$WORK/ws"
mkdir -p "$WORK/ws/.vscode"
# PFL101's fix is unsafe: offered as a quick fix only with unsafeFixes.
printf '{ "perflint.interpreter": "%s", "perflint.unsafeFixes": true, "files.autoSave": "off" }\n' \
  "$PYTHON" >"$WORK/ws/.vscode/settings.json"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
bash "$HERE/run-code-server.sh" "$PREFIX" "$WORK/ws" "$PORT" "$EXT" "$WORK/udd" >/dev/null
if ! node "$HERE/notebook.mjs" --prefix "$PREFIX" --port "$PORT" --folder "$WORK/ws" --out "$RESULTS"; then
  cp "$WORK/udd/code-server.log" "$RESULTS/notebook-code-server.log" 2>/dev/null || true
  find "$WORK/udd/logs" -name '*.log' -path '*exthost*' -exec cp {} "$RESULTS/" \; 2>/dev/null || true
  exit 1
fi

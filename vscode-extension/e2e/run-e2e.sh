#!/usr/bin/env bash
# make test-e2e: build the .vsix, install it into a fresh code-server (real VS Code),
# open e2e/workspace and check in headless Chromium what a user sees (e2e.mjs).
#   usage: run-e2e.sh PYTHON VSIX
# PYTHON runs the perflint server (the repo's virtualenv); code-server and
# puppeteer-core are cached in $VSCODE_E2E_PREFIX (default ~/.cache/vscode-e2e).
# Screenshots: vscode-extension/test-results/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PYTHON="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"   # not realpath: a venv's python is a symlink
VSIX=$(realpath "$2")
PREFIX="${VSCODE_E2E_PREFIX:-$HOME/.cache/vscode-e2e}"
RESULTS="$HERE/../test-results"
START=$SECONDS

bash "$HERE/install.sh" "$PREFIX" >/tmp/perflint-e2e-install.log 2>&1 \
  || { tail -n 40 /tmp/perflint-e2e-install.log >&2; exit 1; }
WORK=$(mktemp -d /tmp/pfe2e.XXXXXX)        # short: code-server puts unix sockets here
cleanup() {
  bash "$HERE/run-code-server.sh" stop "$WORK/udd" >/dev/null 2>&1 || true
  bash "$HERE/run-code-server.sh" stop "$WORK/udd2" >/dev/null 2>&1 || true
  bash "$HERE/run-code-server.sh" stop "$WORK/udd3" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

VSCODE_E2E_STATE="$WORK/udd/xdg" "$PREFIX/bin/code-server" --install-extension "$VSIX" \
  --extensions-dir "$WORK/ext" --user-data-dir "$WORK/udd" >"$WORK/install-extension.log" 2>&1 \
  || { cat "$WORK/install-extension.log" >&2; exit 1; }

cp -r "$HERE/workspace" "$WORK/ws"
# A profile of a real run of the workspace's workload, for the profile step.
(cd "$WORK/ws" && "$PYTHON" -m cProfile -o hot.pstats hot.py)
mkdir -p "$WORK/ws/.vscode"
cat >"$WORK/ws/.vscode/settings.json" <<JSON
{
  "perflint.interpreter": "$PYTHON",
  "perflint.profile": "hot.pstats",
  "[python]": { "editor.codeActionsOnSave": { "source.fixAll.perflint": "explicit" } },
  "files.autoSave": "off"
}
JSON
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
bash "$HERE/run-code-server.sh" "$PREFIX" "$WORK/ws" "$PORT" "$WORK/ext" "$WORK/udd" >/dev/null

rm -rf "$RESULTS" && mkdir -p "$RESULTS"
fail() {
  cp "$1/code-server.log" "$RESULTS/" 2>/dev/null || true
  find "$1/logs" -name '*.log' -path '*exthost*' -exec cp {} "$RESULTS/" \; 2>/dev/null || true
  echo "e2e: FAILED after $((SECONDS - START)) s (logs and screenshots in vscode-extension/test-results/)" >&2
  exit 1
}
node "$HERE/e2e.mjs" --prefix "$PREFIX" --port "$PORT" --folder "$WORK/ws" --out "$RESULTS" \
  || fail "$WORK/udd"
bash "$HERE/run-code-server.sh" stop "$WORK/udd" >/dev/null 2>&1
# A Jupyter notebook in VS Code's built-in notebook editor (notebook.mjs).
bash "$HERE/run-notebook-e2e.sh" "$PREFIX" "$PYTHON" "$WORK/ext" "$WORK" "$RESULTS" \
  || { echo "e2e: the notebook scenario FAILED after $((SECONDS - START)) s" >&2; exit 1; }

# The same workspace with an interpreter that lacks perflint (a fresh venv).
python3 -m venv "$WORK/bare"
cp -r "$HERE/workspace" "$WORK/ws2"
mkdir -p "$WORK/ws2/.vscode"
printf '{ "perflint.interpreter": "%s" }\n' "$WORK/bare/bin/python" >"$WORK/ws2/.vscode/settings.json"
cp -r "$WORK/ext" "$WORK/ext2"
PORT=$(free_port)
bash "$HERE/run-code-server.sh" "$PREFIX" "$WORK/ws2" "$PORT" "$WORK/ext2" "$WORK/udd2" >/dev/null
node "$HERE/e2e.mjs" --prefix "$PREFIX" --port "$PORT" --folder "$WORK/ws2" --out "$RESULTS" --expect-missing \
  || fail "$WORK/udd2"
bash "$HERE/run-code-server.sh" stop "$WORK/udd2" >/dev/null 2>&1
# Restricted mode (an untrusted folder): perflint runs, with the interpreter and the
# profile from the user settings. The workspace's perflint.profile (a JSON profile of
# hot.py, which an untrusted workspace may still read) must be ignored; the user's
# (a profile of another script) is used: hot.py's findings did not run in it.
cp -r "$WORK/ws" "$WORK/ws3"
rm -rf "$WORK/ws3/.vscode" && mkdir -p "$WORK/ws3/.vscode" "$WORK/udd3/User"
printf 'total = sum(i * i for i in range(300000))\n' >"$WORK/ws3/other.py"
(cd "$WORK/ws3" && "$PYTHON" -m pyinstrument -r json -p processor_options.filter_threshold=0 -o hot.json hot.py \
  && "$PYTHON" -m pyinstrument -r json -o other.json other.py) >/dev/null 2>&1
printf '{ "perflint.profile": "hot.json" }\n' >"$WORK/ws3/.vscode/settings.json"
cat >"$WORK/udd3/User/settings.json" <<JSON
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "extensions.ignoreRecommendations": true,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "telemetry.telemetryLevel": "off",
  "security.workspace.trust.enabled": true,
  "security.workspace.trust.startupPrompt": "never",
  "security.workspace.trust.banner": "never",
  "chat.commandCenter.enabled": false,
  "git.enabled": false,
  "perflint.interpreter": "$PYTHON",
  "perflint.profile": "other.json"
}
JSON
cp -r "$WORK/ext" "$WORK/ext3"
PORT=$(free_port)
VSCODE_E2E_WORKSPACE_TRUST=1 bash "$HERE/run-code-server.sh" "$PREFIX" "$WORK/ws3" "$PORT" "$WORK/ext3" "$WORK/udd3" >/dev/null
node "$HERE/e2e.mjs" --prefix "$PREFIX" --port "$PORT" --folder "$WORK/ws3" --out "$RESULTS" --expect-untrusted \
  || fail "$WORK/udd3"
bash "$HERE/run-code-server.sh" stop "$WORK/udd3" >/dev/null 2>&1
echo "e2e: passed in $((SECONDS - START)) s; screenshots in vscode-extension/test-results/: $(cd "$RESULTS" && ls | tr '\n' ' ')"

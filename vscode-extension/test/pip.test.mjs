// The one-click install's pip run (src/pip.ts), with plain node: `npm test`.
// Stand-in interpreters record what they were asked to run; real pip runs
// offline in the repo's venv (perflint is there already) and a throwaway
// venv without pip must fail with Python's own words.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, test } from "node:test";
import { installArgs, installCommand, runPip } from "../out/test/pip.mjs";

const work = mkdtempSync(join(tmpdir(), "perflint-pip-"));
after(() => rmSync(work, { recursive: true, force: true }));

function standIn(name, script) {
  const path = join(work, name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

test("the command is pip of the chosen interpreter, for the distribution perflint-cst", () => {
  const pyproject = readFileSync(new URL("../../pyproject.toml", import.meta.url), "utf8");
  assert.match(pyproject, /^name = "perflint-cst"$/m);
  assert.deepEqual(installArgs(), ["-m", "pip", "install", "perflint-cst"]);
  assert.equal(installCommand("/opt/env/bin/python"), '"/opt/env/bin/python" -m pip install perflint-cst');
});

test("each line pip prints is reported, and success is its exit status", async () => {
  const log = join(work, "args");
  const python = standIn(
    "python-ok",
    `echo "$@" > "${log}"; echo "Collecting perflint-cst"; echo "progress: $PIP_PROGRESS_BAR" >&2; echo "Successfully installed perflint-cst-0.1.0"`,
  );
  const lines = [];
  const result = await runPip(python, (line) => lines.push(line));
  assert.equal(readFileSync(log, "utf8").trim(), "-m pip install perflint-cst");
  assert.ok(result.ok);
  assert.deepEqual(lines.sort(), ["Collecting perflint-cst", "Successfully installed perflint-cst-0.1.0", "progress: off"]);
});

test("a failing pip, or an interpreter that does not exist, is a result with the reason", async () => {
  const python = standIn("python-fails", 'echo "ERROR: No matching distribution found for perflint-cst" >&2; exit 1');
  const failed = await runPip(python, () => {});
  assert.equal(failed.ok, false);
  assert.match(failed.detail, /No matching distribution/);
  const missing = await runPip(join(work, "no-such-python"), () => {});
  assert.equal(missing.ok, false);
  assert.match(missing.detail, /ENOENT/);
});

test("real pip: perflint already in the repo's venv is a success; a venv without pip says why", { timeout: 120000 }, async () => {
  process.env.PIP_NO_INDEX = "1"; // offline: pip looks at what is installed only
  try {
    const repo = fileURLToPath(new URL("../../.venv/bin/python", import.meta.url));
    const lines = [];
    const installed = await runPip(repo, (line) => lines.push(line));
    assert.ok(installed.ok, installed.detail);
    assert.ok(lines.some((l) => /Requirement already satisfied: perflint-cst/.test(l)), lines.join("\n"));
    const bare = join(work, "bare");
    execFileSync("python3", ["-m", "venv", "--without-pip", bare]);
    const failed = await runPip(join(bare, "bin", "python"), () => {});
    assert.equal(failed.ok, false);
    assert.match(failed.detail, /No module named pip/);
  } finally {
    delete process.env.PIP_NO_INDEX;
  }
});

test("an abort stops pip", async () => {
  const python = standIn("python-slow", "sleep 30");
  const abort = new AbortController();
  const running = runPip(python, () => {}, abort.signal);
  abort.abort();
  const result = await running;
  assert.equal(result.ok, false);
});

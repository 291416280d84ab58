// Installing perflint into the interpreter that lacks it: the command, and a pip
// run that reports its output line by line. No vscode import, so that tests run
// it with plain node (test/pip.test.mjs).
import { spawn } from "node:child_process";

// The distribution on PyPI (pyproject.toml's name); its import package is perflint.
export const DISTRIBUTION = "perflint-cst";

/** The arguments after the interpreter: pip of that very environment. */
export function installArgs(): string[] {
  return ["-m", "pip", "install", DISTRIBUTION];
}

/** The command as a user would type it (for the clipboard and messages). */
export function installCommand(python: string): string {
  return `"${python}" ${installArgs().join(" ")}`;
}

export interface PipResult {
  ok: boolean;
  detail: string; // the last lines pip printed, or why it could not run
}

/**
 * Run `python -m pip install perflint-cst`, calling onLine with each line it
 * prints (stdout and stderr). An abort signal stops it.
 */
export function runPip(
  python: string,
  onLine: (line: string) => void,
  signal?: AbortSignal,
): Promise<PipResult> {
  return new Promise((resolve) => {
    const tail: string[] = [];
    const child = spawn(python, installArgs(), {
      signal,
      // pip's progress bars and prompts are for terminals: plain lines here.
      env: { ...process.env, PIP_PROGRESS_BAR: "off", PIP_NO_INPUT: "1" },
    });
    const read = (chunk: Buffer) => {
      for (const line of chunk.toString().split(/\r?\n/)) {
        if (line.trim()) {
          tail.push(line);
          tail.splice(0, Math.max(0, tail.length - 5));
          onLine(line);
        }
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("error", (error) => resolve({ ok: false, detail: error.message }));
    child.on("close", (code) =>
      resolve({ ok: code === 0, detail: tail.join("\n") || `pip exited with ${String(code)}` }),
    );
  });
}

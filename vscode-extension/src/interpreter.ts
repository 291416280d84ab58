// Which Python runs the perflint server: the perflint.interpreter setting, the
// Python extension's active environment when that extension is installed (it
// is optional: never a dependency), then python3 on PATH.
import { execFile } from "node:child_process";
import * as vscode from "vscode";

export interface Interpreter {
  path: string;
  source: string; // where it came from, for messages
}

function configured(): Interpreter | undefined {
  const inspected = vscode.workspace.getConfiguration("perflint").inspect<string>("interpreter");
  // An untrusted workspace must not choose a program for us to run.
  const candidates: Array<[string | undefined, string]> = vscode.workspace.isTrusted
    ? [
        [inspected?.workspaceFolderValue, "the workspace folder's perflint.interpreter"],
        [inspected?.workspaceValue, "the workspace's perflint.interpreter"],
        [inspected?.globalValue, "your perflint.interpreter setting"],
      ]
    : [[inspected?.globalValue, "your perflint.interpreter setting"]];
  for (const [value, source] of candidates) {
    if (value && value.trim()) {
      return { path: value.trim(), source };
    }
  }
  return undefined;
}

interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
    resolveEnvironment(
      env: { path: string },
    ): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  };
}

async function fromPythonExtension(): Promise<Interpreter | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>("ms-python.python");
  if (!extension) {
    return undefined;
  }
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    const environments = api?.environments;
    if (!environments) {
      return undefined;
    }
    const active = environments.getActiveEnvironmentPath(vscode.workspace.workspaceFolders?.[0]?.uri);
    const resolved = await environments.resolveEnvironment(active);
    const path = resolved?.executable.uri?.fsPath;
    return path ? { path, source: "the Python extension's active interpreter" } : undefined;
  } catch {
    return undefined; // an older or broken Python extension: fall back to PATH
  }
}

export async function findInterpreter(): Promise<Interpreter> {
  return (
    configured() ??
    (await fromPythonExtension()) ?? {
      path: process.platform === "win32" ? "python" : "python3",
      source: "PATH",
    }
  );
}

/** Whether perflint's server can be imported by this interpreter; the error text otherwise. */
export function checkPerflint(interpreter: Interpreter): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      interpreter.path,
      ["-c", "import perflint.lsp"],
      { timeout: 30000 },
      (error, _stdout, stderr) => resolve(error ? (stderr.trim() || error.message) : undefined),
    );
  });
}

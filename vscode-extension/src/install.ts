// The one-click install offered when perflint is missing in the chosen
// interpreter: pip in that environment, its progress in a notification and
// its output in the perflint output channel.
import * as vscode from "vscode";
import { DISTRIBUTION, runPip } from "./pip";

/** Install perflint into python; true when it worked. */
export async function installPerflint(python: string, output: vscode.LogOutputChannel): Promise<boolean> {
  output.info(`Installing ${DISTRIBUTION} into ${python}`);
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Installing ${DISTRIBUTION} into ${python}`,
      cancellable: true,
    },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return runPip(
        python,
        (line) => {
          output.info(`pip: ${line}`);
          progress.report({ message: line.slice(0, 120) });
        },
        abort.signal,
      );
    },
  );
  if (!result.ok) {
    output.error(`pip install ${DISTRIBUTION} failed: ${result.detail}`);
    void vscode.window
      .showErrorMessage(`Installing ${DISTRIBUTION} failed: ${result.detail.split("\n").pop()}`, "Show Output")
      .then((choice) => choice && output.show());
  }
  return result.ok;
}

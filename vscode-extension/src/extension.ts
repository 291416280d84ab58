// perflint for VS Code: starts `python -m perflint.lsp` and lets the language
// client do the rest (diagnostics, quick fixes, fix-all, hover, code lenses).
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, State } from "vscode-languageclient/node";
import { installPerflint } from "./install";
import { checkPerflint, findInterpreter } from "./interpreter";
import { installCommand } from "./pip";

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append("perflint");

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let starting: Promise<void> | undefined;

function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("perflint");
  const select = config.get<string[]>("select", []);
  return {
    select: select.length ? select : null,
    ignore: config.get<string[]>("ignore", []),
    unsafeFixes: config.get<boolean>("unsafeFixes", false),
    run: config.get<string>("run", "onType"),
    codeLens: config.get<boolean>("codeLens", true),
    configurationPreference: config.get<string>("configurationPreference", "editorFirst"),
    // In an untrusted workspace VS Code gives only the user's value (a restricted setting).
    profile: config.get<string | string[]>("profile", ""),
    coldFindingsAsHints: config.get<boolean>("coldFindingsAsHints", false),
  };
}

async function start(): Promise<void> {
  const interpreter = await findInterpreter();
  output.info(`Python: ${interpreter.path} (from ${interpreter.source})`);
  const problem = await checkPerflint(interpreter);
  if (problem) {
    // One clear message, no restart loop: the server is not started at all.
    output.error(`perflint cannot start: ${problem}`);
    const install = installCommand(interpreter.path);
    const choice = await vscode.window.showErrorMessage(
      `perflint is not installed for ${interpreter.path} (${interpreter.source}). Install it with: ${install}`,
      "Install perflint",
      "Copy install command",
      "Choose interpreter",
      "Show Output",
    );
    if (choice === "Install perflint") {
      if (await installPerflint(interpreter.path, output)) {
        void restart(); // queued after this start returns
      }
    } else if (choice === "Copy install command") {
      await vscode.env.clipboard.writeText(install);
    } else if (choice === "Choose interpreter") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "perflint.interpreter");
    } else if (choice === "Show Output") {
      output.show();
    }
    return;
  }
  const serverOptions: ServerOptions = {
    command: interpreter.path,
    args: ["-m", "perflint.lsp"],
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "untitled", language: "python" },
      // Notebook cells; the server lints a notebook's cells together (notebook sync).
      { notebook: "jupyter-notebook", language: "python" },
    ],
    // Trust goes only here, never with the settings: a workspace's settings must
    // not be able to say it is trusted. Granting trust restarts the server.
    initializationOptions: { ...serverSettings(), workspaceTrusted: vscode.workspace.isTrusted },
    synchronize: { configurationSection: "perflint" },
    outputChannel: output,
    traceOutputChannel: output,
  };
  client = new LanguageClient("perflint", "perflint", serverOptions, clientOptions);
  client.onDidChangeState((event) => {
    if (event.newState === State.Stopped) {
      output.warn("perflint server stopped");
    }
  });
  await client.start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop().catch((error: unknown) => output.error(`stopping the server: ${String(error)}`));
  }
}

function restart(): Promise<void> {
  starting = (starting ?? Promise.resolve()).then(stop).then(start).catch((error: unknown) => {
    output.error(`perflint server failed to start: ${String(error)}`);
    void vscode.window.showErrorMessage(`perflint server failed to start: ${String(error)}`, "Show Output").then(
      (choice) => choice && output.show(),
    );
  });
  return starting;
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "python") {
    void vscode.window.showInformationMessage("perflint: open a Python file to fix.");
    return;
  }
  await vscode.commands.executeCommand("editor.action.codeAction", {
    kind: FIX_ALL_KIND.value,
    apply: "first",
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("perflint", { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("perflint.restart", restart),
    vscode.commands.registerCommand("perflint.fixAll", fixAll),
    vscode.commands.registerCommand("perflint.showOutput", () => output.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("perflint.interpreter")) {
        void restart();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
    { dispose: () => void stop() },
  );
  await restart();
}

export async function deactivate(): Promise<void> {
  await stop();
}

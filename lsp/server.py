"""perflint's language server (pygls 2): diagnostics as you type, quick
fixes, "disable for this line", fix-all, and rule docs on hover."""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from perflint import __version__
from perflint.config import ConfigError, Settings, load_settings
from perflint.incremental import IncrementalLinter
from perflint.noqa import suppressed_codes
from perflint.registry import by_code

from .convert import SOURCE, Lines, text_edits, to_lsp

_CODE = re.compile(r"PFL\d{3}", re.IGNORECASE)
# A change that follows another within DEBOUNCE seconds waits as long for
# typing to pause (a burst is linted once). The first change after a pause
# waits only long enough for changes already sent with it to arrive.
DEBOUNCE = 0.05
FIRST_CHANGE_DELAY = 0.01
FIX_ALL = "source.fixAll.perflint"


@dataclass
class Options:
    """What the editor asks for (initializationOptions / didChangeConfiguration)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    run: str = "onType"  # or "onSave"
    code_lens: bool = True  # lenses on JIT candidates and on functions with O(n^2) findings
    # "editorFirst": these options win over a config file; "filesystemFirst": a
    # project's pyproject.toml / perflint.toml wins, these apply only without one.
    configuration_preference: str = "editorFirst"

    @classmethod
    def read(cls, raw: Any) -> Options:
        raw = raw if isinstance(raw, dict) else {}
        raw = raw.get("perflint", raw)
        select = raw.get("select")
        return cls(
            select=tuple(select) if isinstance(select, list) and select else None,
            ignore=tuple(raw.get("ignore") or ()),
            unsafe_fixes=bool(raw.get("unsafeFixes", False)),
            run="onSave" if raw.get("run") == "onSave" else "onType",
            code_lens=raw.get("codeLens", True) is not False,
            configuration_preference=(
                "filesystemFirst"
                if raw.get("configurationPreference") == "filesystemFirst"
                else "editorFirst"
            ),
        )


@dataclass
class State:
    options: Options = field(default_factory=Options)
    pending: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    # Per open document: an edit re-lints only the definitions it can affect.
    linters: dict[str, IncrementalLinter] = field(default_factory=dict)
    published: dict[str, list[types.Diagnostic]] = field(default_factory=dict)
    changed_at: dict[str, float] = field(default_factory=dict)  # event loop time
    # The client pulls diagnostics (textDocument/diagnostic) and is not sent any.
    pull: bool = False
    # Project root -> does the project use numba (PFL301's fix); until a
    # dependency or config file changes.
    numba_projects: dict[str, bool] = field(default_factory=dict)


class PerflintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("perflint", __version__)
        self.state = State()

    # --- linting ---

    def workspace_root(self, path: str) -> str | None:
        """The innermost workspace folder holding path, or None."""
        roots = [to_fs_path(uri) for uri in self.workspace.folders]
        if self.workspace.root_path:
            roots.append(self.workspace.root_path)
        inside = [
            root
            for root in roots
            if root and os.path.commonpath([root, path]) == os.path.normpath(root)
        ]
        return max(inside, key=len) if inside else None

    def settings_for(self, path: str | None) -> Settings:
        """The file's settings and what the project around it tells (does it use numba)."""
        settings = self.configured_settings(path)
        root = self.workspace_root(path) if path else None
        if root is None:
            return settings  # outside the workspace: only the document's own imports count
        if settings.config_file:
            root = settings.root
        if root not in self.state.numba_projects:
            from perflint.files import discover
            from perflint.jit.project import numba_in_project

            found = discover([root], settings).files
            self.state.numba_projects[root] = numba_in_project(root, found)
        return replace(settings, numba_in_project=self.state.numba_projects[root])

    def configured_settings(self, path: str | None) -> Settings:
        """The file's config (nearest pyproject.toml/perflint.toml inside its
        workspace folder), then the editor's options on top. The server reads
        no file outside the workspace it was given: documents elsewhere, and
        path-less ones, get the defaults."""
        settings = Settings()
        root = self.workspace_root(path) if path else None
        if path and root:
            try:
                settings = load_settings(None, os.path.dirname(path), top=root)
            except ConfigError as exc:
                self.window_log_message(
                    types.LogMessageParams(type=types.MessageType.Warning, message=str(exc))
                )
        options = self.state.options
        if options.configuration_preference == "filesystemFirst" and settings.config_file:
            return settings
        try:
            settings = settings.with_overrides(
                select=options.select,
                ignore=options.ignore or None,  # the editor's keys replace the file's
                unsafe_fixes=options.unsafe_fixes or None,
            )
            settings.validate()
        except ConfigError as exc:
            self.window_log_message(
                types.LogMessageParams(type=types.MessageType.Warning, message=str(exc))
            )
            settings = Settings()
        return settings

    def diagnostics_for(self, uri: str, text: str) -> list[types.Diagnostic]:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        settings = self.settings_for(path)
        linter = self.state.linters.setdefault(uri, IncrementalLinter())
        result = linter.lint(text, path or "untitled.py", settings)
        for rule, message in result.errors:
            self.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Error, message=f"perflint {rule}: {message}"
                )
            )
        lines = Lines(text)
        return [to_lsp(d, lines, settings.unsafe_fixes) for d in result.diagnostics]

    async def lint_later(self, uri: str, delay: float) -> None:
        """Lint the latest text after `delay`; a newer change cancels this one,
        and a result for a version that is no longer current is never published.
        A client that pulls diagnostics is asked to pull again instead."""
        if self.state.pull:
            self.state.published.pop(uri, None)
            self.ask_for_a_pull()
            return
        previous = self.state.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        task = asyncio.ensure_future(self._lint(uri, delay))
        self.state.pending[uri] = task

    async def _lint(self, uri: str, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            document = self.workspace.get_text_document(uri)
            version, text = document.version, document.source
            loop = asyncio.get_running_loop()
            # Off the event loop: the server keeps answering while a file is linted.
            found = await loop.run_in_executor(None, self.diagnostics_for, uri, text)
        except asyncio.CancelledError:
            return
        except Exception as exc:  # noqa: BLE001 (one bad lint must not kill the server)
            self.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Error, message=f"perflint crashed on {uri}: {exc!r}"
                )
            )
            return
        current = self.workspace.get_text_document(uri)
        if current.version != version or uri not in self.workspace.text_documents:
            return  # stale: a newer edit is on its way
        self.state.published[uri] = found
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=found)
        )

    def ask_for_a_pull(self) -> None:
        workspace = self.client_capabilities.workspace
        diagnostics = workspace.diagnostics if workspace else None
        if diagnostics is not None and diagnostics.refresh_support:
            self.workspace_diagnostic_refresh(None)


server = PerflintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: PerflintServer, params: types.InitializeParams) -> None:
    ls.state.options = Options.read(params.initialization_options)
    text_document = params.capabilities.text_document
    ls.state.pull = text_document is not None and text_document.diagnostic is not None


CONFIG_GLOBS = (
    "**/pyproject.toml", "**/perflint.toml", "**/requirements*.txt", "**/setup.cfg",
)  # fmt: skip


@server.feature(types.INITIALIZED)
async def initialized(ls: PerflintServer, params: types.InitializedParams) -> None:
    """Ask the editor to tell us when a config file changes (when it can)."""
    workspace = ls.client_capabilities.workspace
    watching = workspace.did_change_watched_files if workspace else None
    if watching is None or not watching.dynamic_registration:
        return
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in CONFIG_GLOBS]
    )
    registration = types.Registration(
        id="perflint-config",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=options,
    )
    try:
        await ls.client_register_capability_async(
            types.RegistrationParams(registrations=[registration])
        )
    except Exception as exc:  # noqa: BLE001 (an editor may refuse; linting still works)
        ls.window_log_message(
            types.LogMessageParams(
                type=types.MessageType.Info, message=f"no config watching: {exc}"
            )
        )


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def config_changed(ls: PerflintServer, params: types.DidChangeWatchedFilesParams) -> None:
    """A config or dependency file changed: lint every open document again
    (settings are read from disk for each lint, so the new ones apply; whether
    the project uses numba is found again)."""
    watched = ("pyproject.toml", "perflint.toml", "setup.cfg", ".txt")
    if any(change.uri.endswith(watched) for change in params.changes):
        ls.state.numba_projects.clear()
        for uri in list(ls.workspace.text_documents):
            await ls.lint_later(uri, 0)


@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC,
    types.DiagnosticOptions(inter_file_dependencies=False, workspace_diagnostics=False),
)
async def pull_diagnostics(
    ls: PerflintServer, params: types.DocumentDiagnosticParams
) -> types.RelatedFullDocumentDiagnosticReport:
    """Pull model: the client asks, we lint the document as it is now (with
    `run: onSave`, as it was when last opened or saved)."""
    uri = params.text_document.uri
    if uri not in ls.workspace.text_documents:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    known = ls.state.published.get(uri)
    if known is not None and ls.state.options.run == "onSave":
        return types.RelatedFullDocumentDiagnosticReport(items=known)
    text = ls.workspace.get_text_document(uri).source
    loop = asyncio.get_running_loop()
    found = await loop.run_in_executor(None, ls.diagnostics_for, uri, text)
    ls.state.published[uri] = found
    return types.RelatedFullDocumentDiagnosticReport(items=found)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(
    ls: PerflintServer, params: types.DidChangeConfigurationParams
) -> None:
    if params.settings:
        ls.state.options = Options.read(params.settings)
    for uri in list(ls.workspace.text_documents):
        await ls.lint_later(uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: PerflintServer, params: types.DidOpenTextDocumentParams) -> None:
    if not ls.state.pull:  # a pulling client asks for the new document itself
        await ls.lint_later(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: PerflintServer, params: types.DidChangeTextDocumentParams) -> None:
    if ls.state.options.run == "onType" and not ls.state.pull:
        uri = params.text_document.uri
        now = asyncio.get_running_loop().time()
        last = ls.state.changed_at.get(uri)
        ls.state.changed_at[uri] = now
        in_a_burst = last is not None and now - last < DEBOUNCE
        await ls.lint_later(uri, DEBOUNCE if in_a_burst else FIRST_CHANGE_DELAY)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: PerflintServer, params: types.DidSaveTextDocumentParams) -> None:
    if not ls.state.pull or ls.state.options.run == "onSave":
        await ls.lint_later(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: PerflintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    pending = ls.state.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.state.published.pop(uri, None)
    ls.state.linters.pop(uri, None)
    ls.state.changed_at.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
)
def code_actions(ls: PerflintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    if uri not in ls.workspace.text_documents:
        return []
    document = ls.workspace.get_text_document(uri)
    wanted = params.context.only
    actions: list[types.CodeAction] = []
    if not wanted or any(k in (types.CodeActionKind.QuickFix,) for k in wanted):
        for diagnostic in params.context.diagnostics:
            if diagnostic.source != SOURCE:
                continue
            edits = text_edits(diagnostic.data)
            if edits:
                fix = diagnostic.data["fix"]  # type: ignore[index]  # text_edits checked it
                actions.append(
                    types.CodeAction(
                        title=f"perflint: {fix['message']} ({diagnostic.code})",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        is_preferred=bool(fix.get("safe")),
                        edit=types.WorkspaceEdit(changes={uri: edits}),
                    )
                )
            actions.append(_noqa_action(uri, document.lines, diagnostic))
    if not wanted or any(
        str(k).startswith("source.fixAll") or k == types.CodeActionKind.Source for k in wanted
    ):
        fix_all = _fix_all_action(ls, uri, document.source)
        if fix_all is not None:
            actions.append(fix_all)
    return actions


def _noqa_action(uri: str, lines: Sequence[str], diagnostic: types.Diagnostic) -> types.CodeAction:
    """Add the code to the line's `# noqa: ...` (or start one)."""
    row = diagnostic.range.start.line
    line = lines[row] if row < len(lines) else ""
    body = line.rstrip("\r\n")
    codes = suppressed_codes(body)
    code = str(diagnostic.code)
    if codes is None:
        new_line = f"{body}  # noqa: {code}"
    elif not codes or code in codes:
        new_line = body
    else:
        index = body.lower().rindex("noqa")
        comment_start = body.rfind("#", 0, index)
        listed = ", ".join(sorted({*codes, code}))
        new_line = f"{body[:comment_start]}# noqa: {listed}"
    end_character = len(body.encode("utf-16-le")) // 2
    edit = types.TextEdit(
        range=types.Range(
            start=types.Position(line=row, character=0),
            end=types.Position(line=row, character=end_character),
        ),
        new_text=new_line,
    )
    return types.CodeAction(
        title=f"perflint: disable {code} for this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def _fix_all_action(ls: PerflintServer, uri: str, text: str) -> types.CodeAction | None:
    """All fixes of the document (safe ones, unsafe too if the settings say so),
    as one whole-document edit computed by perflint's fix loop."""
    from perflint.fix import fix_text

    path = to_fs_path(uri) if uri.startswith("file:") else None
    settings = ls.settings_for(path)
    outcome = fix_text(text, path or "untitled.py", settings, unsafe=settings.unsafe_fixes)
    if outcome.text == text:
        return None
    lines = Lines(text)
    end = lines.position(len(lines.lines) + 1, 1)
    whole = types.Range(start=types.Position(line=0, character=0), end=end)
    return types.CodeAction(
        title="perflint: fix all",
        kind=FIX_ALL,
        edit=types.WorkspaceEdit(
            changes={uri: [types.TextEdit(range=whole, new_text=outcome.text)]}
        ),
    )


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: PerflintServer, params: types.HoverParams) -> types.Hover | None:
    """The rule's documentation over a `# noqa: PFLxxx` code or a finding's line."""
    if params.text_document.uri not in ls.workspace.text_documents:
        return None  # not open: nothing of ours to explain
    document = ls.workspace.get_text_document(params.text_document.uri)
    row = params.position.line
    line = document.lines[row] if row < len(document.lines) else ""
    rules = by_code()
    codes = _codes_near(line, params.position.character)
    for diagnostic in ls.state.published.get(params.text_document.uri, []):
        if _contains(diagnostic.range, params.position):
            codes.append(str(diagnostic.code))
    for code in codes:
        rule = rules.get(code)
        if rule is not None:
            return types.Hover(
                contents=types.MarkupContent(
                    kind=types.MarkupKind.Markdown,
                    value=f"**{rule.code} {rule.name}**\n\n{rule.tier_line()}\n\n{rule.doc()}",
                )
            )
    return None


def _contains(span: types.Range, position: types.Position) -> bool:
    start, end = span.start, span.end
    after_start = (position.line, position.character) >= (start.line, start.character)
    return after_start and (position.line, position.character) <= (end.line, end.character)


def _codes_near(line: str, character: int) -> list[str]:
    """Rule codes written on the line (a `# noqa: PFL101`) under the cursor."""
    return [
        match.group(0).upper()
        for match in _CODE.finditer(line)
        if match.start() <= character <= match.end()
    ]


APPLY_FIX = "perflint.applyFix"
SHOW_FINDINGS = "perflint.showFindings"


@server.feature(types.TEXT_DOCUMENT_CODE_LENS)
def code_lens(ls: PerflintServer, params: types.CodeLensParams) -> list[types.CodeLens]:
    """`numba: add @njit` over a JIT candidate (applies its fix), and
    `O(n^2): N findings` over a function with super-linear findings."""
    uri = params.text_document.uri
    if not ls.state.options.code_lens or uri not in ls.workspace.text_documents:
        return []
    found = ls.state.published.get(uri, [])
    lenses = []
    for diagnostic in found:
        if diagnostic.code == "PFL301":
            edits = text_edits(diagnostic.data)
            command = (
                types.Command(
                    title="numba: add @njit", command=APPLY_FIX, arguments=[uri, diagnostic.data]
                )
                if edits
                else types.Command(
                    title="numba: this function would compile", command=SHOW_FINDINGS
                )
            )
            lenses.append(types.CodeLens(range=diagnostic.range, command=command))
    text = ls.workspace.get_text_document(uri).source
    for line, count in _superlinear_by_function(text, found):
        title = f"O(n^2): {count} finding{'s' if count > 1 else ''}"
        start = types.Position(line=line, character=0)
        lenses.append(
            types.CodeLens(
                range=types.Range(start=start, end=start),
                command=types.Command(title=title, command=SHOW_FINDINGS),
            )
        )
    return lenses


def _superlinear_by_function(text: str, found: list[types.Diagnostic]) -> list[tuple[int, int]]:
    """(0-based def line, number of complexity findings inside) per function."""
    import ast

    from perflint.source import parse_python

    try:
        tree = parse_python(text)
    except (SyntaxError, ValueError):
        return []
    rows = [d.range.start.line + 1 for d in found if str(d.code).startswith("PFL1")]
    if not rows:
        return []
    counts = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            end = node.end_lineno or node.lineno
            inner = [
                n
                for n in ast.walk(node)
                if n is not node and isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
            ]
            inside = [
                r
                for r in rows
                if node.lineno <= r <= end
                and not any(n.lineno <= r <= (n.end_lineno or n.lineno) for n in inner)
            ]
            if inside:
                first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
                counts.append((first - 1, len(inside)))
    return sorted(counts)


@server.command(APPLY_FIX)
async def apply_fix(ls: PerflintServer, uri: str, data: Any) -> None:
    edits = text_edits(data)
    if edits:
        await ls.workspace_apply_edit_async(
            types.ApplyWorkspaceEditParams(
                edit=types.WorkspaceEdit(changes={uri: edits}), label="perflint"
            )
        )


@server.command(SHOW_FINDINGS)
def show_findings(ls: PerflintServer, *args: Any) -> None:
    """The lens's own click: the findings are already in the Problems view."""


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(
        prog="perflint server", description="perflint's language server"
    )
    parser.add_argument(
        "--tcp", nargs=2, metavar=("HOST", "PORT"), help="listen on TCP instead of stdio"
    )
    args = parser.parse_args(argv)
    if args.tcp:
        server.start_tcp(args.tcp[0], int(args.tcp[1]))
    else:
        server.start_io()

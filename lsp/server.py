"""perflint's language server (pygls 2): diagnostics as you type, quick
fixes, "disable for this line", fix-all, rule docs on hover and, with a
profile of a real run, each finding's share of run time."""

from __future__ import annotations

import asyncio
import os
import re
from dataclasses import dataclass, field, replace
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from perflint import __version__
from perflint.config import ConfigError, Settings, load_settings
from perflint.incremental import IncrementalLinter
from perflint.profile.match import match_file
from perflint.profile.model import Profile
from perflint.registry import by_code

from . import actions, evidence, lenses, notebooks
from .actions import APPLY_FIX_ALL, FIX_ALL
from .config_watch import POLL_SECONDS, ConfigPoller, folders_between
from .convert import (
    Lines,
    code_points,
    edits_by_document,
    replace_changed_lines,
    split_lines,
    to_lsp,
)
from .lenses import APPLY_FIX, SHOW_FINDINGS
from .options import Options, read_options, read_trust
from .profiles import ProfileStore
from .protocol import PerflintProtocol, pulls_diagnostics

_CODE = re.compile(r"PFL\d{3}", re.IGNORECASE)
# A change that follows another within DEBOUNCE seconds waits as long for
# typing to pause (a burst is linted once). The first change after a pause
# waits only long enough for changes already sent with it to arrive.
DEBOUNCE = 0.05
FIRST_CHANGE_DELAY = 0.01


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
    # Per document: fix-all being computed or computed, for this text.
    fixing: dict[str, tuple[str, asyncio.Future[str]]] = field(default_factory=dict)
    # Config files looked at every few seconds, when the client cannot watch them.
    poller: ConfigPoller | None = None
    polling: asyncio.Future[None] | None = None
    # The editor trusts the workspace (initializationOptions only: a workspace's
    # own settings cannot say so); profiles that are marshal data need it.
    trusted: bool = True
    profile_polling: asyncio.Future[None] | None = None


class PerflintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "perflint",
            __version__,
            protocol_cls=PerflintProtocol,
            notebook_document_sync=notebooks.SYNC,
        )
        self.state = State()
        self.notebooks = notebooks.Notebooks(self)
        self.profiles = ProfileStore(self.log)

    @property
    def encoding(self) -> str:
        """The position encoding announced to the client (pygls picks the
        client's first choice among UTF-8, UTF-16 and UTF-32)."""
        kind = self.workspace.position_encoding  # a PositionEncodingKind or a plain str
        return str(getattr(kind, "value", kind) or "utf-16")

    def log(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def read_options(self, raw: Any, where: str) -> Options | None:
        options, problems = read_options(raw, where=where)
        for problem in problems:
            self.log(problem)
        return options

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
        if self.notebooks.holds(uri):
            return self.notebooks.cell_diagnostics(uri)  # linted with the other cells
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
        lines = Lines(text, self.encoding)
        found = [to_lsp(d, lines, settings.unsafe_fixes) for d in result.diagnostics]
        if path and found:
            self.add_evidence(found, path, text, settings)
        return found

    def add_evidence(
        self, found: list[types.Diagnostic], path: str, text: str, settings: Settings
    ) -> None:
        """Each finding's share of run time in the document's profiles, if any."""
        profiles = self.profiles_for(path, settings)
        if not profiles:
            return
        root = settings.root if settings.config_file else self.workspace_root(path) or "."
        matched = [m for m in (match_file(p, path, root, text) for p in profiles) if m]
        names = [p.source for p in profiles]
        min_share = self.min_share(settings)
        as_hints = self.state.options.cold_findings_as_hints
        for diagnostic in found:
            rows = diagnostic.range.start.line + 1, diagnostic.range.end.line + 1
            entry = evidence.measured(matched, names, *rows)
            evidence.attach(diagnostic, entry, min_share, as_hints)

    def profiles_for(self, path: str, settings: Settings) -> list[Profile]:
        """The profiles for the document at path that may be read: the editor's
        `profile` option (relative to the document's workspace folder), else the
        config file's (relative to its project root); files inside the workspace
        folders only, pstats files only in a trusted workspace."""
        root = self.workspace_root(path)
        if root is None:
            return []  # a document outside the workspace: no config, no profile
        options = self.state.options
        file_first = options.configuration_preference == "filesystemFirst"
        if options.profile and not (file_first and settings.config_file):
            wanted = [(os.path.join(root, p), p) for p in options.profile]
        else:
            wanted = [(os.path.join(settings.root, p), p) for p in settings.profiles]
        found = []
        for given, name in wanted:
            real = os.path.realpath(given)
            inside = self.in_workspace(real)
            profile = self.profiles.get(real, name, inside=inside, trusted=self.state.trusted)
            if profile is not None:
                found.append(profile)
        return found

    def in_workspace(self, real: str) -> bool:
        """Whether a resolved path is inside a workspace folder (resolved too)."""
        roots = [to_fs_path(uri) for uri in self.workspace.folders]
        if self.workspace.root_path:
            roots.append(self.workspace.root_path)
        for root in filter(None, roots):
            top = os.path.realpath(root)
            if os.path.commonpath([top, real]) == top:
                return True
        return False

    def min_share(self, settings: Settings) -> float:
        """The config file's min-share: findings under it are cold (0: only those
        that never ran)."""
        if settings.min_share is None:
            return 0.0
        from perflint.profile.evidence import parse_min_share

        try:
            return parse_min_share(settings.min_share)
        except ValueError:
            self.log(
                f"perflint: min-share {settings.min_share!r}: expected a share like 5% or 0.05"
            )
            return 0.0

    def fixed_text(self, uri: str, text: str) -> str:
        """The text with every fix applied (safe ones, unsafe too if the settings
        say so), by perflint's fix loop."""
        from perflint.fix import fix_text

        path = to_fs_path(uri) if uri.startswith("file:") else None
        settings = self.settings_for(path)
        return fix_text(text, path or "untitled.py", settings, unsafe=settings.unsafe_fixes).text

    async def fix_all_edit(self, uri: str) -> types.TextEdit | None:
        """Fix-all for the document as it is now, computed off the event loop
        once per text (a second request for the same text waits for the first)."""
        text = self.workspace.get_text_document(uri).source
        known = self.state.fixing.get(uri)
        if known is None or known[0] != text:
            loop = asyncio.get_running_loop()
            future = loop.run_in_executor(None, self.fixed_text, uri, text)
            known = self.state.fixing[uri] = (text, future)
        try:
            fixed = await asyncio.shield(known[1])
        except Exception as exc:  # noqa: BLE001 (a bug in a fix must not kill the server)
            if self.state.fixing.get(uri) is known:
                del self.state.fixing[uri]  # the next request tries again
            self.log(f"perflint: fix-all failed on {uri}: {exc!r}", types.MessageType.Error)
            return None
        return None if fixed == text else replace_changed_lines(text, fixed, self.encoding)

    async def fix_all_changes(self, uri: str) -> dict[str, list[types.TextEdit]]:
        """Fix-all's edits by document: in a notebook cell, fixes may add an
        import to another cell."""
        if self.notebooks.holds(uri):
            return await self.notebooks.fix_all(uri)
        edit = await self.fix_all_edit(uri)
        return {uri: [edit]} if edit else {}

    async def lint_all_again(self) -> None:
        """Settings or config files changed: what was computed under the old ones
        goes, and every open document is linted again (pushed, or a pull asked for)."""
        self.state.numba_projects.clear()
        self.state.fixing.clear()
        self.state.published.clear()  # lenses and hover must not show the old shares
        for uri in list(self.workspace.text_documents):
            await self.lint_later(uri, 0)
        self.ask_for_lenses()

    async def findings(self, uri: str) -> list[types.Diagnostic]:
        """The document's diagnostics as last published or pulled; linted now
        when there are none yet (a lens request can come before the first)."""
        known = self.state.published.get(uri)
        if known is None:
            text = self.workspace.get_text_document(uri).source
            loop = asyncio.get_running_loop()
            known = await loop.run_in_executor(None, self.diagnostics_for, uri, text)
        return known

    def open_document_folders(self) -> list[str]:
        """The folders whose config files apply to the open documents (inside
        the workspace only, as for reading them)."""
        folders = []
        for uri in list(self.workspace.text_documents):
            path = to_fs_path(uri) if uri.startswith("file:") else None
            root = self.workspace_root(path) if path else None
            if path and root:
                folders.extend(folders_between(path, root))
        return folders

    async def lint_later(self, uri: str, delay: float) -> None:
        """Lint the latest text after `delay`; a newer change cancels this one,
        and a result for a version that is no longer current is never published.
        A client that pulls diagnostics is asked to pull again instead."""
        if self.notebooks.holds(uri):
            self.notebooks.lint_cell_later(uri)  # pushed, even to a pulling client
            return
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

    def ask_for_lenses(self) -> None:
        """Lenses show shares and counts: ask the client to request them again."""
        workspace = self.client_capabilities.workspace
        code_lens = workspace.code_lens if workspace else None
        if self.state.options.code_lens and code_lens is not None and code_lens.refresh_support:
            self.workspace_code_lens_refresh(None)

    def ask_for_a_pull(self) -> None:
        workspace = self.client_capabilities.workspace
        diagnostics = workspace.diagnostics if workspace else None
        if diagnostics is not None and diagnostics.refresh_support:
            self.workspace_diagnostic_refresh(None)


server = PerflintServer()
notebooks.register(server)


@server.feature(types.INITIALIZE)
def initialize(ls: PerflintServer, params: types.InitializeParams) -> None:
    raw = params.initialization_options
    ls.state.options = ls.read_options(raw, "initializationOptions") or Options()
    ls.state.trusted, problems = read_trust(raw)
    for problem in problems:
        ls.log(problem)
    ls.state.pull = pulls_diagnostics(params.capabilities)


CONFIG_GLOBS = (
    "**/pyproject.toml", "**/perflint.toml", "**/requirements*.txt", "**/setup.cfg",
)  # fmt: skip


@server.feature(types.INITIALIZED)
async def initialized(ls: PerflintServer, params: types.InitializedParams) -> None:
    """Ask the editor to tell us when a config file changes; when it cannot,
    look at the files that apply to the open documents every few seconds.
    Profiles are always looked at (any path may be configured)."""
    ls.state.profile_polling = asyncio.ensure_future(_poll_profiles(ls))
    workspace = ls.client_capabilities.workspace
    watching = workspace.did_change_watched_files if workspace else None
    if watching is None or not watching.dynamic_registration:
        _start_polling(ls)
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
        message = f"no config watching ({exc}): looking at config files every few seconds"
        ls.log(message, types.MessageType.Info)
        _start_polling(ls)


def _start_polling(ls: PerflintServer) -> None:
    ls.state.poller = ConfigPoller(ls.open_document_folders)
    ls.state.poller.changed()  # the files as they are now: documents may be open already
    ls.state.polling = asyncio.ensure_future(_poll_config_files(ls, ls.state.poller))


async def _poll_config_files(ls: PerflintServer, poller: ConfigPoller) -> None:
    # On the event loop, like did_open's look: a few stats, and one thread only
    # ever touches the poller.
    while True:
        await asyncio.sleep(POLL_SECONDS)
        if poller.changed():
            await ls.lint_all_again()


async def _poll_profiles(ls: PerflintServer) -> None:
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(POLL_SECONDS)
        # In a thread: a lint may be reading a profile, and the store waits for it.
        if await loop.run_in_executor(None, ls.profiles.changed):
            await ls.lint_all_again()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def config_changed(ls: PerflintServer, params: types.DidChangeWatchedFilesParams) -> None:
    """A config or dependency file changed: lint every open document again
    (settings are read from disk for each lint, so the new ones apply; whether
    the project uses numba is found again)."""
    watched = ("pyproject.toml", "perflint.toml", "setup.cfg", ".txt")
    if any(change.uri.endswith(watched) for change in params.changes):
        await ls.lint_all_again()


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
    options = ls.read_options(params.settings, "settings")
    if options is None:
        return  # settings of other tools: perflint's stay as they were
    ls.state.options = options
    await ls.lint_all_again()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: PerflintServer, params: types.DidOpenTextDocumentParams) -> None:
    if ls.state.poller is not None and ls.state.poller.changed():
        # A few stats: this document's config files are known from now on.
        await ls.lint_all_again()
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
    ls.state.fixing.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=True
    ),
)
async def code_actions(
    ls: PerflintServer, params: types.CodeActionParams
) -> list[types.CodeAction]:
    """Quick fixes come from the diagnostics' data (no lint). Fix-all is computed
    here only when asked for by kind (`only`, e.g. fix-all on save); a menu
    (no `only`) gets it unresolved, computed when chosen."""
    uri = params.text_document.uri
    if uri not in ls.workspace.text_documents:
        return []
    only = params.context.only
    result: list[types.CodeAction] = []
    if actions.wanted(types.CodeActionKind.QuickFix, only):
        lines = split_lines(ls.workspace.get_text_document(uri).source)
        for diagnostic in params.context.diagnostics:
            result.extend(actions.quick_fixes(uri, lines, diagnostic, ls.encoding))
    if only and actions.wanted(FIX_ALL, only):
        fix_all = actions.fix_all_action(await ls.fix_all_changes(uri))
        if fix_all is not None:
            result.append(fix_all)
    elif not only and actions.has_fixes(ls.state.published.get(uri, [])):
        result.append(actions.lazy_fix_all(uri, resolvable=_resolves_edits(ls)))
    return result


def _resolves_edits(ls: PerflintServer) -> bool:
    text_document = ls.client_capabilities.text_document
    code_action = text_document.code_action if text_document else None
    resolve = code_action.resolve_support if code_action else None
    return resolve is not None and "edit" in resolve.properties


@server.feature(types.CODE_ACTION_RESOLVE)
async def resolve_code_action(ls: PerflintServer, action: types.CodeAction) -> types.CodeAction:
    """A lazy fix-all gets its edit (empty when nothing is left to fix)."""
    uri = actions.fix_all_uri(action)
    if uri is None or uri not in ls.workspace.text_documents:
        return action
    action.edit = types.WorkspaceEdit(changes=await ls.fix_all_changes(uri) or {uri: []})
    return action


@server.command(APPLY_FIX_ALL)
async def apply_fix_all(ls: PerflintServer, uri: Any = None, *_: Any) -> None:
    if not isinstance(uri, str) or uri not in ls.workspace.text_documents:
        return
    changes = await ls.fix_all_changes(uri)
    if changes:
        await ls.workspace_apply_edit_async(
            types.ApplyWorkspaceEditParams(
                edit=types.WorkspaceEdit(changes=changes), label="perflint: fix all"
            )
        )


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: PerflintServer, params: types.HoverParams) -> types.Hover | None:
    """The rule's documentation over a `# noqa: PFLxxx` code or a finding's
    line; over a finding, with a profile, its share of run time first."""
    if params.text_document.uri not in ls.workspace.text_documents:
        return None  # not open: nothing of ours to explain
    document = ls.workspace.get_text_document(params.text_document.uri)
    row = params.position.line
    lines = split_lines(document.source)
    line = lines[row] if row < len(lines) else ""
    rules = by_code()
    codes = _codes_near(line, code_points(line, params.position.character, ls.encoding))
    under = [
        d
        for d in ls.state.published.get(params.text_document.uri, [])
        if _contains(d.range, params.position)
    ]
    codes.extend(str(d.code) for d in under)
    for code in codes:
        rule = rules.get(code)
        if rule is not None:
            shares = (evidence.hover_line(d.data) for d in under if str(d.code) == code)
            share = next((line for line in shares if line), None)
            doc = f"**{rule.code} {rule.name}**\n\n{rule.tier_line()}\n\n{rule.doc()}"
            return types.Hover(
                contents=types.MarkupContent(
                    kind=types.MarkupKind.Markdown, value=f"{share}\n\n{doc}" if share else doc
                )
            )
    return None


def _contains(span: types.Range, position: types.Position) -> bool:
    start, end = span.start, span.end
    after_start = (position.line, position.character) >= (start.line, start.character)
    return after_start and (position.line, position.character) <= (end.line, end.character)


def _codes_near(line: str, index: int) -> list[str]:
    """Rule codes written on the line (a `# noqa: PFL101`) under the cursor
    (at index, in code points)."""
    return [
        match.group(0).upper()
        for match in _CODE.finditer(line)
        if match.start() <= index <= match.end()
    ]


@server.feature(types.TEXT_DOCUMENT_CODE_LENS)
async def code_lens(ls: PerflintServer, params: types.CodeLensParams) -> list[types.CodeLens]:
    uri = params.text_document.uri
    if not ls.state.options.code_lens or uri not in ls.workspace.text_documents:
        return []
    text = ls.workspace.get_text_document(uri).source
    found = await ls.findings(uri)
    path = to_fs_path(uri) if uri.startswith("file:") else None
    min_share = ls.min_share(ls.configured_settings(path))
    return lenses.lenses(uri, text, found) + lenses.hot_functions(uri, found, min_share)


@server.command(APPLY_FIX)
async def apply_fix(ls: PerflintServer, uri: str, data: Any) -> None:
    changes = edits_by_document(uri, data)  # a notebook cell's fix may change another cell
    if changes:
        await ls.workspace_apply_edit_async(
            types.ApplyWorkspaceEditParams(
                edit=types.WorkspaceEdit(changes=changes), label="perflint"
            )
        )


@server.command(SHOW_FINDINGS)
async def show_findings(
    ls: PerflintServer, uri: Any = None, prefix: Any = "PFL", lines: Any = None, *_: Any
) -> None:
    """A lens's click: list the findings it counts and put the cursor on the first."""
    if not isinstance(uri, str) or not isinstance(lines, list):
        return
    found = lenses.findings_on(ls.state.published.get(uri, []), str(prefix), lines)
    ls.window_show_message(
        types.ShowMessageParams(type=types.MessageType.Info, message=lenses.describe(found))
    )
    window = ls.client_capabilities.window
    if found and window is not None and window.show_document is not None:
        await ls.window_show_document_async(
            types.ShowDocumentParams(uri=uri, take_focus=True, selection=found[0].range)
        )


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

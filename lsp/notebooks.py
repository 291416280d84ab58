"""Jupyter notebooks in the language server (LSP 3.17 notebook sync).

The client sends a notebook as one notebook document whose cells are text
documents of their own (VS Code's are `vscode-notebook-cell:` URIs). Its
Python code cells are linted together as one module by
perflint.notebook.cells (names flow between cells, IPython syntax
neutralised), and each cell gets its own diagnostics, with positions relative
to the cell, published to the cell's URI. The server asks for every cell,
markdown ones too, so that cell numbers are those of the `.ipynb` file.

Diagnostics of cells are always pushed, also to a client that pulls them for
files: VS Code's client never pulls for notebook cells (it pulls only for
documents shown in text tabs). A pull on a cell URI is answered from the same
results, so a client that does pull gets the notebook's view too.

After a change in one cell the notebook is linted again after a pause in
typing, by one IncrementalLinter per notebook (definitions the change cannot
affect keep their findings), and only cells whose diagnostics changed, or
whose text did, are published again.

A quick fix may add an import to another cell (the one holding the
notebook's first imports): its edits carry that cell's URI (convert.edit_data).
Fix-all in a cell applies the fixes of that cell's findings."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote

from lsprotocol import types
from pygls.uris import to_fs_path

from perflint.config import Settings
from perflint.diagnostics import Diagnostic, Edit, LintResult
from perflint.incremental import IncrementalLinter
from perflint.notebook.cells import apply_cell_edits, build_module, lint_cells

from .convert import Lines, edit_data, replace_changed_lines, to_lsp

if TYPE_CHECKING:
    from .server import PerflintServer

# The notebooks synced: Jupyter's (VS Code's built-in ipynb support and
# others). No `cells` filter: markdown cells are sent too, so cells keep the
# numbers they have in the file.
SYNC = types.NotebookDocumentSyncOptions(
    notebook_selector=[types.NotebookDocumentFilterWithNotebook(notebook="jupyter-notebook")],
    save=True,
)
# As for files (server.py): the first change after a pause is linted almost at
# once, a change in a burst waits for typing to pause.
DEBOUNCE = 0.05
FIRST_CHANGE_DELAY = 0.01

CellText = tuple[int, str, str]  # (cell number, cell URI as the client wrote it, source)
Found = dict[str, list[types.Diagnostic]]  # per cell URI


@dataclass
class OpenNotebook:
    uri: str
    linter: IncrementalLinter = field(default_factory=IncrementalLinter)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # The last lint: what it was of (cells and settings), and its diagnostics.
    linted: tuple[tuple[tuple[CellText, ...], Settings], Found] | None = None
    # What each cell was last sent: its document version and diagnostics.
    sent: dict[str, tuple[int | None, list[types.Diagnostic]]] = field(default_factory=dict)
    pending: asyncio.Task[None] | None = None
    changed_at: float | None = None


class Notebooks:
    """The open notebooks of one server, linted and published per cell."""

    def __init__(self, ls: PerflintServer) -> None:
        self.ls = ls
        self.open: dict[str, OpenNotebook] = {}  # by unquoted notebook URI

    # --- which documents are cells ---

    def notebook_of(self, cell_uri: str) -> OpenNotebook | None:
        """The open notebook holding the cell (None for any other document)."""
        notebook = self.ls.workspace.get_notebook_document(cell_uri=cell_uri)
        return self.open.get(unquote(notebook.uri)) if notebook is not None else None

    def holds(self, uri: str) -> bool:
        return self.notebook_of(uri) is not None

    def code_cells(self, uri: str) -> list[CellText]:
        """The notebook's Python code cells, numbered as in its `cells` array."""
        notebook = self.ls.workspace.get_notebook_document(notebook_uri=uri)
        if notebook is None:
            return []
        cells = []
        for number, cell in enumerate(notebook.cells, start=1):
            if cell.kind != types.NotebookCellKind.Code:
                continue
            document = self.ls.workspace.text_documents.get(unquote(cell.document))
            if document is None:
                self.ls.log(f"perflint: {uri}: cell {number} was never opened; not checked")
                continue
            if document.language_id in (None, "python"):
                cells.append((number, cell.document, document.source))
        return cells

    # --- linting ---

    def results(self, notebook: OpenNotebook) -> Found:
        """Every code cell's diagnostics, for the notebook as it is now; the
        last lint's when neither the cells nor the settings changed. Run off
        the event loop."""
        cells = tuple(self.code_cells(notebook.uri))
        path = _path(notebook.uri)
        settings = self.ls.settings_for(path)
        key = (cells, settings)
        with notebook.lock:
            if notebook.linted is not None and notebook.linted[0] == key:
                return notebook.linted[1]
            module = build_module([(number, source) for number, _, source in cells])
            linted = notebook.linter.lint(module.text, path or "untitled.ipynb", settings)
            self.log_errors(notebook.uri, linted)
            found: Found = {cell_uri: [] for _, cell_uri, _ in cells}
            converter = _CellConverter(cells, self.ls.encoding, settings.unsafe_fixes)
            for diagnostic in linted.diagnostics:
                mapped = module.to_cells(diagnostic)
                if mapped is not None:
                    cell_uri, lsp = converter.convert(mapped)
                    found[cell_uri].append(lsp)
            notebook.linted = (key, found)
            return found

    def cell_diagnostics(self, cell_uri: str) -> list[types.Diagnostic]:
        """One cell's diagnostics (a pull, a lens), linted with the other cells."""
        notebook = self.notebook_of(cell_uri)
        if notebook is None:
            return []
        return _for_cell(self.results(notebook), cell_uri)

    def log_errors(self, uri: str, result: LintResult) -> None:
        for rule, message in result.errors:
            self.ls.log(f"perflint {rule} on {uri}: {message}", types.MessageType.Error)

    # --- scheduling and publishing ---

    def lint_later(self, notebook: OpenNotebook, delay: float) -> None:
        """Lint the notebook after delay; a newer change cancels this lint."""
        if notebook.pending is not None:
            notebook.pending.cancel()
        notebook.pending = asyncio.ensure_future(self._lint(notebook, delay))

    def lint_cell_later(self, cell_uri: str) -> None:
        """A cell is to be linted again (settings changed): its notebook is."""
        notebook = self.notebook_of(cell_uri)
        if notebook is not None:
            self.lint_later(notebook, 0)

    def changed(self, notebook: OpenNotebook) -> None:
        """A cell was edited, added or removed: lint after a pause in typing."""
        now = asyncio.get_running_loop().time()
        in_a_burst = notebook.changed_at is not None and now - notebook.changed_at < DEBOUNCE
        notebook.changed_at = now
        self.lint_later(notebook, DEBOUNCE if in_a_burst else FIRST_CHANGE_DELAY)

    async def _lint(self, notebook: OpenNotebook, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            version = self._version(notebook)
            loop = asyncio.get_running_loop()
            found = await loop.run_in_executor(None, self.results, notebook)
        except asyncio.CancelledError:
            return
        except Exception as exc:  # noqa: BLE001 (one bad lint must not kill the server)
            self.ls.log(f"perflint crashed on {notebook.uri}: {exc!r}", types.MessageType.Error)
            return
        if self.open.get(unquote(notebook.uri)) is not notebook:
            return  # closed meanwhile
        if self._version(notebook) != version:
            return  # stale: a newer change is on its way
        self.publish(notebook, found)

    def _version(self, notebook: OpenNotebook) -> int | None:
        document = self.ls.workspace.get_notebook_document(notebook_uri=notebook.uri)
        return document.version if document is not None else None

    def publish(self, notebook: OpenNotebook, found: Found) -> None:
        """Send each cell whose text or diagnostics changed since it was last
        sent; cells no longer linted (removed, or now markdown) are cleared."""
        for cell_uri, diagnostics in found.items():
            version = self.ls.workspace.get_text_document(cell_uri).version
            self.ls.state.published[cell_uri] = diagnostics  # for hover, lenses, actions
            if notebook.sent.get(cell_uri) == (version, diagnostics):
                continue
            notebook.sent[cell_uri] = (version, diagnostics)
            self._send(cell_uri, diagnostics, version)
        for cell_uri in [u for u in notebook.sent if u not in found]:
            del notebook.sent[cell_uri]
            self.ls.state.published.pop(cell_uri, None)
            self._send(cell_uri, [], None)

    def _send(
        self, cell_uri: str, diagnostics: list[types.Diagnostic], version: int | None
    ) -> None:
        self.ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=cell_uri, diagnostics=diagnostics, version=version)
        )

    def close(self, uri: str) -> None:
        notebook = self.open.pop(unquote(uri), None)
        if notebook is None:
            return
        if notebook.pending is not None:
            notebook.pending.cancel()
        for cell_uri in notebook.sent:
            self.ls.state.published.pop(cell_uri, None)
            self._send(cell_uri, [], None)

    # --- fix-all ---

    async def fix_all(self, cell_uri: str) -> dict[str, list[types.TextEdit]]:
        """Fix-all in a cell: every applicable fix of that cell's findings, as
        edits by cell URI (an added import may go to another cell)."""
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(None, self._fix_all, cell_uri)
        except Exception as exc:  # noqa: BLE001 (a bug in a fix must not kill the server)
            self.ls.log(f"perflint: fix-all failed on {cell_uri}: {exc!r}", types.MessageType.Error)
            return {}

    def _fix_all(self, cell_uri: str) -> dict[str, list[types.TextEdit]]:
        from perflint.fix import fix_document

        notebook = self.notebook_of(cell_uri)
        if notebook is None:
            return {}
        cells = self.code_cells(notebook.uri)
        target = next((n for n, u, _ in cells if unquote(u) == unquote(cell_uri)), None)
        path = _path(notebook.uri) or "untitled.ipynb"
        settings = self.ls.settings_for(_path(notebook.uri))

        def lint(sources: dict[int, str]) -> LintResult:
            linted = lint_cells(list(sources.items()), path, settings)
            return LintResult([d for d in linted.diagnostics if d.cell == target], linted.errors)

        def apply(sources: dict[int, str], edits: list[Edit]) -> dict[int, str]:
            return {**sources, **apply_cell_edits(sources, edits)}

        before = {number: source for number, _, source in cells}
        outcome = fix_document(before, lint, apply, settings.unsafe_fixes)
        uris = {number: uri for number, uri, _ in cells}
        return {
            uris[number]: [replace_changed_lines(before[number], new, self.ls.encoding)]
            for number, new in outcome.text.items()
            if new != before[number]
        }


class _CellConverter:
    """Cell-relative findings as LSP diagnostics of their cells, positions in
    the server's encoding; a fix's edit of another cell names that cell."""

    def __init__(self, cells: tuple[CellText, ...], encoding: str, unsafe: bool) -> None:
        self.uris = {number: uri for number, uri, _ in cells}
        self.lines = {number: Lines(source, encoding) for number, _, source in cells}
        self.unsafe = unsafe

    def convert(self, d: Diagnostic) -> tuple[str, types.Diagnostic]:
        assert d.cell is not None  # CellModule.to_cells sets it
        lsp = to_lsp(d, self.lines[d.cell], self.unsafe)
        fix = lsp.data.get("fix") if isinstance(lsp.data, dict) else None
        if fix is not None and d.fix is not None:
            fix["edits"] = [
                edit_data(e, self.lines[e.cell], None if e.cell == d.cell else self.uris[e.cell])
                for e in d.fix.edits
                if e.cell is not None
            ]
        return self.uris[d.cell], lsp


def _path(uri: str) -> str | None:
    return to_fs_path(uri) if uri.startswith("file:") else None


def _for_cell(found: Found, cell_uri: str) -> list[types.Diagnostic]:
    wanted = unquote(cell_uri)
    return next((d for uri, d in found.items() if unquote(uri) == wanted), [])


def register(server: PerflintServer) -> None:
    """The notebook handlers (pygls keeps the notebook and its cells' texts
    in the workspace before calling them)."""

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def did_open(ls: PerflintServer, params: types.DidOpenNotebookDocumentParams) -> None:
        uri = params.notebook_document.uri
        notebook = ls.notebooks.open[unquote(uri)] = OpenNotebook(uri)
        ls.notebooks.lint_later(notebook, 0)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def did_change(ls: PerflintServer, params: types.DidChangeNotebookDocumentParams) -> None:
        # (protocol.py has logged and dropped a change to a notebook never opened)
        notebook = ls.notebooks.open.get(unquote(params.notebook_document.uri))
        if notebook is not None and ls.state.options.run == "onType":
            ls.notebooks.changed(notebook)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
    def did_save(ls: PerflintServer, params: types.DidSaveNotebookDocumentParams) -> None:
        notebook = ls.notebooks.open.get(unquote(params.notebook_document.uri))
        if notebook is not None:
            ls.notebooks.lint_later(notebook, 0)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def did_close(ls: PerflintServer, params: types.DidCloseNotebookDocumentParams) -> None:
        ls.notebooks.close(params.notebook_document.uri)

"""Jupyter notebooks in the language server (issue 19, point 5): LSP 3.17
notebook sync, diagnostics per cell, quick fixes, noqa, fix-all, hover and
pull, through a real client (pytest-lsp) talking to `python -m perflint.lsp`
over stdio. Cells have URIs as VS Code writes them (`=` quoted as %3D)."""

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from perflint.config import Settings
from perflint.notebook.cells import lint_cells
from tests.test_lsp_clients import SERVER, _converter, apply, offset

IMPORTS = "import numpy as np\n"
TITLE = "# Analysis\n\nSome *markdown*.\n"
MEMBERSHIP = (
    "%timeit -n 1 pass\n"
    "!echo hi\n"
    "def f(items, rows):\n"
    "    known = [r.id for r in rows]\n"
    "    out = []\n"
    "    for x in items:\n"
    '        if "é😀" and x in known:\n'
    "            out.append(x)\n"
    "    return out\n"
)
QUADRATIC = "def g(rows):\n    return sum(rows, [])\n"
# PFL107 only when cell 1's `import numpy as np` is known: cells are one module.
GROW = (
    "def grow(items):\n"
    "    arr = np.zeros(0)\n"
    "    for x in items:\n"
    "        arr = np.append(arr, x)\n"
    "    return arr\n"
)
UNSAFE = {"perflint": {"unsafeFixes": True}}  # PFL101's and PFL102's fixes are unsafe


def _cell_uri(notebook: str, index: int) -> str:
    return f"vscode-notebook-cell:{notebook}#W{index}sZmlsZQ%3D%3D"


class Notebook:
    """A notebook as the client holds it: cell URIs, kinds, texts, versions."""

    def __init__(self, client: LanguageClient, path) -> None:
        self.client = client
        self.uri = path.as_uri()
        self.path = str(path)
        self.version = 1
        self.cells: list[tuple[str, types.NotebookCellKind, str, str]] = []
        self.versions: dict[str, int] = {}

    def add(self, text: str, language: str = "python") -> str:
        uri = _cell_uri(self.path, len(self.cells))
        kind = (
            types.NotebookCellKind.Markup if language == "markdown" else types.NotebookCellKind.Code
        )
        self.cells.append((uri, kind, language, text))
        self.versions[uri] = 1
        return uri

    def text(self, uri: str) -> str:
        return next(t for u, _, _, t in self.cells if u == uri)

    def open(self) -> None:
        self.client.notebook_document_did_open(
            types.DidOpenNotebookDocumentParams(
                notebook_document=types.NotebookDocument(
                    uri=self.uri,
                    notebook_type="jupyter-notebook",
                    version=self.version,
                    cells=[types.NotebookCell(kind=k, document=u) for u, k, _, _ in self.cells],
                ),
                cell_text_documents=[
                    types.TextDocumentItem(uri=u, language_id=lang, version=1, text=t)
                    for u, _, lang, t in self.cells
                ],
            )
        )

    def change(self, texts: dict[str, str]) -> None:
        """New texts of some cells, sent as one notebook change."""
        self.version += 1
        changes = []
        for uri, text in texts.items():
            self.versions[uri] += 1
            self.cells = [(u, k, lang, text if u == uri else t) for u, k, lang, t in self.cells]
            changes.append(
                types.NotebookDocumentCellContentChanges(
                    document=types.VersionedTextDocumentIdentifier(
                        uri=uri, version=self.versions[uri]
                    ),
                    changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
        self.client.notebook_document_did_change(
            types.DidChangeNotebookDocumentParams(
                notebook_document=types.VersionedNotebookDocumentIdentifier(
                    uri=self.uri, version=self.version
                ),
                change=types.NotebookDocumentChangeEvent(
                    cells=types.NotebookDocumentCellChanges(text_content=changes)
                ),
            )
        )

    def insert(self, index: int, text: str) -> str:
        """A new code cell at index (a structure change)."""
        uri = _cell_uri(self.path, 100 + len(self.cells))
        self.cells.insert(index, (uri, types.NotebookCellKind.Code, "python", text))
        self.versions[uri] = 1
        self.version += 1
        cell = types.NotebookCell(kind=types.NotebookCellKind.Code, document=uri)
        self.client.notebook_document_did_change(
            types.DidChangeNotebookDocumentParams(
                notebook_document=types.VersionedNotebookDocumentIdentifier(
                    uri=self.uri, version=self.version
                ),
                change=types.NotebookDocumentChangeEvent(
                    cells=types.NotebookDocumentCellChanges(
                        structure=types.NotebookDocumentCellChangeStructure(
                            array=types.NotebookCellArrayChange(
                                start=index, delete_count=0, cells=[cell]
                            ),
                            did_open=[
                                types.TextDocumentItem(
                                    uri=uri, language_id="python", version=1, text=text
                                )
                            ],
                        )
                    )
                ),
            )
        )
        return uri


def _notebook_capabilities() -> types.ClientCapabilities:
    """VS Code's: notebook sync, and pull diagnostics with refresh (for files)."""
    capabilities = client_capabilities("visual-studio-code")
    capabilities.notebook_document = types.NotebookDocumentClientCapabilities(
        synchronization=types.NotebookDocumentSyncClientCapabilities()
    )
    capabilities.text_document.diagnostic = types.DiagnosticClientCapabilities()
    capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
        refresh_support=True
    )
    return capabilities


def _recording_client() -> LanguageClient:
    """pytest-lsp's client, keeping every publication in order (its own keeps
    the last per URI): a test can tell which cells were sent again."""
    client = LanguageClient(converter_factory=_converter)
    client.published = []  # type: ignore[attr-defined]

    def published(params: types.PublishDiagnosticsParams) -> None:
        client.published.append(params)  # type: ignore[attr-defined]

    features = {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: published}
    register_lsp_features(client, features)
    return client


NOTEBOOK_SERVER = ClientServerConfig(
    server_command=SERVER.server_command, client_factory=_recording_client
)


async def _start(client: LanguageClient, capabilities, tmp_path) -> types.InitializeResult:
    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        pass

    @client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
    def refresh_lenses(params: None) -> None:
        pass

    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            initialization_options=UNSAFE,
            workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="nb")],
        )
    )


@pytest_lsp.fixture(config=NOTEBOOK_SERVER)
async def client(lsp_client: LanguageClient, tmp_path):
    result = await _start(lsp_client, _notebook_capabilities(), tmp_path)
    sync = result.capabilities.notebook_document_sync
    assert sync is not None and sync.notebook_selector[0].notebook == "jupyter-notebook"
    lsp_client.encoding = "utf-16"  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=NOTEBOOK_SERVER, params=["utf-8", "utf-32"])
async def encoded(lsp_client: LanguageClient, request, tmp_path):
    capabilities = _notebook_capabilities()
    capabilities.general.position_encodings = [request.param]
    result = await _start(lsp_client, capabilities, tmp_path)
    assert result.capabilities.position_encoding == request.param
    lsp_client.encoding = request.param  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def _reported(notebook: "Notebook", uri: str) -> str:
    """The text of the cell that perflint's own finding in it covers."""
    numbered = [
        (n, u, t) for n, (u, _, lang, t) in enumerate(notebook.cells, 1) if lang == "python"
    ]
    linted = lint_cells([(n, t) for n, _, t in numbered], "x.ipynb", Settings())
    number, text = next((n, t) for n, u, t in numbered if u == uri)
    (found,) = [d for d in linted.diagnostics if d.cell == number]
    (row, column), (end_row, end_column) = found.location, found.end_location
    assert row == end_row
    return text.splitlines()[row - 1][column - 1 : end_column - 1]


def _mark(client: LanguageClient) -> int:
    """How many publications have arrived: _published waits for a later one."""
    return len(client.published)  # type: ignore[attr-defined]


async def _published(client: LanguageClient, uri: str, after: int = 0, timeout: float = 60):
    """The first diagnostics published for uri after the first `after`
    publications; a failure naming what the server logged, not a hang."""
    seen: list[types.PublishDiagnosticsParams] = client.published  # type: ignore[attr-defined]
    for _ in range(int(timeout / 0.02)):
        found = [p for p in seen[after:] if p.uri == uri]
        if found:
            return found[0]
        await asyncio.sleep(0.02)
    logged = [m.message for m in client.log_messages]
    pytest.fail(f"no diagnostics for {uri} within {timeout} s; the server logged {logged}")


def _analysis(client: LanguageClient, tmp_path) -> tuple[Notebook, str, str, str]:
    """Cells: imports, markdown, membership (with magics), quadratic, growth."""
    notebook = Notebook(client, tmp_path / "analysis.ipynb")
    first = notebook.add(IMPORTS)
    notebook.add(TITLE, "markdown")
    third = notebook.add(MEMBERSHIP)
    fourth = notebook.add(QUADRATIC)
    notebook.add(GROW)
    return notebook, first, third, fourth


def _apply_changes(client: LanguageClient, notebook: Notebook, edit: types.WorkspaceEdit):
    """Apply a workspace edit to the notebook's cells and send the change."""
    encoding = client.encoding  # type: ignore[attr-defined]
    texts = {uri: apply(notebook.text(uri), edits, encoding) for uri, edits in edit.changes.items()}
    notebook.change(texts)
    return texts


async def _actions(client: LanguageClient, uri: str, diagnostics, only=None):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostics[0].range
            if diagnostics
            else types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
            ),
            context=types.CodeActionContext(diagnostics=diagnostics, only=only),
        )
    )


async def test_findings_are_published_per_cell_with_names_from_other_cells(
    client: LanguageClient, tmp_path
):
    notebook, first, third, fourth = _analysis(client, tmp_path)
    fifth = notebook.cells[4][0]
    notebook.open()
    published = {u: await _published(client, u) for u in (first, third, fourth, fifth)}
    assert published[first].diagnostics == ()
    (membership,) = published[third].diagnostics  # the magics on rows 1-2 break nothing
    assert membership.code == "PFL102" and membership.range.start.line == 6
    assert [d.code for d in published[fifth].diagnostics] == ["PFL107"]  # np from cell 1
    text = notebook.text(third)
    start, end = (
        offset(text, membership.range.start, "utf-16"),
        offset(text, membership.range.end, "utf-16"),
    )
    assert text[start:end] == _reported(notebook, third)
    assert [d.code for d in published[fourth].diagnostics] == ["PFL101"]
    assert published[third].version == 1
    assert not any(m.type == types.MessageType.Error for m in client.log_messages)


async def test_a_quick_fix_may_add_its_import_to_the_first_cell(client: LanguageClient, tmp_path):
    notebook, first, _, fourth = _analysis(client, tmp_path)
    mark = _mark(client)
    waiting = _published(client, fourth, mark)
    notebook.open()
    (quadratic,) = (await waiting).diagnostics
    actions = await _actions(client, fourth, [quadratic])
    fix = next(a for a in actions if "disable" not in a.title)
    assert set(fix.edit.changes) == {first, fourth}  # the import goes to the imports' cell
    mark = _mark(client)
    waiting = _published(client, fourth, mark)
    texts = _apply_changes(client, notebook, fix.edit)
    assert "import itertools" in texts[first]
    assert "itertools.chain.from_iterable(rows)" in texts[fourth]
    assert (await waiting).diagnostics == ()


async def test_disable_for_this_line_in_a_cell(client: LanguageClient, tmp_path):
    notebook, _, third, _ = _analysis(client, tmp_path)
    mark = _mark(client)
    waiting = _published(client, third, mark)
    notebook.open()
    (found,) = (await waiting).diagnostics
    noqa = next(a for a in await _actions(client, third, [found]) if "disable" in a.title)
    mark = _mark(client)
    waiting = _published(client, third, mark)
    texts = _apply_changes(client, notebook, noqa.edit)
    assert '        if "é😀" and x in known:  # noqa: PFL102\n' in texts[third]
    assert (await waiting).diagnostics == ()


async def test_a_change_in_one_cell_republishes_only_what_changed(client: LanguageClient, tmp_path):
    notebook, first, third, fourth = _analysis(client, tmp_path)
    mark = _mark(client)
    waiting = _published(client, fourth, mark)
    notebook.open()
    await waiting
    await asyncio.sleep(0.2)  # every cell's first publication has arrived
    mark = _mark(client)
    # np is no longer NumPy: cell 5's finding goes; cell 3's stays and is not sent again.
    fifth = notebook.cells[4][0]
    notebook.change({first: "import numpy\n"})
    assert (await _published(client, fifth, mark)).diagnostics == ()
    await asyncio.sleep(0.3)
    seen = [p.uri for p in client.published[mark:]]  # type: ignore[attr-defined]
    assert third not in seen
    assert first in seen  # the edited cell is always sent (its version changed)


async def test_rapid_changes_are_linted_once_with_the_latest_text(client: LanguageClient, tmp_path):
    notebook, _, _, fourth = _analysis(client, tmp_path)
    mark = _mark(client)
    waiting = _published(client, fourth, mark)
    notebook.open()
    await waiting
    mark = _mark(client)
    waiting = _published(client, fourth, mark)
    for n in range(10):
        notebook.change({fourth: f"x = {n}\n" if n < 9 else QUADRATIC.replace("g", "h")})
    published = await waiting
    assert published.version == notebook.versions[fourth]
    assert [d.code for d in published.diagnostics] == ["PFL101"]


async def test_a_new_cell_and_hover_and_fix_all_per_cell(client: LanguageClient, tmp_path):
    notebook, first, third, _ = _analysis(client, tmp_path)
    mark = _mark(client)
    waiting = _published(client, third, mark)
    notebook.open()
    await waiting
    mark = _mark(client)
    new = notebook.insert(2, QUADRATIC)  # above the membership cell
    (found,) = (await _published(client, new, mark)).diagnostics
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=new), position=found.range.start
        )
    )
    assert hover is not None and "PFL101 quadratic-sum" in hover.contents.value
    (fix_all,) = await _actions(client, new, [], only=["source.fixAll.perflint"])
    assert set(fix_all.edit.changes) == {first, new}  # only this cell's findings, its import
    fixed = apply(notebook.text(new), fix_all.edit.changes[new], "utf-16")
    assert "sum(rows, [])" not in fixed and compile(fixed, "cell", "exec")


async def test_pull_on_a_cell_gets_the_notebook_view(client: LanguageClient, tmp_path):
    notebook, _, third, _ = _analysis(client, tmp_path)
    mark = _mark(client)
    waiting = _published(client, third, mark)
    notebook.open()  # pushed, though this client pulls for files (VS Code pulls no cell)
    await waiting
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=third))
    )
    assert [d.code for d in report.items] == ["PFL102"]


async def test_a_settings_change_lints_the_notebook_again(client: LanguageClient, tmp_path):
    notebook, _, third, fourth = _analysis(client, tmp_path)
    notebook.open()
    assert (await _published(client, third)).diagnostics
    mark = _mark(client)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(
            settings={"perflint": {"ignore": ["PFL102"], "unsafeFixes": True}}
        )
    )
    assert (await _published(client, third, mark)).diagnostics == ()  # pushed, as cells are
    await asyncio.sleep(0.3)
    seen = [p.uri for p in client.published[mark:]]  # type: ignore[attr-defined]
    assert fourth not in seen  # its finding stays: nothing to send


async def test_close_clears_every_cell(client: LanguageClient, tmp_path):
    notebook, _, third, _ = _analysis(client, tmp_path)
    mark = _mark(client)
    waiting = _published(client, third, mark)
    notebook.open()
    assert (await waiting).diagnostics
    mark = _mark(client)
    waiting = _published(client, third, mark)
    client.notebook_document_did_close(
        types.DidCloseNotebookDocumentParams(
            notebook_document=types.NotebookDocumentIdentifier(uri=notebook.uri),
            cell_text_documents=[types.TextDocumentIdentifier(uri=u) for u, *_ in notebook.cells],
        )
    )
    assert (await waiting).diagnostics == ()


async def test_odd_notebook_messages_are_log_lines(client: LanguageClient, tmp_path):
    stranger = Notebook(client, tmp_path / "never-opened.ipynb")
    stranger.add(QUADRATIC)
    stranger.change({stranger.cells[0][0]: "x = 1\n"})
    notebook = Notebook(client, tmp_path / "other.ipynb")
    notebook.add("cat <- 1\n", "r")  # a cell in another language: not Python, not linted
    quadratic = notebook.add(QUADRATIC)
    mark = _mark(client)
    waiting = _published(client, quadratic, mark)
    notebook.open()
    assert [d.code for d in (await waiting).diagnostics] == ["PFL101"]  # the server lives on
    logged = [m.message for m in client.log_messages]
    assert any("never-opened.ipynb, which is not open here" in m for m in logged), logged
    assert not client.messages, "the user was shown an error"


async def test_positions_in_the_announced_encoding(encoded: LanguageClient, tmp_path):
    client, encoding = encoded, encoded.encoding  # type: ignore[attr-defined]
    notebook, _, third, _ = _analysis(client, tmp_path)
    mark = _mark(client)
    waiting = _published(client, third, mark)
    notebook.open()
    (found,) = (await waiting).diagnostics
    text = notebook.text(third)
    start, end = offset(text, found.range.start, encoding), offset(text, found.range.end, encoding)
    assert text[start:end] == _reported(notebook, third)
    actions = await _actions(client, third, [found])
    fix = next(a for a in actions if "disable" not in a.title)
    fixed = apply(text, fix.edit.changes[third], encoding)
    assert 'if "é😀" and x in known_set:' in fixed
    noqa = next(a for a in actions if "disable" in a.title)
    assert apply(text, noqa.edit.changes[third], encoding).count("# noqa: PFL102") == 1

"""The language server with clients other than VS Code (issue 19, point 8):
position encodings, odd option shapes, lazy fix-all, push or pull by what the
client declares, and the showFindings lens. A real client (pytest-lsp) talks
to `python -m perflint.lsp` over stdio."""

import asyncio
import io
import re
import sys
from typing import Any

import pytest
import pytest_lsp
from cattrs import Converter
from lsprotocol import types
from perflint.lsp.options import Options, read_options
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import register_lsp_features

from perflint.api import lint_source
from perflint.config import Settings


def _converter() -> Converter:
    """lsprotocol's converter reads any code action with a `command` as a
    Command (a CodeAction may carry one too): tell them apart by its type."""
    converter = default_converter()

    def action_or_command(value: Any, _: type) -> types.Command | types.CodeAction:
        kind = types.Command if isinstance(value.get("command"), str) else types.CodeAction
        return converter.structure(value, kind)

    converter.register_structure_hook(types.Command | types.CodeAction, action_or_command)
    return converter


def _client() -> LanguageClient:
    client = LanguageClient(converter_factory=_converter)
    register_lsp_features(client)
    return client


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "perflint.lsp"], client_factory=_client
)
# PFL102 on a line with characters of 2 (é) and 4 (😀) UTF-8 units, 1 and 2 UTF-16 units.
MEMBERSHIP = (
    "def f(items, rows):\n"
    "    some_list = [r.id for r in rows if r.ok]\n"
    "    out = []\n"
    "    for x in items:\n"
    '        if "é😀é😀" and x in some_list:\n'
    "            out.append(x)\n"
    "    return out\n"
)
FIXED = MEMBERSHIP.replace(
    "    for x in items:\n", "    some_list_set = set(some_list)\n    for x in items:\n"
).replace("x in some_list:", "x in some_list_set:")
QUADRATIC = "def f(rows):\n    return sum(rows, [])\n"
UNSAFE = {"perflint": {"unsafeFixes": True}}  # PFL101's and PFL102's fixes are unsafe


def client_units(text: str, encoding: str) -> int:
    """Code units as the client counts them (written apart from the server's)."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    return len(text.encode("utf-16-le")) // 2


def offset(text: str, position: types.Position, encoding: str) -> int:
    """The index in text of an LSP position in the given encoding."""
    lines = io.StringIO(text, newline="").readlines() + [""]  # only \n, \r\n, \r end lines
    before = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    index = 0
    while index < len(line) and client_units(line[:index], encoding) < position.character:
        index += 1
    assert client_units(line[:index], encoding) == position.character, "inside a character"
    return before + index


def apply(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    """Apply LSP edits as an editor would: last first, positions in `encoding`."""
    spans = [
        (offset(text, e.range.start, encoding), offset(text, e.range.end, encoding), i, e)
        for i, e in enumerate(edits)
    ]
    for start, end, _, edit in sorted(spans, key=lambda s: (s[0], s[2]), reverse=True):
        text = text[:start] + edit.new_text + text[end:]
    return text


def _reported_text(text: str) -> str:
    """The text perflint's own finding covers (columns in code points)."""
    (found,) = lint_source(text, "x.py", Settings()).diagnostics
    (row, column), (end_row, end_column) = found.location, found.end_location
    assert row == end_row
    return text.splitlines()[row - 1][column - 1 : end_column - 1]


def _capabilities(name: str = "neovim@v0.11.0") -> types.ClientCapabilities:
    return client_capabilities(name)


async def _start(client: LanguageClient, capabilities, options=None, root=None):
    registered = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registered.extend(r.method for r in params.registrations)

    applied: list[types.WorkspaceEdit] = []

    @client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply_edit(params: types.ApplyWorkspaceEditParams) -> types.ApplyWorkspaceEditResult:
        applied.append(params.edit)
        return types.ApplyWorkspaceEditResult(applied=True)

    client.applied = applied  # type: ignore[attr-defined]
    folders = [types.WorkspaceFolder(uri=root.as_uri(), name="t")] if root else None
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities, initialization_options=options, workspace_folders=folders
        )
    )


async def _open(client: LanguageClient, uri: str, text: str):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=1, text=text
            )
        )
    )
    return await _pushed(client, uri)


async def _pushed(client: LanguageClient, uri: str) -> types.PublishDiagnosticsParams:
    """The next diagnostics pushed for uri; a failure naming what the server
    logged, not a hang, when none come."""

    async def pushed() -> types.PublishDiagnosticsParams:
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri:
                return params

    try:
        return await asyncio.wait_for(pushed(), 60)
    except TimeoutError:
        logged = [m.message for m in client.log_messages]
        pytest.fail(f"no diagnostics for {uri} within 60 s; the server logged {logged}")


async def _menu(client: LanguageClient, uri: str, diagnostics, only=None):
    """A code-action request as a menu sends it: the cursor's diagnostics, no `only`."""
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostics[0].range,
            context=types.CodeActionContext(diagnostics=diagnostics, only=only),
        )
    )


@pytest_lsp.fixture(config=SERVER, params=["utf-8", "utf-16", "utf-32"])
async def encoded(lsp_client: LanguageClient, request, tmp_path):
    """A Neovim-like client that offers only one position encoding."""
    capabilities = _capabilities()
    capabilities.general.position_encodings = [request.param]
    result = await _start(lsp_client, capabilities, UNSAFE, tmp_path)
    assert result.capabilities.position_encoding == request.param
    lsp_client.encoding = request.param  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_every_range_and_edit_uses_the_announced_encoding(encoded: LanguageClient, tmp_path):
    client, encoding = encoded, encoded.encoding  # type: ignore[attr-defined]
    uri = (tmp_path / "enc.py").as_uri()
    (found,) = (await _open(client, uri, MEMBERSHIP)).diagnostics
    start = offset(MEMBERSHIP, found.range.start, encoding)
    end = offset(MEMBERSHIP, found.range.end, encoding)
    assert MEMBERSHIP[start:end] == _reported_text(MEMBERSHIP)
    actions = await _menu(client, uri, [found])
    fix = next(a for a in actions if a.is_preferred is not None and "disable" not in a.title)
    assert apply(MEMBERSHIP, fix.edit.changes[uri], encoding) == FIXED
    noqa = next(a for a in actions if "disable" in a.title)
    silenced = apply(MEMBERSHIP, noqa.edit.changes[uri], encoding)
    assert '        if "é😀é😀" and x in some_list:  # noqa: PFL102\n' in silenced
    # Hover over the code in a noqa comment after the emoji.
    text = 'x = "é😀"  # noqa: PFL101\n'
    hover_uri = (tmp_path / "hover.py").as_uri()
    await _open(client, hover_uri, text)
    character = client_units(text[: text.index("PFL101") + 2], encoding)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=hover_uri),
            position=types.Position(line=0, character=character),
        )
    )
    assert hover is not None and "PFL101 quadratic-sum" in hover.contents.value


async def test_fix_all_on_a_non_ascii_line_uses_the_encoding(encoded: LanguageClient, tmp_path):
    client, encoding = encoded, encoded.encoding  # type: ignore[attr-defined]
    uri = (tmp_path / "all.py").as_uri()
    await _open(client, uri, MEMBERSHIP)
    (fix_all,) = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
            ),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    assert apply(MEMBERSHIP, fix_all.edit.changes[uri], encoding) == FIXED


async def test_incremental_edits_below_a_form_feed_or_u2028_land_on_their_line(
    encoded: LanguageClient, tmp_path
):
    """str.splitlines ends lines at \\x0c and U+2028; LSP does not."""
    client, encoding = encoded, encoded.encoding  # type: ignore[attr-defined]
    uri = (tmp_path / "ff.py").as_uri()
    text = 'S = "\u2028é😀"\n\x0c\ndef f(rows):\n    return 1\n'
    assert not (await _open(client, uri, text)).diagnostics
    one = len("    return ")  # ASCII before it: the same in every encoding
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=3, character=one),
                        end=types.Position(line=3, character=one + 1),
                    ),
                    text="sum(rows, [])",
                )
            ],
        )
    )
    (found,) = (await _pushed(client, uri)).diagnostics
    assert found.code == "PFL101" and found.range.start.line == 3
    edited = text.replace("return 1", "return sum(rows, [])")
    assert edited[offset(edited, found.range.start, encoding) :].startswith("sum(rows, [])")


ODD_OPTIONS = [
    ({"perflint": []}, None),  # Neovim's empty Lua table
    ([], None),
    ({"perflint": {}}, None),
    ({"perflint": "fast"}, "'perflint' should be an object"),
    ("fast", "the options should be an object"),
    (42, "the options should be an object"),
    ([1, 2], "the options should be an object"),
    ({"perflint": {"select": "PFL1"}}, "'select' should be a list of rule codes"),
    ({"perflint": {"ignore": [1]}}, "'ignore' should be a list of rule codes"),
    ({"perflint": {"unsafeFixes": "yes"}}, "'unsafeFixes' should be true or false"),
    ({"perflint": {"run": 3}}, '\'run\' should be "onType" or "onSave"'),
    ({"perflint": {"codeLens": None, "configurationPreference": {}}}, "configurationPreference"),
]


@pytest.mark.parametrize("raw, problem", ODD_OPTIONS)
def test_any_option_shape_gives_the_defaults_and_names_the_problem(raw, problem):
    options, problems = read_options(raw)
    assert options == Options()
    if problem is None:
        assert problems == []
    else:
        (message,) = problems
        assert problem in message and "default" in message


def test_usable_options_are_kept_next_to_bad_ones():
    options, problems = read_options({"perflint": {"select": ["PFL1"], "unsafeFixes": "yes"}})
    assert options == Options(select=("PFL1",))
    assert len(problems) == 1
    assert read_options({"python": {"analysis": {}}}) == (None, [])  # another tool's settings


@pytest_lsp.fixture(config=SERVER)
async def raw_client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


@pytest.mark.parametrize("where", ["initialization_options", "settings"])
@pytest.mark.parametrize(
    "raw", [{"perflint": []}, {"perflint": "fast"}, {"perflint": {"select": "PFL1", "run": []}}]
)
async def test_odd_options_start_the_server_with_a_log_line(
    raw_client: LanguageClient, tmp_path, where, raw
):
    client = raw_client
    await _start(client, _capabilities(), raw if where == "initialization_options" else None)
    if where == "settings":
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=raw))
    uri = (tmp_path / "odd.py").as_uri()
    assert [d.code for d in (await _open(client, uri, QUADRATIC)).diagnostics] == ["PFL101"]
    logged = [m.message for m in client.log_messages if "perflint" in m.message]
    if raw != {"perflint": []}:
        assert any("should be" in m and "default" in m for m in logged), logged
    assert not any("Traceback" in m or "Error" in m for m in logged), logged


@pytest_lsp.fixture(config=SERVER)
async def neovim(lsp_client: LanguageClient, tmp_path):
    """Neovim 0.11's capabilities: it pulls diagnostics but takes no refresh
    request, and cannot register file watchers."""
    capabilities = _capabilities()
    assert capabilities.text_document.diagnostic is not None
    lsp_client.init_result = await _start(lsp_client, capabilities, UNSAFE, tmp_path)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_a_client_that_cannot_refresh_is_not_offered_pull_and_gets_pushes(
    neovim: LanguageClient, tmp_path
):
    client = neovim
    assert client.init_result.capabilities.diagnostic_provider is None  # type: ignore[attr-defined]
    uri = (tmp_path / "push.py").as_uri()
    assert [d.code for d in (await _open(client, uri, QUADRATIC)).diagnostics] == ["PFL101"]
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"perflint": {"ignore": ["PFL101"]}})
    )
    assert list((await _pushed(client, uri)).diagnostics) == []
    # A config file change, told through didChangeWatchedFiles, pushes again too.
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"perflint": {}})
    )
    assert [d.code for d in (await _pushed(client, uri)).diagnostics] == ["PFL101"]
    (tmp_path / "perflint.toml").write_text('ignore = ["PFL1"]\n')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(
                    uri=(tmp_path / "perflint.toml").as_uri(), type=types.FileChangeType.Created
                )
            ]
        )
    )
    assert list((await _pushed(client, uri)).diagnostics) == []


async def test_config_files_are_polled_when_the_client_cannot_watch_them(
    neovim: LanguageClient, tmp_path
):
    client = neovim
    assert not client.capabilities.workspace.did_change_watched_files.dynamic_registration
    (tmp_path / "src").mkdir()
    uri = (tmp_path / "src" / "polled.py").as_uri()
    assert [d.code for d in (await _open(client, uri, QUADRATIC)).diagnostics] == ["PFL101"]
    await asyncio.sleep(0.5)  # the server's first look at the files
    (tmp_path / "pyproject.toml").write_text('[tool.perflint]\nignore = ["PFL101"]\n')
    assert list((await _pushed(client, uri)).diagnostics) == []  # within a poll (2 s)


async def test_a_refused_watch_falls_back_to_polling(tmp_path):
    """A client that says it can watch files for the server, then refuses to
    (a refusal is an error answer, which pytest-lsp's client cannot send
    without failing the test: the server is driven directly)."""
    from perflint.lsp.server import PerflintServer, initialized
    from pygls.workspace import Workspace

    server = PerflintServer()
    capabilities = _capabilities()
    capabilities.workspace.did_change_watched_files.dynamic_registration = True
    server.protocol.client_capabilities = capabilities
    server.protocol._workspace = Workspace(tmp_path.as_uri())
    logged: list[str] = []
    server.window_log_message = lambda params: logged.append(params.message)  # type: ignore[method-assign]

    async def refuse(params: types.RegistrationParams) -> None:
        raise RuntimeError("no watchers here")

    server.client_register_capability_async = refuse  # type: ignore[method-assign]
    await initialized(server, types.InitializedParams())
    assert server.state.poller is not None and server.state.polling is not None
    server.state.polling.cancel()
    assert any("no config watching" in m for m in logged)


@pytest_lsp.fixture(config=SERVER)
async def refreshing(lsp_client: LanguageClient):
    capabilities = _capabilities("visual-studio-code")
    capabilities.text_document.diagnostic = types.DiagnosticClientCapabilities()
    capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
        refresh_support=True
    )
    lsp_client.init_result = await _start(lsp_client, capabilities)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_a_client_that_pulls_and_refreshes_is_offered_pull(refreshing: LanguageClient):
    assert refreshing.init_result.capabilities.diagnostic_provider is not None  # type: ignore[attr-defined]


async def test_a_menu_gets_fix_all_unresolved_and_resolves_it(neovim: LanguageClient, tmp_path):
    client = neovim
    uri = (tmp_path / "menu.py").as_uri()
    published = await _open(client, uri, MEMBERSHIP + QUADRATIC.replace("def f", "def g"))
    text = MEMBERSHIP + QUADRATIC.replace("def f", "def g")
    actions = await _menu(client, uri, published.diagnostics[:1])
    (fix_all,) = [a for a in actions if a.kind == "source.fixAll.perflint"]
    assert fix_all.edit is None and fix_all.command is None  # nothing computed yet
    resolved = await client.code_action_resolve_async(fix_all)
    fixed = apply(text, resolved.edit.changes[uri], "utf-8")
    assert "some_list_set" in fixed and "sum(rows, [])" not in fixed
    compile(fixed, "menu.py", "exec")


@pytest_lsp.fixture(config=SERVER)
async def no_resolve(lsp_client: LanguageClient, tmp_path):
    capabilities = _capabilities()
    capabilities.text_document.code_action.resolve_support = None
    await _start(lsp_client, capabilities, UNSAFE, tmp_path)
    yield
    await lsp_client.shutdown_session()


async def test_without_resolve_fix_all_is_a_command(no_resolve: LanguageClient, tmp_path):
    client = no_resolve
    uri = (tmp_path / "cmd.py").as_uri()
    published = await _open(client, uri, QUADRATIC)
    actions = await _menu(client, uri, published.diagnostics)
    (fix_all,) = [a for a in actions if a.kind == "source.fixAll.perflint"]
    assert fix_all.edit is None and fix_all.command.command == "perflint.applyFixAll"
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command=fix_all.command.command, arguments=fix_all.command.arguments
        )
    )
    (edit,) = client.applied  # type: ignore[attr-defined]
    assert "sum(rows, [])" not in apply(QUADRATIC, edit.changes[uri], "utf-8")


KERNELS = (
    "def count(n):\n    t = 0.0\n    for i in range(n):\n        t += i % 7\n    return t\n\n\n"
    "def merge(rows, more):\n    a = sum(rows, [])\n    return a, sum(more, [])\n"
)


async def test_show_findings_lens_lists_them_and_shows_the_first(neovim: LanguageClient, tmp_path):
    client = neovim
    uri = (tmp_path / "lens.py").as_uri()
    await _open(client, uri, KERNELS)
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    by_title = {lens.command.title: lens for lens in lenses}
    assert set(by_title) == {"numba: this function would compile", "O(n^2): 2 findings"}
    for title, expected in (("O(n^2): 2 findings", 8), ("numba: this function would compile", 0)):
        command = by_title[title].command
        client.messages.clear()
        client.shown_documents.clear()
        await client.workspace_execute_command_async(
            types.ExecuteCommandParams(command=command.command, arguments=command.arguments)
        )
        (shown,) = client.messages
        listed = re.findall(r"line (\d+): (PFL\d+)", shown.message)
        assert listed == (
            [("9", "PFL101"), ("10", "PFL101")] if expected == 8 else [("1", "PFL301")]
        )
        (document,) = client.shown_documents
        assert document.uri == uri and document.selection.start.line == expected
    assert by_title["O(n^2): 2 findings"].range.start.line == 7

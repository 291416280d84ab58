"""The language server end to end: a real LSP client (pytest-lsp) talking to
`python -m perflint.lsp` over stdio."""

import asyncio
import os
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SLOW = "def f(rows, items):\n    out = dict(items)\n    return sum(rows, []), len(list(out))\n"
QUADRATIC = "def f(rows):\n    return sum(rows, [])\n"


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "perflint.lsp"]),
)
async def client(lsp_client: LanguageClient, tmp_path):
    registered = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registered.extend(r.method for r in params.registrations)

    @lsp_client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
    def refresh_lenses(params: None) -> None:
        pass  # asked for after a settings or config change

    lsp_client.registered = registered  # type: ignore[attr-defined]
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        initialization_options={"perflint": {"unsafeFixes": True}},
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="tests")],
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, uri: str, text: str, version: int = 1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=version, text=text
            )
        )
    )
    return await _diagnostics(client, uri)


async def _diagnostics(client: LanguageClient, uri: str, timeout: float = 60):
    """The next diagnostics published for uri; a failure naming what the server
    logged, not a hang, when none come."""

    async def published():
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri:
                return params

    try:
        return await asyncio.wait_for(published(), timeout)
    except TimeoutError:
        logged = [m.message for m in client.log_messages]
        pytest.fail(f"no diagnostics for {uri} within {timeout} s; the server logged {logged}")


async def _code_actions(client: LanguageClient, uri: str, diagnostics):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostics[0].range,
            context=types.CodeActionContext(diagnostics=diagnostics),
        )
    )


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions) to text, last first."""
    lines = text.splitlines(keepends=True) + [""]

    def offset(position: types.Position) -> int:
        before = sum(len(line) for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units, index = 0, 0
        while units < position.character and index < len(line):
            units += len(line[index].encode("utf-16-le")) // 2
            index += 1
        return before + index

    # Last first; inserts at one position appear in array order (the LSP rule).
    ordered = sorted(
        enumerate(edits),
        key=lambda pair: (pair[1].range.start.line, pair[1].range.start.character, pair[0]),
        reverse=True,
    )
    for _, edit in ordered:
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def test_open_change_close(client: LanguageClient, tmp_path):
    uri = (tmp_path / "a.py").as_uri()
    published = await _open(client, uri, QUADRATIC)
    assert [d.code for d in published.diagnostics] == ["PFL101"]
    found = published.diagnostics[0]
    assert found.source == "perflint" and found.severity == types.DiagnosticSeverity.Warning
    assert found.code_description.href.endswith("#pfl101")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="x = 1\n")],
        )
    )
    published = await _diagnostics(client, uri)
    assert published.version == 2 and not published.diagnostics
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert not (await _diagnostics(client, uri)).diagnostics


async def test_quick_fix_applies_cleanly(client: LanguageClient, tmp_path):
    uri = (tmp_path / "b.py").as_uri()
    published = await _open(client, uri, QUADRATIC)
    actions = await _code_actions(client, uri, published.diagnostics)
    titles = [a.title for a in actions]
    assert any("disable PFL101 for this line" in t for t in titles)
    fix = next(
        a for a in actions if a.kind == types.CodeActionKind.QuickFix and "disable" not in a.title
    )
    fixed = _apply(QUADRATIC, fix.edit.changes[uri])
    compile(fixed, "b.py", "exec")
    published = await _reopen(client, uri, fixed, 2)
    assert not published.diagnostics


async def _reopen(client: LanguageClient, uri: str, text: str, version: int):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return await _diagnostics(client, uri)


async def test_noqa_action_silences_the_line(client: LanguageClient, tmp_path):
    uri = (tmp_path / "c.py").as_uri()
    published = await _open(client, uri, QUADRATIC)
    actions = await _code_actions(client, uri, published.diagnostics)
    noqa = next(a for a in actions if "disable" in a.title)
    silenced = _apply(QUADRATIC, noqa.edit.changes[uri])
    assert "    return sum(rows, [])  # noqa: PFL101\n" in silenced
    assert not (await _reopen(client, uri, silenced, 2)).diagnostics


async def test_fix_all(client: LanguageClient, tmp_path):
    uri = (tmp_path / "d.py").as_uri()
    await _open(client, uri, SLOW)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
            ),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.perflint"]),
        )
    )
    (fix_all,) = actions
    fixed = _apply(SLOW, fix_all.edit.changes[uri])
    compile(fixed, "d.py", "exec")
    # PFL202 (len(list(out))) is opt-in: not fixed unless selected.
    assert "sum(rows, [])" not in fixed and "len(list(out))" in fixed


async def test_hover_shows_rule_docs(client: LanguageClient, tmp_path):
    uri = (tmp_path / "e.py").as_uri()
    text = "x = 1  # noqa: PFL101\n"
    await _open(client, uri, text)
    result = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=17),
        )
    )
    assert "PFL101 quadratic-sum" in result.contents.value
    assert "Impact: super-linear. Tier: default" in result.contents.value
    assert "## What it does" in result.contents.value


async def test_utf16_columns(client: LanguageClient, tmp_path):
    uri = (tmp_path / "f.py").as_uri()
    text = "def f(rows):\n    s = '😀😀'; return sum(rows, [])\n"
    published = await _open(client, uri, text)
    (found,) = published.diagnostics
    # "    s = '😀😀'; return " is 21 code points, 23 UTF-16 units (each emoji is two).
    assert found.range.start.character == 23


async def test_rapid_edits_publish_only_the_latest(client: LanguageClient, tmp_path):
    uri = (tmp_path / "g.py").as_uri()
    await _open(client, uri, "x = 1\n")
    for version in range(2, 12):
        text = QUADRATIC if version == 11 else f"x = {version}\n"
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
    published = await _diagnostics(client, uri)
    assert published.version == 11
    assert [d.code for d in published.diagnostics] == ["PFL101"]


async def test_syntax_errors_are_findings_not_crashes(client: LanguageClient, tmp_path):
    uri = (tmp_path / "h.py").as_uri()
    published = await _open(client, uri, "def f(:\n")
    assert [d.code for d in published.diagnostics] == ["PFL001"]
    assert published.diagnostics[0].severity == types.DiagnosticSeverity.Error
    # The server lives on.
    assert [d.code for d in (await _reopen(client, uri, QUADRATIC, 2)).diagnostics] == ["PFL101"]


async def test_untitled_documents_use_defaults(client: LanguageClient):
    published = await _open(client, "untitled:Untitled-1", QUADRATIC)
    assert [d.code for d in published.diagnostics] == ["PFL101"]


async def test_config_file_changes_apply(client: LanguageClient, tmp_path):
    uri = (tmp_path / "cfg.py").as_uri()
    assert [d.code for d in (await _open(client, uri, QUADRATIC)).diagnostics] == ["PFL101"]
    assert types.WORKSPACE_DID_CHANGE_WATCHED_FILES in client.registered
    (tmp_path / "perflint.toml").write_text('ignore = ["PFL101"]\n')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(
                    uri=(tmp_path / "perflint.toml").as_uri(), type=types.FileChangeType.Created
                )
            ]
        )
    )
    assert not (await _diagnostics(client, uri)).diagnostics


async def test_pull_diagnostics(client: LanguageClient, tmp_path):
    uri = (tmp_path / "pull.py").as_uri()
    await _open(client, uri, QUADRATIC)
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert [d.code for d in report.items] == ["PFL101"]


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "perflint.lsp"]),
)
async def pulling_client(lsp_client: LanguageClient):
    """A client like VS Code's: it pulls diagnostics and accepts refresh requests."""

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        pass

    @lsp_client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
    def refresh_lenses(params: None) -> None:
        pass

    capabilities = client_capabilities("visual-studio-code")
    capabilities.text_document.diagnostic = types.DiagnosticClientCapabilities()
    capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
        refresh_support=True
    )
    await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities))
    yield
    await lsp_client.shutdown_session()


async def test_a_pulling_client_gets_no_pushed_diagnostics_and_is_asked_to_pull_again(
    pulling_client: LanguageClient, tmp_path
):
    client = pulling_client
    uri = (tmp_path / "pull.py").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=1, text=QUADRATIC
            )
        )
    )
    pushed = asyncio.ensure_future(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    )
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert [d.code for d in report.items] == ["PFL101"]
    await asyncio.sleep(0.3)
    assert not pushed.done(), "diagnostics were pushed to a client that pulls them"
    pushed.cancel()
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"perflint": {"ignore": ["PFL101"]}})
    )
    for _ in range(50):
        if client.diagnostic_refresh_count:
            break
        await asyncio.sleep(0.05)
    assert client.diagnostic_refresh_count, (
        "no workspace/diagnostic/refresh after a settings change"
    )
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert list(report.items) == []


def test_no_file_outside_the_workspace_is_read(tmp_path, monkeypatch):
    """A config file above the workspace folder, or beside a document outside
    it, is not read: the server reads only inside the workspace it was given."""
    import builtins

    from perflint.lsp.server import PerflintServer

    workspace = tmp_path / "project"
    (workspace / "src").mkdir(parents=True)
    (workspace / "inner").mkdir()
    (tmp_path / "perflint.toml").write_text('select = ["PFL2"]\n')  # above the workspace
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "perflint.toml").write_text('select = ["PFL2"]\n')
    (workspace / "inner" / "perflint.toml").write_text('select = ["PFL2"]\n')
    server = PerflintServer()
    monkeypatch.setattr(
        server, "workspace_root", lambda path: str(workspace) if str(workspace) in path else None
    )
    opened: list[str] = []
    real_open = builtins.open

    def spying_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spying_open)
    above = server.settings_for(str(workspace / "src" / "a.py"))
    outside = server.settings_for(str(tmp_path / "elsewhere" / "b.py"))
    inside = server.settings_for(str(workspace / "inner" / "c.py"))
    monkeypatch.undo()
    assert above.config_file is None and outside.config_file is None
    # Config files, and inside the workspace what tells if the project uses numba.
    assert str(workspace / "inner" / "perflint.toml") in opened
    assert all(path.startswith(str(workspace) + os.sep) for path in opened)
    assert inside.select == ("PFL2",)


def test_bad_requests_get_errors_and_the_server_lives_on():
    """Raw JSON-RPC (a typed client cannot send malformed params): an unknown
    method is answered with an error; malformed params are reported to the
    user (pygls 2 cannot tell which request they belonged to, so it sends no
    answer for that id); either way the next requests are answered."""
    import json
    import subprocess

    def frame(message: dict) -> bytes:
        body = json.dumps(message).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    requests = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {
            "jsonrpc": "2.0",
            "id": 2,
            "method": "textDocument/hover",
            "params": {"textDocument": {"uri": 5}},
        },
        {"jsonrpc": "2.0", "id": 3, "method": "perflint/noSuchMethod", "params": {}},
        {
            "jsonrpc": "2.0",
            "id": 4,
            "method": "textDocument/hover",
            "params": {
                "textDocument": {"uri": "untitled:x"},
                "position": {"line": 0, "character": 0},
            },
        },
        {"jsonrpc": "2.0", "id": 5, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    done = subprocess.run(
        [sys.executable, "-m", "perflint.lsp"],
        input=b"".join(frame(r) for r in requests),
        capture_output=True,
        timeout=60,
    )
    answers, shown = {}, []
    data = done.stdout
    while data:
        header, _, rest = data.partition(b"\r\n\r\n")
        fields = dict(line.split(b":", 1) for line in header.split(b"\r\n"))
        length = int(fields[b"Content-Length"])
        message = json.loads(rest[:length])
        data = rest[length:]
        if "id" in message and "method" not in message:
            answers[message["id"]] = message
        elif message.get("method") == "window/showMessage":
            shown.append(message["params"]["message"])
    assert any("Invalid Params" in m for m in shown)
    assert answers[3]["error"]["code"] == -32601
    assert "result" in answers[4] and answers[4]["result"] is None
    assert "result" in answers[5]


KERNEL = (
    "def count(n):\n    t = 0.0\n    for i in range(n):\n        t += i % 7\n    return t\n\n\n"
    "def merge(rows):\n    return sum(rows, [])\n"
)


async def test_code_lenses(client: LanguageClient, tmp_path):
    (tmp_path / "requirements.txt").write_text("numba\n")  # PFL301 fixes where numba is used
    uri = (tmp_path / "lens.py").as_uri()
    await _open(client, uri, KERNEL)
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    titles = sorted((lens.range.start.line, lens.command.title) for lens in lenses)
    assert titles == [(0, "numba: add @njit"), (7, "O(n^2): 1 finding")]
    applied = []

    @client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply(params: types.ApplyWorkspaceEditParams) -> types.ApplyWorkspaceEditResult:
        applied.append(params.edit.changes[uri])
        return types.ApplyWorkspaceEditResult(applied=True)

    njit = next(lens for lens in lenses if lens.command.title.startswith("numba"))
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=njit.command.command, arguments=njit.command.arguments)
    )
    fixed = _apply(KERNEL, applied[0])
    assert "@numba.njit\ndef count(n):" in fixed and fixed.startswith("import numba\n")


@pytest.mark.parametrize(
    "preference, expected", [("editorFirst", ["PFL101"]), ("filesystemFirst", [])]
)
def test_configuration_preference(tmp_path, preference, expected):
    from perflint.lsp.server import Options, PerflintServer

    (tmp_path / "perflint.toml").write_text('select = ["PFL2"]\n')
    (tmp_path / "a.py").write_text(QUADRATIC)
    server = PerflintServer()
    server.workspace_root = lambda path: str(tmp_path)  # type: ignore[method-assign]
    server.state.options = Options.read(
        {"perflint": {"select": ["PFL101"], "configurationPreference": preference}}
    )
    settings = server.settings_for(str(tmp_path / "a.py"))
    from perflint.api import lint_source

    found = lint_source(QUADRATIC, str(tmp_path / "a.py"), settings).diagnostics
    assert [d.code for d in found] == expected

"""Profile evidence in the language server (issue 16, point 5): a real client
(pytest-lsp) talks to `python -m perflint.lsp`, with cProfile profiles the
tests record from real runs of a workload with a hot, a cold and a never-run
finding."""

import asyncio
import marshal
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

WORKLOAD = """\
def hot(n):
    seen = []
    for i in range(n):
        if i not in seen:
            seen.append(i)
    return seen


def cold(items):
    out = []
    for x in items:
        if x not in out:
            out.append(x)
    return out


def never_called(items):
    out = []
    for x in items:
        if x not in out:
            out.append(x)
    return out


if __name__ == "__main__":
    hot(4000)
    cold(range(50))
"""
HOT, COLD, NEVER = 3, 11, 19  # 0-based lines of the three PFL102 findings
SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "perflint.lsp"])


def record(script: Path, out: Path) -> Path:
    """A cProfile profile of a real run of the script."""
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(out), str(script)],
        check=True,
        cwd=script.parent,
        timeout=60,
    )
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A workspace folder with the workload and its profile, run.pstats."""
    (tmp_path / "work.py").write_text(WORKLOAD)
    record(tmp_path / "work.py", tmp_path / "run.pstats")
    return tmp_path


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient):
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        pass  # the server's config-file watchers

    refreshed: list[None] = []

    @lsp_client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
    def refresh(params: None) -> None:
        refreshed.append(params)

    lsp_client.lens_refreshes = refreshed  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def start(client: LanguageClient, root: Path, **options) -> None:
    capabilities = client_capabilities("visual-studio-code")
    await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            initialization_options={"perflint": options},
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="project")],
        )
    )


async def published(client: LanguageClient, uri: str, timeout: float = 60):
    async def next_for_uri():
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri:
                return params

    try:
        return await asyncio.wait_for(next_for_uri(), timeout)
    except TimeoutError:
        pytest.fail(f"no diagnostics for {uri}; the server logged {logged(client)}")


async def open_workload(client: LanguageClient, root: Path):
    uri = (root / "work.py").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=1, text=WORKLOAD
            )
        )
    )
    found = (await published(client, uri)).diagnostics
    assert [d.range.start.line for d in found] == [HOT, COLD, NEVER]
    return uri, found


def logged(client: LanguageClient) -> list[str]:
    return [m.message for m in client.log_messages]


async def said(client: LanguageClient, part: str, count: int) -> list[str]:
    """The messages logged with `part` in them, once there are `count` (the
    server logs from its lint thread: a line may come just after diagnostics)."""
    for _ in range(100):
        found = [m for m in logged(client) if part in m]
        if len(found) >= count:
            await asyncio.sleep(0.2)  # and no more than that
            return [m for m in logged(client) if part in m]
        await asyncio.sleep(0.05)
    pytest.fail(f"fewer than {count} messages with {part!r}; the server logged {logged(client)}")


def shares(found) -> list:
    return [d.data.get("profile", {}).get("share", "absent") for d in found]


async def hover(client: LanguageClient, uri: str, line: int) -> str:
    answer = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=16),
        )
    )
    return answer.contents.value


async def test_hover_shows_the_share_of_run_time(client: LanguageClient, project: Path):
    await start(client, project, profile="run.pstats")
    uri, found = await open_workload(client, project)
    hot, cold, never = shares(found)
    assert hot > 0.5 and cold < 0.01 and never is None
    assert found[0].data["profile"]["source"] == "run.pstats"
    text = await hover(client, uri, HOT)
    assert text.startswith("**") and "% of run time in this profile** (" in text
    assert "in `run.pstats`)" in text and "PFL102" in text  # the rule's docs follow
    assert (await hover(client, uri, NEVER)).startswith(
        "**Not run in this profile** (`run.pstats`)"
    )


async def test_a_lens_over_each_function_that_ran(client: LanguageClient, project: Path):
    (project / "perflint.toml").write_text('profile = "run.pstats"\n')  # from the config file
    await start(client, project)
    uri, found = await open_workload(client, project)
    hot_share = found[0].data["profile"]["share"]
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    titles = sorted(
        (lens.range.start.line, lens.command.title)
        for lens in lenses
        if lens.command.title.startswith("perflint:")
    )
    assert titles == [
        (0, f"perflint: {hot_share:.0%} of run time, 1 finding"),
        (8, "perflint: <1% of run time, 1 finding"),
    ]
    # Clicking one lists its finding.
    client.messages.clear()
    hot_lens = next(lens for lens in lenses if lens.command.title.startswith("perflint: 1"))
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command=hot_lens.command.command, arguments=hot_lens.command.arguments
        )
    )
    (shown,) = client.messages
    assert shown.message.startswith("perflint: line 4: PFL102")


async def test_cold_findings_as_hints(client: LanguageClient, project: Path):
    (project / "perflint.toml").write_text('profile = "run.pstats"\nmin-share = "5%"\n')
    await start(client, project, coldFindingsAsHints=True)
    uri, found = await open_workload(client, project)
    warning, hint = types.DiagnosticSeverity.Warning, types.DiagnosticSeverity.Hint
    assert [d.severity for d in found] == [warning, hint, hint]
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    ours = [lens.range.start.line for lens in lenses if "run time" in lens.command.title]
    assert ours == [0]  # under min-share: no lens


async def test_without_the_setting_cold_findings_keep_their_severity(
    client: LanguageClient, project: Path
):
    (project / "perflint.toml").write_text('profile = "run.pstats"\nmin-share = "5%"\n')
    await start(client, project)
    _, found = await open_workload(client, project)
    assert {d.severity for d in found} == {types.DiagnosticSeverity.Warning}


async def test_an_untrusted_workspace_reads_no_pstats(client: LanguageClient, project: Path):
    (project / "perflint.toml").write_text('profile = "run.pstats"\n')
    await start(client, project, workspaceTrusted=False)
    uri, found = await open_workload(client, project)
    assert shares(found) == ["absent"] * 3
    assert len(await said(client, "read only in a trusted workspace", 1)) == 1
    assert "run time" not in await hover(client, uri, HOT)


@pytest.mark.parametrize("kind", ["pyinstrument", "py-spy"])
async def test_an_untrusted_workspace_reads_json_profiles(
    client: LanguageClient, tmp_path: Path, kind: str
):
    from tests.test_profile import record as record_with

    (tmp_path / "work.py").write_text(WORKLOAD)
    recorded = record_with(tmp_path, kind, tmp_path / "work.py")
    await start(client, tmp_path, profile=recorded.name, workspaceTrusted=False)
    _, found = await open_workload(client, tmp_path)
    hot, _, never = shares(found)
    assert hot > 0.3 and never is None


async def test_a_profile_outside_the_workspace_is_not_read(client: LanguageClient, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "work.py").write_text(WORKLOAD)
    outside = record(project / "work.py", tmp_path / "run.pstats")
    linked = record(project / "work.py", tmp_path / "linked.pstats")
    (project / "inside.pstats").symlink_to(linked)  # a link does not bring it in
    await start(client, project, profile=[str(outside), "inside.pstats"])
    _, found = await open_workload(client, project)
    assert shares(found) == ["absent"] * 3
    assert len(await said(client, "outside the workspace folders", 2)) == 2


async def test_a_corrupt_profile_is_one_message_and_the_server_goes_on(
    client: LanguageClient, project: Path
):
    data = (project / "run.pstats").read_bytes()
    (project / "cut.pstats").write_bytes(data[: len(data) // 2])
    (project / "deep.pstats").write_bytes(b"{" + b"[" * 200_000)  # marshal nesting
    await start(client, project, profile=["cut.pstats", "deep.pstats", "run.pstats"])
    uri, found = await open_workload(client, project)
    assert shares(found)[0] > 0.5  # the good profile still counts
    problems = await said(client, "perflint: profile", 2)
    assert len(problems) == 2 and all("no share" in m for m in problems), problems
    assert any("cut.pstats: truncated or corrupt cProfile data" in m for m in problems)
    assert "run time" in await hover(client, uri, HOT)


async def test_a_new_or_changed_profile_republishes(client: LanguageClient, tmp_path):
    (tmp_path / "work.py").write_text(WORKLOAD)
    await start(client, tmp_path, profile="run.pstats")
    uri, found = await open_workload(client, tmp_path)
    assert shares(found) == ["absent"] * 3  # not recorded yet
    record(tmp_path / "work.py", tmp_path / "run.pstats")
    found = (await published(client, uri)).diagnostics  # within a poll (2 s)
    assert shares(found)[2] is None and shares(found)[0] > 0.5
    # A run that calls never_called too: its finding gets a share.
    (tmp_path / "work.py").write_text(WORKLOAD + "    never_called(range(3000))\n")
    record(tmp_path / "work.py", tmp_path / "run.pstats")
    found = (await published(client, uri)).diagnostics
    assert shares(found)[2] > 0.1
    assert client.lens_refreshes  # type: ignore[attr-defined]


def test_the_reader_dying_is_a_problem_not_a_crash(tmp_path, monkeypatch):
    from perflint.lsp import profiles

    (tmp_path / "run.pstats").write_bytes(marshal.dumps({("a.py", 1, "f"): (1, 1, 0.5, 0.5, {})}))
    path = str(tmp_path / "run.pstats")
    said: list[str] = []
    store = profiles.ProfileStore(said.append)
    assert store.get(path, "run.pstats", inside=True, trusted=True).total == 0.5
    # A reader that dies (a crash in marshal would look the same): one message.
    monkeypatch.setattr(profiles.sys, "executable", "/bin/false")
    store = profiles.ProfileStore(said.append)
    assert store.get(path, "run.pstats", inside=True, trusted=True) is None
    assert store.get(path, "run.pstats", inside=True, trusted=True) is None
    assert said == [
        "perflint: profile run.pstats: the profile reader stopped (status 1): a corrupt file?; "
        "its findings get no share of run time"
    ]


def test_profiles_round_trip_through_the_reader(project: Path):
    from perflint.lsp.profile_reader import from_json, to_json

    from perflint.profile import load_profile

    profile = load_profile(project / "run.pstats")
    again = from_json(to_json(profile), profile.source)
    assert again == profile


async def test_a_settings_change_switches_the_profile(client: LanguageClient, project: Path):
    await start(client, project)
    uri, found = await open_workload(client, project)
    assert shares(found) == ["absent"] * 3  # no profile configured
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"perflint": {"profile": ["run.pstats"]}})
    )
    found = (await published(client, uri)).diagnostics
    assert shares(found)[0] > 0.5


@pytest.mark.parametrize(
    "raw, expected, problem",
    [
        ({"profile": "run.pstats"}, ("run.pstats",), False),
        ({"profile": ["a.pstats", "b.json"]}, ("a.pstats", "b.json"), False),
        ({"profile": ""}, (), False),  # VS Code's default
        ({"profile": 3}, (), True),
        ({"profile": ["a.pstats", 3]}, (), True),
    ],
)
def test_the_profile_option(raw, expected, problem):
    from perflint.lsp.options import read_options

    options, problems = read_options({"perflint": raw})
    assert options.profile == expected and bool(problems) == problem


@pytest.mark.parametrize(
    "raw, trusted, problem",
    [
        (None, True, False),  # an editor without workspace trust
        ({"perflint": {}}, True, False),
        ({"workspaceTrusted": True}, True, False),
        ({"perflint": {"workspaceTrusted": False}}, False, False),
        ({"workspaceTrusted": "yes"}, False, True),
    ],
)
def test_workspace_trust(raw, trusted, problem):
    from perflint.lsp.options import read_trust

    assert (read_trust(raw)[0], bool(read_trust(raw)[1])) == (trusted, problem)

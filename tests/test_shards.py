"""CI job matrices: `check --shard I/N`, `perflint merge`, and a cache that
survives a fresh checkout (issue 17, part 4)."""

import json
import os
import shutil
import unicodedata

import pytest

from perflint.shard import ShardError, parse_shard, project_relative, shard_of
from tests.conftest import ROOT, write

SLOW = "def flatten{n}(pages):\n    return sum(pages, [])\n"
SEARCH = (
    "def dedupe{n}(items):\n    seen = []\n    for x in items:\n"
    "        if x not in seen:\n            seen.append(x)\n    return seen\n"
)
CLEAN = "VALUE_{n} = {n}\n"


@pytest.fixture
def examples(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    write(tmp_path / "pyproject.toml", "[tool.perflint]\n")
    return "examples"


@pytest.fixture
def tree(tmp_path):
    """About 40 small files in nested folders: findings with and without fixes,
    clean files, a syntax error, a numba kernel, and one file importing numba
    (which decides, for the whole project, whether PFL301 offers its fix)."""
    write(tmp_path / "pyproject.toml", "[tool.perflint]\n")
    for n in range(36):
        folder = f"pkg{n % 4}/" + ("sub/" if n % 3 == 0 else "")
        body = (SLOW, SEARCH, CLEAN)[n % 3].format(n=n)
        write(tmp_path / "tree" / folder / f"mod{n}.py", body)
    write(tmp_path / "tree" / "pkg0.py", SLOW.format(n="top"))  # next to the folder pkg0/
    write(tmp_path / "tree" / "broken.py", "def f(:\n")
    write(tmp_path / "tree" / "ünïcode.py", SEARCH.format(n="u"))
    write(tmp_path / "tree" / "kernels.py", (ROOT / "examples" / "kernels.py").read_text())
    write(tmp_path / "tree" / "pkg3" / "fast.py", "import numba\n")
    return "tree"


def _json(run_cli, *args):
    code, out, err = run_cli("check", "--no-cache", "-j", "1", "--format", "json", *args)
    assert code in (0, 1), err
    return json.loads(out)


# --- --shard ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1/1", "2/4", "4/4", " 3 / 7 "])
def test_good_shard_values(text):
    shard = parse_shard(text)
    assert str(shard) == text.replace(" ", "")


@pytest.mark.parametrize("text", ["0/4", "5/4", "a/b", "3", "", "1/0", "-1/4", "1/4/2", "٢/٤"])
def test_bad_shard_values_are_one_line_usage_errors(run_cli, tmp_path, text):
    with pytest.raises(ShardError):
        parse_shard(text)
    write(tmp_path / "a.py", "x = 1\n")
    code, out, err = run_cli("check", "--shard", text, "a.py")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("perflint: error: --shard")
    assert "1 <= I <= N" in err and "Traceback" not in err


def test_shard_refuses_stdin_and_write_baseline(run_cli):
    code, _, err = run_cli("check", "--shard", "1/2", "-", input="x = 1\n")
    assert code == 2 and "stdin" in err
    code, _, err = run_cli("check", "--shard", "1/2", "--write-baseline", "b.json", ".")
    assert code == 2 and "--write-baseline" in err


def test_shard_is_documented_in_help(run_cli):
    _, out, _ = run_cli("check", "--help")
    assert "--shard I/N" in out and "perflint merge" in out


def test_hash_is_stable():
    """Fixed answers: a change here would split files differently on machines
    that run different perflint versions, or after an upgrade mid-matrix."""
    expected = {
        "src/app/main.py": [1, 2, 3, 5],
        "tests/test_api.py": [1, 2, 3, 4],
        "setup.py": [2, 1, 2, 4],
        "docs/conf.py": [2, 1, 4, 5],
        "pkg/ünïcode.py": [2, 2, 4, 5],
        "a/b/c/d.py": [1, 3, 3, 1],
    }
    for path, shards in expected.items():
        assert [shard_of(path, n) for n in (2, 3, 4, 7)] == shards, path
    assert all(shard_of(path, 1) == 1 for path in expected)


def test_the_split_does_not_depend_on_the_checkout_folder_or_the_os(tmp_path):
    first, second = tmp_path / "one", tmp_path / "elsewhere" / "two"
    relative = os.path.join("src", "app", "main.py")  # os.sep: a backslash on Windows
    assert project_relative(str(first / relative), str(first)) == "src/app/main.py"
    assert project_relative(str(second / relative), str(second)) == "src/app/main.py"
    decomposed = unicodedata.normalize("NFD", "pkg/ünïcode.py")  # as HFS+ names it
    assert project_relative(str(first / decomposed), str(first)) == "pkg/ünïcode.py"


def _findings_by_file(findings):
    by_file = {}
    for item in findings:
        by_file.setdefault(item["filename"], []).append(item)
    return by_file


@pytest.mark.parametrize("layout", ["examples", "tree"])
def test_shards_add_up_to_exactly_the_full_run(run_cli, request, layout):
    from perflint.config import load_settings
    from perflint.files import discover
    from perflint.shard import Shard, select

    folder = request.getfixturevalue(layout)
    full = _json(run_cli, folder)
    settings = load_settings(None, folder)
    files = discover([folder], settings).files
    assert len(files) >= (6 if layout == "examples" else 40)
    for count in (1, 2, 3, 4, 5):
        parts = [select(files, Shard(i, count), settings.root) for i in range(1, count + 1)]
        assert sorted(f for part in parts for f in part) == sorted(files), "each file once"
        findings = []
        for index, part in enumerate(parts, 1):
            shard = _json(run_cli, "--shard", f"{index}/{count}", folder)
            assert set(_findings_by_file(shard)) <= set(part), "only its own files"
            findings.extend(shard)
        assert sorted(findings, key=json.dumps) == sorted(full, key=json.dumps), count


def test_an_empty_shard_is_a_clean_run(run_cli, tmp_path):
    write(tmp_path / "only.py", SLOW.format(n=1))
    empty = next(i for i in (1, 2) if shard_of("only.py", 2) != i)
    code, out, _ = run_cli("check", "--no-cache", "--shard", f"{empty}/2", ".")
    assert (code, out) == (0, "All checks passed!\n")
    code, out, _ = run_cli("check", "--no-cache", "--shard", f"{empty}/2", "--format", "json")
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = run_cli("check", "--no-cache", "--shard", f"{empty}/2", "--format", "sarif")
    assert code == 0 and json.loads(out)["runs"][0]["results"] == []


def test_a_missing_path_is_reported_by_one_shard_only(run_cli, tmp_path):
    reported = [_json(run_cli, "--shard", f"{i}/3", "gone.py") for i in (1, 2, 3)]
    assert sorted(len(findings) for findings in reported) == [0, 0, 1]


# --- perflint merge -----------------------------------------------------------


def _shard_reports(run_cli, tmp_path, folder, fmt, count=4):
    paths = []
    for index in range(1, count + 1):
        out = tmp_path / f"shard-{index}.{fmt}"
        args = ("--no-cache", "-j", "1", "--shard", f"{index}/{count}", "--format", fmt)
        code, _, err = run_cli("check", *args, "--output-file", str(out), "-q", folder)
        assert code in (0, 1), err
        paths.append(str(out))
    return paths


@pytest.mark.parametrize("layout", ["examples", "tree"])
@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_merged_shards_equal_the_full_run(run_cli, request, tmp_path, layout, fmt):
    """Byte for byte: the full run over one folder is already in merge's order
    (files as the folder walk finds them, then row, column, rule)."""
    folder = request.getfixturevalue(layout)
    full_code, full, _ = run_cli("check", "--no-cache", "--format", fmt, folder)
    code, merged, err = run_cli("merge", *_shard_reports(run_cli, tmp_path, folder, fmt))
    assert (code, err) == (full_code, "")
    assert merged == full


def test_text_from_merged_json_equals_the_full_runs_text(run_cli, tmp_path, tree):
    shards = _shard_reports(run_cli, tmp_path, tree, "json", count=3)
    for fmt in ("text", "concise"):
        full = run_cli("check", "--no-cache", "--format", fmt, tree)
        assert run_cli("merge", "--format", fmt, *shards) == full
    code, out, _ = run_cli("merge", "--format", "concise", "-q", *shards)
    assert code == 1 and "Found" not in out


def test_merge_keeps_a_finding_in_two_inputs_once(run_cli, tmp_path, examples):
    for fmt in ("json", "sarif"):
        shards = _shard_reports(run_cli, tmp_path, examples, fmt, count=2)
        once = run_cli("merge", *shards)
        assert run_cli("merge", *shards, *shards) == once
        assert run_cli("merge", *reversed(shards)) == once


def test_merge_exit_status(run_cli, tmp_path, examples):
    shards = _shard_reports(run_cli, tmp_path, examples, "json", count=2)
    assert run_cli("merge", *shards)[0] == 1
    assert run_cli("merge", "--exit-zero", *shards)[0] == 0
    write(tmp_path / "empty.json", "[]\n")
    assert run_cli("merge", str(tmp_path / "empty.json"))[:2] == (0, "[]\n")
    assert run_cli("merge", "--format", "text", "empty.json")[:2] == (0, "All checks passed!\n")


def test_merge_of_a_shard_that_missed_files_exits_2(run_cli, tmp_path, examples):
    """A shard whose run had an internal error says so in SARIF; as with
    check, no exit status may then read as "checked", even with --exit-zero."""
    good, bad = _shard_reports(run_cli, tmp_path, examples, "sarif", count=2)
    log = json.loads(open(bad).read())
    note = {"level": "error", "message": {"text": "internal error in perflint: boom"}}
    log["runs"][0]["invocations"] = [
        {"executionSuccessful": False, "toolExecutionNotifications": [note]}
    ]
    write(tmp_path / "bad.sarif", json.dumps(log))
    code, out, err = run_cli("merge", "--exit-zero", good, "bad.sarif")
    assert code == 2 and err == "perflint: error: bad.sarif: that shard did not check every file\n"
    (invocation,) = json.loads(out)["runs"][0]["invocations"]
    assert invocation == {"executionSuccessful": False, "toolExecutionNotifications": [note]}


def _bad(run_cli, *args):
    code, out, err = run_cli("merge", *args)
    assert code == 2 and out == "", (args, out)
    assert err.startswith("perflint: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def test_merge_bad_inputs(run_cli, tmp_path, examples):
    json_shard, _ = _shard_reports(run_cli, tmp_path, examples, "json", count=2)
    sarif_shard, _ = _shard_reports(run_cli, tmp_path, examples, "sarif", count=2)
    assert "cannot read gone.json" in _bad(run_cli, json_shard, "gone.json")
    assert "cannot read" in _bad(run_cli, str(tmp_path))
    write(tmp_path / "broken.json", '[{"code": ')
    assert "broken.json: not valid JSON" in _bad(run_cli, "broken.json")
    write(tmp_path / "binary.json", b"\xff\xfe\x00\xd8garbage")
    assert "binary.json: not valid JSON" in _bad(run_cli, "binary.json")
    write(tmp_path / "deep.json", "[" * 100_000)
    assert "deep.json: not valid JSON" in _bad(run_cli, "deep.json")
    assert "cannot merge a --format json report" in _bad(run_cli, json_shard, sarif_shard)
    write(tmp_path / "object.json", '{"findings": []}')
    assert "object.json: not a perflint report" in _bad(run_cli, "object.json")
    write(tmp_path / "numbers.json", "[1, 2]")
    assert "numbers.json: item 1 is not a perflint finding" in _bad(run_cli, "numbers.json")
    other = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "ruff"}}, "results": []}]}
    write(tmp_path / "ruff.sarif", json.dumps(other))
    assert "a SARIF report of 'ruff'" in _bad(run_cli, "ruff.sarif")
    write(tmp_path / "odd.sarif", '{"runs": [{"tool": {}}]}')
    assert "odd.sarif: run 1 is not a perflint SARIF run" in _bad(run_cli, "odd.sarif")
    log = json.loads(open(sarif_shard).read())
    log["runs"][0]["tool"]["driver"]["version"] = "0.0.1"
    write(tmp_path / "old.sarif", json.dumps(log))
    assert "different perflint versions" in _bad(run_cli, sarif_shard, "old.sarif")
    assert "--format text cannot be made from --format sarif" in _bad(
        run_cli, "--format", "text", sarif_shard
    )
    assert "--format sarif cannot be made from --format json" in _bad(
        run_cli, "--format", "sarif", json_shard
    )


# --- the cache in CI ----------------------------------------------------------


def test_cache_survives_a_fresh_checkout(run_cli, tmp_path, monkeypatch, tree):
    """actions/cache restores `.perflint_cache` into a new checkout of the same
    folder: every file is new (new mtimes, new inodes) and the results still
    come from the cache, because it is keyed by content, not by file times."""
    import perflint.runner as runner

    linted = []
    real = runner.process_file
    monkeypatch.setattr(runner, "process_file", lambda p, s, j: linted.append(p) or real(p, s, j))
    command = ("check", "-j", "1", "--format", "json", tree)
    first = run_cli(*command)
    assert first[0] == 1 and len(linted) >= 40
    kept = tmp_path / "kept-cache"
    shutil.copytree(tmp_path / ".perflint_cache", kept)
    pristine = tmp_path / "pristine"
    shutil.copytree(tmp_path / tree, pristine, copy_function=shutil.copyfile)  # no times kept
    shutil.rmtree(tmp_path / tree)
    shutil.rmtree(tmp_path / ".perflint_cache")
    shutil.copytree(pristine, tmp_path / tree, copy_function=shutil.copyfile)  # the checkout
    later = 2_000_000_000  # 2033: no file keeps the time it had
    for folder, _, names in os.walk(tmp_path / tree):
        for name in names:
            os.utime(os.path.join(folder, name), (later, later))
    shutil.copytree(kept, tmp_path / ".perflint_cache")  # what actions/cache restores
    linted.clear()
    assert run_cli(*command) == first
    assert linted == [], "every file must come from the cache"
    write(tmp_path / tree / "pkg1" / "mod1.py", CLEAN.format(n=1))
    assert run_cli(*command)[0] == 1
    assert [os.path.basename(p) for p in linted] == ["mod1.py"], "only the changed file"

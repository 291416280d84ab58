"""`perflint check --profile FILE [--min-share S]`: findings ordered by the
share of run time their code took in a real profile (perflint.profile)."""

import json
import subprocess
import sys

import pytest

APP = """def slow(n):
    seen = []
    for i in range(n):
        if i not in seen:
            seen.append(i)
    return seen


def idle(xs):
    out = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out


if __name__ == "__main__":
    idle([1, 2])
    slow(3000)
"""


@pytest.fixture
def profiled(tmp_path):
    (tmp_path / "app.py").write_text(APP)
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", "run.pstats", "app.py"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    return tmp_path


def test_text_is_ordered_by_share_with_not_run_last(run_cli, profiled):
    (profiled / "app.py").write_text(APP.replace("    idle([1, 2])\n", ""))
    code, out, err = run_cli("--no-cache", "--profile", "run.pstats", "app.py")
    assert code == 1, err
    headers = [line for line in out.splitlines() if line.startswith("app.py:")]
    assert headers[0].startswith("app.py:4:13: PFL102 [") and "% of run time]" in headers[0]
    assert headers[1].startswith("app.py:12:13: PFL102 [")


def test_json_carries_the_share_in_the_same_order(run_cli, profiled):
    code, out, _ = run_cli("--no-cache", "--profile", "run.pstats", "--format", "json", "app.py")
    items = json.loads(out)
    assert [i["location"]["row"] for i in items] == [4, 12]
    first, second = items[0]["profile"], items[1]["profile"]
    assert first["share"] > 0.5 and first["source"] == "run.pstats" and first["seconds"] > 0
    assert second is None or second["share"] < first["share"]


def test_never_run_code_is_marked(run_cli, profiled):
    subprocess.run(
        [sys.executable, "-c", "import cProfile; cProfile.run('sum(range(10))', 'other.pstats')"],
        cwd=profiled,
        check=True,
    )
    code, out, err = run_cli("--no-cache", "--profile", "other.pstats", "app.py")
    assert "[not run in this profile]" in out
    assert "no profile covers the linted files" in err


def test_min_share_hides_findings_below_it(run_cli, profiled):
    code, out, _ = run_cli(
        "--no-cache", "--profile", "run.pstats", "--min-share", "50%", "--format", "json", "app.py"
    )
    assert [i["location"]["row"] for i in json.loads(out)] == [4]
    code, out, _ = run_cli(
        "--no-cache", "--profile", "run.pstats", "--min-share", "0.5", "--format", "json", "app.py"
    )
    assert [i["location"]["row"] for i in json.loads(out)] == [4]


def test_without_a_profile_nothing_changes(run_cli, profiled):
    code, out, _ = run_cli("--no-cache", "--format", "json", "app.py")
    assert all("profile" not in item for item in json.loads(out))


@pytest.mark.parametrize(
    "args, words",
    [
        (["--profile", "missing.pstats"], ["missing.pstats", "cannot read"]),
        (["--profile", "junk.json"], ["junk.json", "corrupt"]),
        (["--profile", "run.pstats", "--min-share", "lots"], ["--min-share", "5%"]),
        (["--profile", "run.pstats", "--min-share", "150%"], ["--min-share"]),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run_cli, profiled, args, words):
    (profiled / "junk.json").write_text("{not json")
    code, out, err = run_cli("--no-cache", *args, "app.py")
    assert code == 2
    assert all(w in err for w in words), err
    assert "Traceback" not in out + err


def test_sarif_ranks_by_share_and_github_mentions_it(run_cli, profiled):
    code, out, _ = run_cli("--no-cache", "--profile", "run.pstats", "--format", "sarif", "app.py")
    results = json.loads(out)["runs"][0]["results"]
    ranks = {
        r["locations"][0]["physicalLocation"]["region"]["startLine"]: r["rank"] for r in results
    }
    assert ranks[4] > 50 and ranks[4] > ranks[12]
    assert all("profile" in r["properties"] for r in results)
    code, out, _ = run_cli("--no-cache", "--profile", "run.pstats", "--format", "github", "app.py")
    assert "of run time in run.pstats" in out


def test_config_keys_profile_and_min_share(run_cli, profiled):
    (profiled / "pyproject.toml").write_text(
        '[tool.perflint]\nprofile = "run.pstats"\nmin-share = "50%"\n'
    )
    code, out, _ = run_cli("--no-cache", "--format", "json", "app.py")
    items = json.loads(out)
    assert [i["location"]["row"] for i in items] == [4] and items[0]["profile"]["share"] > 0.5


@pytest.mark.parametrize("line", ["profile = 3", 'profile = ["a", 2]', "min-share = true"])
def test_bad_profile_config_names_the_key(run_cli, profiled, line):
    (profiled / "pyproject.toml").write_text(f"[tool.perflint]\n{line}\n")
    code, _, err = run_cli("--no-cache", "app.py")
    assert code == 2 and line.split(" ")[0] in err and "Traceback" not in err


def test_a_file_edited_since_the_profile_is_matched_by_name_and_said_so(run_cli, profiled):
    (profiled / "app.py").write_text("# a new first line\n\n" + APP)
    code, out, err = run_cli("--no-cache", "--profile", "run.pstats", "app.py")
    assert "changed since run.pstats was recorded" in err
    assert "% of run time]" in out.splitlines()[0]


def _perflint(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "perflint", *args], cwd=cwd, capture_output=True, text=True
    )


def test_perflint_profile_runs_the_command_and_ranks_the_findings(tmp_path):
    (tmp_path / "app.py").write_text(APP)
    done = _perflint("profile", "--", sys.executable, "app.py", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    headers = [line for line in done.stdout.splitlines() if line.startswith("app.py:")]
    assert headers[0].startswith("app.py:4:13: PFL102 [") and "% of run time]" in headers[0]
    assert (tmp_path / ".perflint_cache" / "last-profile.pstats").exists()
    done = _perflint(
        "profile", "--min-share", "50%", "-o", "p.pstats", "--", sys.executable, "app.py",
        cwd=tmp_path,
    )  # fmt: skip
    assert [line for line in done.stdout.splitlines() if line.startswith("app.py:")] == headers[:1]
    assert (tmp_path / "p.pstats").exists()


def test_perflint_profile_reports_a_failing_command(tmp_path):
    (tmp_path / "app.py").write_text(APP + "raise ValueError('boom')\n")
    done = _perflint("profile", "--", sys.executable, "app.py", cwd=tmp_path)
    assert "the command exited with status 1" in done.stderr
    assert "app.py:4:13: PFL102" in done.stdout


@pytest.mark.parametrize(
    "command, words",
    [
        (["no-such-command-here"], "command not found"),
        ([sys.executable, "-m", "this"], "ran none of the project's files"),
        ([sys.executable, "missing.py"], "wrote no profile"),
    ],
)
def test_perflint_profile_bad_commands_exit_2(tmp_path, command, words):
    (tmp_path / "app.py").write_text(APP)
    done = _perflint("profile", "--", *command, cwd=tmp_path)
    # The command's own errors come first; perflint's is one last line.
    last = done.stderr.strip().splitlines()[-1]
    assert done.returncode == 2 and words in last and last.startswith("perflint: error:")

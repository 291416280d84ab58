"""docs/ci.md: every snippet parses, and every perflint command in it runs."""

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
import yaml

from tests.conftest import ROOT

DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", DOC, re.DOTALL)
GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.com"]


def _yaml(marker: str) -> dict | list:
    found = [text for lang, text in BLOCKS if lang == "yaml" and marker in text]
    assert len(found) == 1, marker
    return yaml.safe_load(found[0])


@pytest.fixture
def project(tmp_path):
    """A git repository holding the examples, with origin/main at its first commit."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
        subprocess.run([*GIT, *args], cwd=tmp_path, check=True, capture_output=True)
    subprocess.run(
        ["git", "update-ref", "refs/remotes/origin/main", "HEAD"], cwd=tmp_path, check=True
    )
    return tmp_path


def _shell(command: str, cwd) -> subprocess.CompletedProcess:
    command = command.replace("${{ github.base_ref || 'main' }}", "main")
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]}
    return subprocess.run(
        command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def _perflint_commands(lines) -> list[str]:
    return [line for line in lines if line.strip().startswith("perflint ")]


def test_pre_commit_snippet_names_the_hooks_we_ship():
    config = _yaml("repos:")
    hooks = {h["id"] for h in config["repos"][0]["hooks"]}
    shipped = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert hooks == shipped


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_github_workflow_commands_run(project):
    workflow = _yaml("--changed-since")
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    runs = [s["run"] for s in steps if "run" in s and "perflint check" in s["run"]]
    assert len(runs) == 3
    annotate, sarif, fixes = runs
    edited = project / "examples" / "jobs.py"
    edited.write_text(edited.read_text() + "\n")
    done = _shell(annotate, project)
    assert done.returncode == 1 and done.stdout.startswith("::warning file=examples/jobs.py")
    assert "examples/search.py" not in done.stdout, "only the changed file"
    done = _shell(sarif, project)
    assert done.returncode == 0, done.stderr
    assert json.loads((project / "perflint.sarif").read_text())["runs"][0]["results"]
    upload = next(
        s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")
    )
    assert upload["with"]["sarif_file"] == "perflint.sarif"
    done = _shell(fixes, project)
    assert done.returncode == 1, "the examples have safe fixes: the job must fail"


def _step(job: dict, action: str) -> dict:
    return next(s for s in job["steps"] if s.get("uses", "").startswith(action + "@"))


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_sharded_workflow_runs_and_adds_up_to_the_full_run(project):
    workflow = _yaml("--shard")
    shard_job, report_job = workflow["jobs"]["shard"], workflow["jobs"]["report"]
    shards = shard_job["strategy"]["matrix"]["shard"]
    assert shards == [1, 2, 3, 4] and report_job["needs"] == "shard"
    cache = _step(shard_job, "actions/cache")["with"]
    assert ".perflint_cache" in cache["path"].split()
    for part in ("env.PERFLINT_VERSION", "hashFiles('pyproject.toml', 'perflint.toml')"):
        assert part in cache["key"] and part in cache["restore-keys"]
    lint = next(s["run"] for s in shard_job["steps"] if "--shard" in s.get("run", ""))
    for shard in shards:
        for command in _perflint_commands(
            lint.replace("${{ matrix.shard }}", str(shard)).split("\n")
        ):
            done = _shell(command, project)
            assert done.returncode == 0, done.stderr
    # What upload-artifact and download-artifact (merge-multiple) do between the jobs.
    assert _step(shard_job, "actions/upload-artifact")["with"]["path"] == (
        "perflint-${{ matrix.shard }}.*"
    )
    shards_folder = project / _step(report_job, "actions/download-artifact")["with"]["path"]
    shards_folder.mkdir()
    reports = sorted(project.glob("perflint-*.*"))
    assert len(reports) == 8
    for report in reports:
        report.rename(shards_folder / report.name)
    sarif, text = [s["run"] for s in report_job["steps"] if "perflint merge" in s.get("run", "")]
    assert _shell(sarif, project).returncode == 0
    full = _shell("perflint check --format sarif .", project).stdout
    assert (project / "perflint.sarif").read_text() == full
    done = _shell(text, project)
    assert done.returncode == 1 and done.stdout == _shell("perflint check .", project).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_gitlab_job_commands_run(project):
    job = _yaml("codequality")["perflint"]
    for command in _perflint_commands(job["script"]):
        assert _shell(command, project).returncode in (0, 1), command
    reports = job["artifacts"]["reports"]
    assert json.loads((project / reports["codequality"]).read_text())
    assert ET.parse(project / reports["junit"]).getroot().tag == "testsuites"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_baseline_commands_run(project):
    block = next(text for lang, text in BLOCKS if lang == "sh" and "--write-baseline" in text)
    write, check = _perflint_commands(block.splitlines())
    assert _shell(write, project).returncode == 0
    done = _shell(check, project)
    assert done.returncode == 0 and "in the baseline not shown" in done.stdout


def test_pre_commit_rev_is_a_tag_that_exists_or_says_to_pin_a_commit():
    rev = _yaml("repos:")["repos"][0]["rev"]
    tags = subprocess.run(["git", "tag"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if re.fullmatch(r"v?\d+(\.\d+)*", rev):
        assert rev in tags, f"docs/ci.md pins rev {rev}, which is not a tag"
    else:
        assert rev in tags or "no release is tagged" in DOC

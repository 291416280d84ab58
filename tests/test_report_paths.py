"""SARIF, GitLab, JUnit and baselines name files relative to the project root
(the config file's folder, else the git root, else the working folder),
whatever paths perflint was given; the cache lives at that root too."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import write

SLOW = "def flatten(pages):\n    return sum(pages, [])\n"


def _reports(run_cli, target: str, tmp: Path) -> dict[str, list[str]]:
    """The file paths each report format gives for `check target`."""
    paths: dict[str, list[str]] = {}
    _, out, _ = run_cli("--no-cache", "--format", "sarif", target)
    run = json.loads(out)["runs"][0]
    paths["sarif"] = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    ]
    paths["srcroot"] = [run["originalUriBaseIds"]["%SRCROOT%"]["uri"]]
    _, out, _ = run_cli("--no-cache", "--output-format", "gitlab", target)
    paths["gitlab"] = [issue["location"]["path"] for issue in json.loads(out)]
    _, out, _ = run_cli("--no-cache", "--format", "junit", target)
    paths["junit"] = [s.get("name") for s in ET.fromstring(out).iter("testsuite")]
    baseline = tmp / "baseline.json"
    run_cli("--no-cache", "--write-baseline", str(baseline), target)
    paths["baseline"] = [f["path"] for f in json.loads(baseline.read_text())["findings"]]
    return paths


def _expect(paths: dict[str, list[str]], relative: str, root: Path) -> None:
    for name in ("sarif", "gitlab", "junit", "baseline"):
        assert paths[name] == [relative], name
    assert paths["srcroot"] == [root.resolve().as_uri() + "/"]


@pytest.mark.parametrize("target", ["src/pkg/mod.py", "src/pkg", "src", "."])
def test_git_root_whatever_the_argument(run_cli, tmp_path, monkeypatch, target):
    project = tmp_path / "project"
    write(project / "src" / "pkg" / "mod.py", SLOW)
    (project / ".git").mkdir()
    monkeypatch.chdir(project)
    _expect(_reports(run_cli, target, tmp_path), "src/pkg/mod.py", project)


def test_git_root_from_a_subfolder(run_cli, tmp_path, monkeypatch):
    project = tmp_path / "project"
    write(project / "src" / "pkg" / "mod.py", SLOW)
    (project / ".git").mkdir()
    monkeypatch.chdir(project / "src")
    _expect(_reports(run_cli, "pkg/mod.py", tmp_path), "src/pkg/mod.py", project)


@pytest.mark.parametrize("target", ["pkg/mod.py", "pkg", "."])
def test_config_folder_is_the_root(run_cli, tmp_path, monkeypatch, target):
    project = tmp_path / "project"
    write(project / "src" / "pkg" / "mod.py", SLOW)
    (project / ".git").mkdir()
    write(project / "src" / "pyproject.toml", "[tool.perflint]\n")
    monkeypatch.chdir(project / "src")
    _expect(_reports(run_cli, target, tmp_path), "pkg/mod.py", project / "src")


@pytest.mark.parametrize("target", ["src/pkg/mod.py", "src", "."])
def test_without_config_or_git_the_working_folder_is_root(run_cli, tmp_path, monkeypatch, target):
    project = tmp_path / "project"
    write(project / "src" / "pkg" / "mod.py", SLOW)
    monkeypatch.chdir(project)
    _expect(_reports(run_cli, target, tmp_path), "src/pkg/mod.py", project)


@pytest.mark.parametrize("target", ["src/pkg/mod.py", "src"])
def test_the_cache_is_at_the_project_root(run_cli, tmp_path, monkeypatch, target):
    project = tmp_path / "project"
    write(project / "src" / "pkg" / "mod.py", SLOW)
    (project / ".git").mkdir()
    monkeypatch.chdir(project / "src")
    run_cli(target.removeprefix("src/") if target != "src" else ".")  # from src/
    assert (project / ".perflint_cache").is_dir()
    assert not (project / "src" / ".perflint_cache").exists()
    assert not (project / "src" / "pkg" / ".perflint_cache").exists()

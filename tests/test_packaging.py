"""The distributions: built from a copy of the tree with `python -m build` (sdist,
then the wheel from the sdist, so a file missing from the sdist breaks the wheel)."""

from __future__ import annotations

import email
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIST = "perflint-cst"


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pytest.importorskip("build")
    tree = tmp_path_factory.mktemp("tree")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tree / name)
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(tree)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return {"wheel": next(out.glob("*.whl")), "sdist": next(out.glob("*.tar.gz"))}


def _wheel_metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.message_from_bytes(archive.read(name))


def test_wheel_metadata_names_the_distribution_licence_and_urls(dists):
    meta = _wheel_metadata(dists["wheel"])
    assert meta["Name"] == DIST
    assert meta["License-Expression"] == "MIT"
    assert meta.get_all("License-File") == ["LICENSE"]
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert urls["Homepage"].startswith("https://github.com/")
    assert {"Issues", "Documentation"} <= set(urls)
    requires = meta.get_all("Requires-Dist")
    assert any(r.startswith("watchfiles") for r in requires)
    assert dists["wheel"].name.startswith("perflint_cst-")


def test_wheel_holds_the_code_the_licence_and_the_command(dists):
    with zipfile.ZipFile(dists["wheel"]) as archive:
        names = set(archive.namelist())
        info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
    assert f"{info}/licenses/LICENSE" in names
    for module in (
        "perflint/__init__.py", "perflint/cli.py", "perflint/rules/__init__.py",
        "perflint/rules/jit/jit_candidate.py", "perflint/rules/arrays/iterrows_loop.py",
        "perflint/lsp/server.py", "perflint/data/numba_catalogue.json", "perflint/catalogue.py",
    ):  # fmt: skip
        assert module in names, module
    assert re.search(r"^perflint = perflint\.cli:main$", entry_points, re.MULTILINE)
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)


def test_sdist_holds_the_licence_and_every_local_doc_the_readme_links_to(dists):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = {
        target
        for target in re.findall(r"\]\(([^)#]+)\)", readme)
        if "://" not in target
    }
    assert "docs/ci.md" in linked  # the pattern finds the links
    with tarfile.open(dists["sdist"]) as archive:
        top = archive.getnames()[0].split("/")[0]
        names = {n.removeprefix(f"{top}/") for n in archive.getnames()}
    assert {"LICENSE", "README.md", "pyproject.toml"} <= names
    assert linked <= names, linked - names

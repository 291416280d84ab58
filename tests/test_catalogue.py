"""The catalogue (perflint.catalogue) says what the rules say, and using it
keeps LibCST and the rules out of a run that has nothing to lint."""

import subprocess
import sys

from perflint.catalogue import RULES, RuleInfo
from perflint.registry import all_rules


def test_the_catalogue_matches_the_rules():
    expected = tuple(
        RuleInfo(rule.code, rule.name, rule.category, rule.tier, rule.needs) for rule in all_rules()
    )
    assert expected == RULES, "perflint/catalogue.py is stale: run `python -m perflint.catalogue`"


def test_a_file_with_nothing_to_lint_imports_neither_libcst_nor_rules(tmp_path):
    """Nor pathspec: a file named on the command line needs no patterns."""
    (tmp_path / "plain.py").write_text("x = 1\n\ndef f(a):\n    return a + 1\n")
    probe = (
        "import sys\n"
        "from perflint.cli import main\n"
        "try:\n"
        "    main(['check', '--no-cache', '-q', sys.argv[1]])\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "heavy = ('libcst', 'pathspec')\n"
        "loaded = [m for m in sys.modules if m in heavy or m.startswith('perflint.rules.')]\n"
        "print(loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "plain.py")],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"

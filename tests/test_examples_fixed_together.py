"""Every rule's bad examples fixed by all rules at once, through the command line
(`perflint check --fix --unsafe-fixes --select ALL`), keep their behaviour: fixes
from different rules on the same code must compose, as they do on a real project."""

import pytest

from perflint.registry import all_rules
from tests.behaviour import same_behaviour
from tests.conftest import write


def _examples():
    for rule in all_rules():
        for index, example in enumerate(rule.bad):
            if example.calls:
                encoding = getattr(rule, "examples_encoding", "utf-8")
                yield pytest.param(example, encoding, id=f"{rule.code}-bad-{index}")


@pytest.mark.parametrize("example, encoding", list(_examples()))
def test_all_fixes_together_keep_behaviour(example, encoding, tmp_path, run_cli):
    path = write(tmp_path / "example.py", example.code.encode(encoding))
    status, _, stderr = run_cli(
        "check", "--no-cache", "--fix", "--unsafe-fixes", "--select", "ALL", "example.py"
    )
    assert status in (0, 1), stderr
    fixed = path.read_bytes().decode(encoding)
    compile(fixed, "example.py", "exec")
    same_behaviour(example.code, fixed, example.calls)

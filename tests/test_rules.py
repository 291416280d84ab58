"""Every rule's own examples, run as tests: bad ones are flagged on the given
line and fixed into the given text; good ones stay silent."""

import libcst as cst
import pytest
from perflint.rules.loops.try_in_loop import TryInLoop
from perflint.rules.scaling.process_local_state import ProcessLocalState
from perflint.rules.scaling.query_in_loop import QueryInLoop

from perflint.config import ConfigError, Settings, settings_from_table
from perflint.fix import fix_text
from perflint.registry import all_rules
from perflint.runner import CHECK, Job, process_source
from tests.behaviour import same_behaviour

RULES = all_rules()


def _lint(rule, code: str):
    encoding = getattr(rule, "examples_encoding", "utf-8")
    found = _lint_with(code.encode(encoding), Settings(select=(rule.code,)))
    return [d for d in found if d.code == rule.code]


def _lint_with(code: str | bytes, settings: Settings):
    source = code.encode() if isinstance(code, str) else code
    result, _ = process_source("example.py", source, settings, Job(CHECK))
    assert not result.internal_errors, result.internal_errors
    return result.diagnostics


def _cases(kind):
    for rule in RULES:
        for index, example in enumerate(getattr(rule, kind)):
            yield pytest.param(rule, example, id=f"{rule.code}-{kind}-{index}")


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_is_complete(rule):
    assert rule.problems() == []


@pytest.mark.parametrize("rule, example", list(_cases("bad")))
def test_bad_example_is_flagged(rule, example):
    found = _lint(rule, example.code)
    assert [d.location[0] for d in found] == [example.line]


@pytest.mark.parametrize("rule, example", list(_cases("good")))
def test_good_example_is_silent(rule, example):
    assert _lint(rule, example) == []


@pytest.mark.parametrize("rule, example", list(_cases("bad")))
def test_fix(rule, example):
    (finding,) = _lint(rule, example.code)
    if example.fixed is None:
        assert finding.fix is None
        return
    assert finding.fix is not None, "the example expects a fix"
    # A rule declares its least safe fix; a given fix may be safer.
    allowed = {"safe"} if rule.fix_applicability == "safe" else {"safe", "unsafe"}
    assert finding.fix.applicability in allowed
    settings = Settings(select=(rule.code,))
    outcome = fix_text(example.code, "example.py", settings, unsafe=True)
    assert outcome.text == example.fixed
    assert outcome.rejected == []
    cst.parse_module(outcome.text)
    compile(outcome.text, "example.py", "exec")
    # Idempotent: fixing the fixed code changes nothing.
    assert fix_text(outcome.text, "example.py", settings, unsafe=True).text == outcome.text
    same_behaviour(example.code, outcome.text, example.calls)


def test_fixes_are_exercised_on_inputs():
    """Every rule with a fix runs at least one fixed example on real inputs."""
    for rule in RULES:
        if rule.fix_applicability != "none":
            assert any(b.calls for b in rule.bad if b.fixed), rule.code


def test_codes_are_unique_and_well_formed():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    prefixes = {
        "errors": "PFL0",
        "complexity": "PFL1",
        "containers": "PFL2",
        "jit": "PFL3",
        "loops": "PFL4",
        "scaling": "PFL5",
        "arrays": "PFL6",
    }
    for rule in RULES:
        assert rule.code.startswith(prefixes[rule.category]), rule.code
        assert rule.name == rule.name.lower() and " " not in rule.name


def test_each_rule_lives_in_its_family_folder():
    # rules/<category>/<module>.py, so the tree lists the families
    for rule in RULES:
        assert rule.__module__.split(".")[2] == rule.category, rule.__module__


def test_rules_page_is_current():
    from pathlib import Path

    from perflint.docs import rules_markdown

    page = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `python -m perflint.docs > docs/rules.md`"
    )


def test_try_in_loop_is_silent_from_python_3_11():
    code = TryInLoop.bad[0].code
    assert _lint_with(code, Settings(select=("PFL405",), target_version=(3, 10)))
    assert not _lint_with(code, Settings(select=("PFL405",), target_version=(3, 11)))


def test_try_in_loop_is_off_by_default():
    assert not [d for d in _lint_with(TryInLoop.bad[0].code, Settings()) if d.code == "PFL405"]


def test_process_local_state_is_off_by_default():
    code = ProcessLocalState.bad[0].code
    assert not [d for d in _lint_with(code, Settings()) if d.code == "PFL505"]


def test_serverless_handlers_setting_names_more_handlers():
    code = (
        "import boto3\n\n\ndef process_order(order):\n    return boto3.client('sqs').send(order)\n"
    )
    assert not _lint_with(code, Settings(select=("PFL501",)))
    named = Settings(select=("PFL501",), serverless_handlers=("process_order",))
    assert [d.code for d in _lint_with(code, named)] == ["PFL501"]


def test_serverless_handlers_setting_is_validated():
    with pytest.raises(ConfigError, match="serverless-handlers: expected a list of strings"):
        settings_from_table({"serverless-handlers": "main"}, "pyproject.toml", ".")
    table = {"serverless-handlers": ["main"]}
    assert settings_from_table(table, None, ".").serverless_handlers == ("main",)


@pytest.mark.parametrize(
    "path", ["tests/test_views.py", "app/tests/helpers.py", "test_x.py", "x_test.py"]
)
def test_scaling_rules_leave_tests_alone(path):
    code = QueryInLoop.bad[0].code
    source = code.encode()
    result, _ = process_source(path, source, Settings(select=("PFL504",)), Job(CHECK))
    assert not result.diagnostics
    result, _ = process_source("app/views.py", source, Settings(select=("PFL504",)), Job(CHECK))
    assert [d.code for d in result.diagnostics] == ["PFL504"]

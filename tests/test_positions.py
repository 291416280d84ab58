"""Positions of findings when LibCST's text of a module is not the source's."""

from __future__ import annotations

import libcst as cst
import pytest

from perflint.api import lint_source
from perflint.config import Settings
from perflint.fix import fix_text
from perflint.positions import TextDiffers, node_ranges

MEMBERSHIP = '    return [x for x in xs if x in ["a", "b", "c", "d", "e"]]\n'
AS_SET = '{"a", "b", "c", "d", "e"}'


@pytest.mark.parametrize("prepass", [True, False])
@pytest.mark.parametrize("handler", ["except OSError :", "except OSError\t:", "except* OSError :"])
def test_space_before_an_except_colon_keeps_positions_and_fixes(prepass, handler):
    # LibCST's text of `except OSError :` lacks the space before the colon, so
    # its offsets after that line are one short of the source's.
    text = f"def f(xs):\n    try:\n        pass\n    {handler}\n        pass\n{MEMBERSHIP}"
    settings = Settings(select=("PFL205",))
    (finding,) = lint_source(text, "m.py", settings, prepass=prepass).diagnostics
    assert (finding.location, finding.end_location) == ((6, 35), (6, 60))
    outcome = fix_text(text, "m.py", settings, unsafe=True)
    assert outcome.rejected == []
    assert outcome.text == text.replace('["a", "b", "c", "d", "e"]', AS_SET)


def test_a_drop_after_the_last_finding_changes_nothing():
    text = f"def f(xs):\n{MEMBERSHIP}\ntry:\n    pass\nexcept OSError :\n    pass\n"
    settings = Settings(select=("PFL205",))
    (finding,) = lint_source(text, "m.py", settings, prepass=False).diagnostics
    assert finding.location == (2, 35)
    assert fix_text(text, "m.py", settings, unsafe=True).text == text.replace(
        '["a", "b", "c", "d", "e"]', AS_SET
    )


def test_node_ranges_checks_the_text_it_is_given():
    text = "try:\n    pass\nexcept OSError :\n    pass\nx = 1\n"
    module = cst.parse_module(text)
    last = module.body[-1]
    assert node_ranges(module, [last]) == {id(last): (39, 44)}  # LibCST's own text
    with pytest.raises(TextDiffers):
        node_ranges(module, [last], text)
    assert node_ranges(module, [last], module.code) == {id(last): (39, 44)}
    assert node_ranges(module, [module.body[0].body], text)  # before the drop: no error

import io
import tokenize
from collections.abc import Collection, Iterator

from perflint.diagnostics import SAFE, Diagnostic, Edit, Fix, LineIndex
from perflint.noqa import NOQA, noqa_codes
from perflint.prepass import NOTHING
from perflint.rule import Bad, Rule


class UnusedNoqa(Rule):
    """
    ## What it does
    Reports a code in a `# noqa: PFL...` comment that suppresses nothing: no
    finding of that rule is on that line, or no rule has that code.

    ## Why is this slow
    It is not slow; it is stale. A `noqa` left behind after the code was fixed
    hides the next real finding on that line, and nobody can tell which
    suppressions still matter.

    ## Example
    ```python
    rows = list(itertools.chain.from_iterable(pages))  # noqa: PFL101
    ```

    ## Use instead
    ```python
    rows = list(itertools.chain.from_iterable(pages))
    ```

    ## Fix safety
    Safe: it removes only the unused codes, and the whole comment when none is
    left (other tools' codes such as `E501` and any text before the `noqa`
    stay). Only codes of rules that ran on the file are judged: a code whose
    rule is not selected, a bare `# noqa` and other tools' codes are never
    reported, since another run (an editor, CI) may need them. When text
    follows the codes in the comment the finding has no fix.

    ## Measured
    Not applicable: no run-time cost. Off by default (like ruff's RUF100);
    turn it on with `--extend-select PFL003`. It adds no parsing: it reads the
    comments of files that have `noqa` in them.
    """

    code = "PFL003"
    name = "unused-noqa"
    category = "errors"
    impact = "constant-factor"
    needs = NOTHING  # it reads comments after the other rules ran (perflint.api)
    tier = "opt-in"
    summary = "A `# noqa` code that suppresses no finding on its line"
    fix_applicability = SAFE

    bad = (
        Bad(
            "def width(n):\n    return n + 1  # noqa: PFL001\n",
            line=2,
            fixed="def width(n):\n    return n + 1\n",
            calls=(("width", (1,)),),
        ),
        Bad("y = 2  # noqa: PFL999, E501\n", line=1, fixed="y = 2  # noqa: E501\n"),
        Bad("z = 3  # type: ignore  # NOQA:PFL001\n", line=1, fixed="z = 3  # type: ignore\n"),
        Bad("w = 4  # noqa: PFL001 kept for now\n", line=1, fixed=None),
    )
    good = (
        "x = 1  # noqa: E501\n",
        "x = 1  # noqa\n",
        'x = "# noqa: PFL001"\n',
        # PFL101 is not selected when the examples run: its codes are not judged.
        "x = sum([[1]], [])  # noqa: PFL101\n",
        "x = 1  # noqa: PFL003\n",
    )


def unused_noqa(
    text: str, diagnostics: Collection[Diagnostic], codes: Collection[str]
) -> list[Diagnostic]:
    """PFL003 findings for text, given every finding before suppression and the
    codes of the rules that ran on it."""
    found_at = {(d.location[0], d.code) for d in diagnostics}
    lines = LineIndex(text)
    reported = []
    for row, column, comment in _comments(text):
        match = NOQA.search(comment)
        if match is None or not match.group("codes"):
            continue  # without codes it speaks for every tool: not ours to judge
        written = noqa_codes(match.group("codes"))
        unused = [
            code
            for code in written
            if code.startswith("PFL")
            and code != UnusedNoqa.code
            and (code in codes or not _known(code))
            and (row, code) not in found_at
        ]
        if not unused:
            continue
        start = lines.offset((row, column)) + match.start()
        end = lines.offset((row, column)) + match.end()
        message = f"unused `noqa` code{'s' if len(unused) > 1 else ''} {', '.join(unused)}"
        fix = _fix(text, lines, (row, column), comment, match.start(), match.end(), written, unused)
        reported.append(
            Diagnostic(
                UnusedNoqa.code, UnusedNoqa.name, UnusedNoqa.category, message,
                lines.location(start), lines.location(end), fix,
            )  # fmt: skip
        )
    return reported


def _known(code: str) -> bool:
    from perflint.catalogue import by_code

    return code in by_code()


def _comments(text: str) -> Iterator[tuple[int, int, str]]:
    """(row, 1-based column, text) of each comment holding `noqa`; none when
    the text does not tokenize."""
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    try:
        for token in tokens:
            if token.type == tokenize.COMMENT and "noqa" in token.string.lower():
                yield token.start[0], token.start[1] + 1, token.string
    except (tokenize.TokenError, SyntaxError):
        return


def _fix(
    text: str,
    lines: LineIndex,
    where: tuple[int, int],
    comment: str,
    start: int,
    end: int,
    written: list[str],
    unused: list[str],
) -> Fix | None:
    kept = [code for code in written if code not in unused]
    base = lines.offset(where)
    if kept:
        edit_start, edit_end, content = base + start, base + end, f"# noqa: {', '.join(kept)}"
    elif comment[end:].strip():
        return None  # text after the codes: removing the `noqa` would orphan it
    else:
        # The `noqa` and the blanks before it; the whole comment when it is
        # only that, and the line's own blanks when nothing else is on it.
        edit_start, edit_end, content = base + start, base + len(comment), ""
        line_start = lines.offset((where[0], 1))
        while edit_start > line_start and text[edit_start - 1] in " \t":
            edit_start -= 1
    message = "Remove the unused code" + ("s" if len(unused) > 1 else "")
    edit = Edit(
        edit_start, edit_end, content, lines.location(edit_start), lines.location(edit_end)
    )
    return Fix(SAFE, message, (edit,))

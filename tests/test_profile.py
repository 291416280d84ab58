"""Profiles as evidence (issue 16, first half): reading cProfile, py-spy and
pyinstrument profiles recorded here from real runs, matching them to linted
files, and the share of run time of each finding's code."""

import json
import marshal
import os
import pstats
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from perflint.profile import (
    Profile,
    ProfileError,
    load_profile,
    match_file,
    parse_profile,
    share_for,
)
from perflint.profile.model import FileTimes, FunctionTime
from tests.conftest import write

WORKLOAD = '''\
"""A run dominated by one quadratic loop."""


def hot(n):
    seen = []
    for i in range(n):
        if i not in seen:
            seen.append(i)
    return seen


def sorter(n):
    data = [str(i) for i in range(n)]
    return sorted(data * 5)


def cold(n):
    total = 0
    for i in range(n):
        total += i
    return total


def never_called(items):
    out = []
    for x in items:
        if x not in out:
            out.append(x)
    return out


if __name__ == "__main__":
    hot(6000)
    sorter(20000)
    cold(100)
'''


def row(text: str, snippet: str) -> int:
    """The 1-based row of the first line containing `snippet`."""
    for number, line in enumerate(text.splitlines(), 1):
        if snippet in line:
            return number
    raise AssertionError(snippet)


HOT_LOOP = row(WORKLOAD, "for i in range(n)")
HOT_TEST = row(WORKLOAD, "if i not in seen")
COLD_LOOP = row(WORKLOAD, "total += i") - 1
NEVER_LOOP = row(WORKLOAD, "for x in items")
SORTED = row(WORKLOAD, "return sorted")


def bin_of(tool: str) -> str | None:
    here = Path(sys.executable).parent / tool
    return str(here) if here.exists() else shutil.which(tool)


def record(tmp: Path, kind: str, script: Path, env: dict[str, str] | None = None) -> Path:
    """Run `script` under the profiler `kind`; the profile file (skip if it cannot run)."""
    out = tmp / f"{script.stem}.{kind}.profile"
    python = sys.executable
    if kind == "cprofile":
        command = [python, "-m", "cProfile", "-o", str(out), str(script)]
    elif kind == "pyinstrument":
        pytest.importorskip("pyinstrument")
        command = [python, "-m", "pyinstrument", "-r", "json", "-p",
                   "processor_options.filter_threshold=0", "-o", str(out), str(script)]
    else:
        spy = bin_of("py-spy")
        if spy is None:
            pytest.skip("py-spy is not installed (pip install py-spy)")
        command = [spy, "record", "-r", "200", "-f", "speedscope", "-o", str(out), "--",
                   python, str(script)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    if kind == "py-spy" and (done.returncode != 0 or not out.exists()):
        pytest.skip(f"py-spy cannot attach here (needs ptrace): {done.stderr.strip()[-200:]}")
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """The workload in proj/scripts/, profiled by each profiler (absolute paths)."""
    tmp = tmp_path_factory.mktemp("recorded")
    script = write(tmp / "proj" / "scripts" / "workload.py", WORKLOAD)
    return tmp, script, {}


def profile_of(recorded, kind: str) -> Path:
    tmp, script, cache = recorded
    if kind not in cache:
        cache[kind] = record(tmp, kind, script)
    return cache[kind]


KINDS = ["cprofile", "pyinstrument", "py-spy"]
FORMATS = {"cprofile": "cprofile", "pyinstrument": "pyinstrument", "py-spy": "speedscope"}


def matched(recorded, kind: str):
    tmp, script, _ = recorded
    profile = load_profile(profile_of(recorded, kind))
    found = match_file(profile, script, tmp / "proj", WORKLOAD)
    assert found is not None
    return profile, found


# -- reading -----------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_format_is_sniffed_from_content_not_the_name(recorded, kind, tmp_path):
    original = profile_of(recorded, kind)
    for name in ("profile.json", "profile.prof", "profile.pstats", "profile"):
        shutil.copy(original, tmp_path / name)
        assert load_profile(tmp_path / name).format == FORMATS[kind]


def test_cprofile_own_and_builtin_times_agree_with_pstats(recorded):
    path = profile_of(recorded, "cprofile")
    profile = load_profile(path)
    stats = pstats.Stats(str(path)).stats
    assert profile.total == pytest.approx(sum(entry[2] for entry in stats.values()))
    script = str(recorded[1])
    hot = profile.files[script].functions[row(WORKLOAD, "def hot"), "hot"]
    (hot_key,) = [key for key in stats if key[0] == script and key[2] == "hot"]
    assert hot.own == pytest.approx(stats[hot_key][2])
    appends = [v for k, v in stats.items() if k[0] == "~" and "append" in k[2]]
    assert hot.builtins == pytest.approx(appends[0][4][hot_key][2])
    sorter = profile.files[script].functions[row(WORKLOAD, "def sorter"), "sorter"]
    assert sorter.builtins > 0  # sorted()


def test_pyinstrument_reader_on_a_real_run(recorded):
    profile = load_profile(profile_of(recorded, "pyinstrument"))
    times = profile.files[str(recorded[1])].functions
    hot = times[row(WORKLOAD, "def hot"), "hot"]
    assert hot.seconds > 0.5 * profile.total
    assert not any(name == "never_called" for _, name in times)


def test_speedscope_reader_on_a_real_py_spy_run(recorded):
    profile = load_profile(profile_of(recorded, "py-spy"))
    lines = profile.files[str(recorded[1])].lines
    hot_lines = {line for line, name in lines if name == "hot"}
    assert hot_lines <= set(range(HOT_LOOP - 2, HOT_LOOP + 4))
    hot = sum(spent for (_, name), spent in lines.items() if name == "hot")
    assert hot > 0.5 * profile.total


def speedscope(frames, *profiles):
    return json.dumps({
        "$schema": "https://www.speedscope.app/file-format-schema.json",
        "shared": {"frames": frames},
        "profiles": list(profiles),
        "exporter": "hand-written for perflint's tests",
    }).encode()


FRAMES = [
    {"name": "<module>", "file": "/w/app.py", "line": 9},
    {"name": "hot", "file": "/w/app.py", "line": 3},
    {"name": "len", "file": "<built-in>"},
    {"name": "hot", "file": "/w/app.py", "line": 4},
]


def test_speedscope_samples_go_to_the_innermost_python_line():
    data = speedscope(FRAMES, {
        "type": "sampled", "name": "t1", "unit": "milliseconds", "startValue": 0,
        "endValue": 50, "samples": [[0, 1], [0, 1, 2], [0], [], [0, 3]],
        "weights": [20, 10, 10, 5, 5],
    })
    profile = parse_profile(data, "hand.json")
    assert profile.format == "speedscope"
    assert profile.total == pytest.approx(0.05)
    assert profile.files["/w/app.py"].lines == pytest.approx(
        {(3, "hot"): 0.03, (9, "<module>"): 0.01, (4, "hot"): 0.005}
    )
    assert "<built-in>" not in profile.files


def test_speedscope_evented_profiles():
    events = [
        {"type": "O", "frame": 0, "at": 0}, {"type": "O", "frame": 1, "at": 1},
        {"type": "O", "frame": 2, "at": 3}, {"type": "C", "frame": 2, "at": 6},
        {"type": "C", "frame": 1, "at": 7}, {"type": "C", "frame": 0, "at": 8},
    ]
    data = speedscope(FRAMES, {"type": "evented", "name": "e", "unit": "seconds",
                               "startValue": 0, "endValue": 10, "events": events})
    profile = parse_profile(data, "evented.json")
    assert profile.total == 10
    assert profile.files["/w/app.py"].lines == {(3, "hot"): 6.0, (9, "<module>"): 2.0}


def test_pyinstrument_self_builtin_and_await_frames():
    def frame(function, time, children=(), file="/w/app.py", line=1):
        return {"function": function, "file_path": file, "line_no": line, "time": time,
                "children": list(children)}

    root = frame("<module>", 10, [
        frame("hot", 6, [frame("[self]", 4, file=""), frame("len", 2, file="<built-in>")], line=3),
        frame("[await]", 1, file=""),
    ])
    profile = parse_profile(json.dumps({"duration": 10, "root_frame": root}).encode(), "p.json")
    assert profile.format == "pyinstrument"
    assert profile.total == 10
    functions = profile.files["/w/app.py"].functions
    assert functions[3, "hot"] == FunctionTime(own=4, builtins=2)
    assert functions[1, "<module>"] == FunctionTime(own=3, builtins=0)


# -- matching ------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_match_by_real_path(recorded, kind):
    _, found = matched(recorded, kind)
    assert found.matched_by == "path"
    assert not found.edited


def test_match_through_a_symlink(recorded, tmp_path):
    tmp, script, _ = recorded
    link = tmp_path / "link"
    link.symlink_to(tmp / "proj", target_is_directory=True)
    profile = load_profile(profile_of(recorded, "cprofile"))
    found = match_file(profile, link / "scripts" / "workload.py", link, WORKLOAD)
    assert found is not None and found.matched_by == "path"


def test_match_by_project_relative_path_on_another_machine(recorded, tmp_path):
    """The profile names /.../proj/scripts/workload.py; this checkout is elsewhere."""
    profile = load_profile(profile_of(recorded, "cprofile"))
    checkout = tmp_path / "ci" / "checkout"
    copy = write(checkout / "scripts" / "workload.py", WORKLOAD)
    found = match_file(profile, copy, checkout, WORKLOAD)
    assert found is not None and found.matched_by == "relative"
    assert share_for(found, HOT_LOOP, HOT_LOOP + 3).share > 0.5
    other = write(checkout / "tools" / "workload.py", WORKLOAD)
    assert match_file(profile, other, checkout, WORKLOAD) is None
    assert match_file(profile, write(checkout / "x.py", WORKLOAD), checkout, WORKLOAD) is None


def test_match_a_relative_recorded_path(recorded, tmp_path):
    """`python -m cProfile -o out scripts/workload.py` records the path as given."""
    tmp, script, _ = recorded
    out = tmp_path / "relative.pstats"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "scripts/workload.py"],
                   cwd=tmp / "proj", check=True, capture_output=True)
    profile = load_profile(out)
    assert "scripts/workload.py" in profile.files
    found = match_file(profile, script, tmp / "proj", WORKLOAD)
    assert found is not None and found.matched_by == "relative"


def test_match_an_installed_copy_by_module_path(tmp_path):
    """The profile ran site-packages/mypkg/mod.py; the project has src/mypkg/mod.py."""
    site = tmp_path / "env" / "lib" / "python3" / "site-packages"
    write(site / "mypkg" / "__init__.py", "")
    write(site / "mypkg" / "mod.py", WORKLOAD)
    main = write(tmp_path / "main.py", "from mypkg import mod\nmod.hot(6000)\nmod.cold(10)\n")
    env = {**os.environ, "PYTHONPATH": str(site)}
    profile = load_profile(record(tmp_path, "cprofile", main, env))
    project = tmp_path / "project"
    write(project / "src" / "mypkg" / "__init__.py", "")
    source = write(project / "src" / "mypkg" / "mod.py", WORKLOAD)
    found = match_file(profile, source, project, WORKLOAD)
    assert found is not None and found.matched_by == "installed"
    assert share_for(found, HOT_LOOP, HOT_LOOP + 3).share > 0.5
    assert share_for(found, NEVER_LOOP, NEVER_LOOP + 2) is None
    elsewhere = write(project / "src" / "otherpkg" / "mod.py", WORKLOAD)
    write(project / "src" / "otherpkg" / "__init__.py", "")
    assert match_file(profile, elsewhere, project, WORKLOAD) is None


# -- shares --------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_hot_loop_dominates_and_never_run_code_is_none(recorded, kind):
    _, found = matched(recorded, kind)
    hot = share_for(found, HOT_LOOP, HOT_LOOP + 3)
    assert hot is not None and hot.share > 0.5
    assert hot.source == str(profile_of(recorded, kind))
    assert hot.seconds == pytest.approx(hot.share * found.total)
    assert share_for(found, HOT_TEST, HOT_TEST).share > 0.5
    cold = share_for(found, COLD_LOOP, COLD_LOOP + 1)
    assert cold is None or cold.share < 0.05  # a sampler may never see it
    assert share_for(found, NEVER_LOOP, NEVER_LOOP + 2) is None


def test_cprofile_shares_are_what_pstats_reports(recorded):
    """Function level: own time plus built-ins called directly, over the total."""
    path = profile_of(recorded, "cprofile")
    _, found = matched(recorded, "cprofile")
    stats = pstats.Stats(str(path)).stats
    total = sum(entry[2] for entry in stats.values())
    script = str(recorded[1])
    for name, line in (("hot", HOT_LOOP), ("sorter", SORTED), ("cold", COLD_LOOP)):
        (key,) = [k for k in stats if k[0] == script and k[2] == name]
        builtins = sum(v[4][key][2] for k, v in stats.items() if k[0] == "~" and key in v[4])
        comprehensions = sum(
            v[2] for k, v in stats.items()
            if k[0] == script and k[2] == "<listcomp>" and key[1] < k[1] <= SORTED
        ) if name == "sorter" else 0.0
        expected = (stats[key][2] + builtins + comprehensions) / total
        assert share_for(found, line, line).share == pytest.approx(expected)
    sorted_time = [v for k, v in stats.items() if "sorted" in k[2]][0][2]
    assert share_for(found, SORTED, SORTED).seconds >= sorted_time


def test_py_spy_line_share_of_a_loop_covers_the_loop(recorded):
    _, found = matched(recorded, "py-spy")
    loop = share_for(found, HOT_LOOP, HOT_LOOP)
    body = share_for(found, HOT_TEST, HOT_TEST)
    append = share_for(found, HOT_TEST + 1, HOT_TEST + 1)
    assert loop.share >= body.share + append.share - 1e-9
    assert body.share > append.share


LINES_TEXT = '''\
def f(rows):
    out = []
    for r in rows:
        total = (r
                 + 1)
        out.append(total)
    return out
'''


def lines_profile(lines):
    return Profile("lines.json", "speedscope", 10.0, {"/p/m.py": FileTimes(lines=lines)})


def test_line_shares_cover_the_statement_and_the_loop(tmp_path):
    path = write(tmp_path / "m.py", LINES_TEXT)
    profile = lines_profile({(3, "f"): 1.0, (4, "f"): 2.0, (5, "f"): 1.0, (6, "f"): 0.5,
                             (7, "f"): 0.5, (1, "<module>"): 5.0})
    profile.files[str(path)] = profile.files.pop("/p/m.py")
    found = match_file(profile, path, tmp_path, LINES_TEXT)
    assert found is not None and found.matched_by == "path"
    assert share_for(found, 5, 5).seconds == 3.0  # the whole statement `total = (r + 1)`
    assert share_for(found, 3, 3).seconds == 4.5  # the loop line: the whole loop
    assert share_for(found, 6, 6).share == pytest.approx(0.05)
    assert share_for(found, 1, 1).seconds == 5.0  # the def line: the whole function
    # Recorded lines now on a comment or a blank line: the file changed since.
    edited = "# A comment\n\n\n" + LINES_TEXT
    moved = match_file(profile, path, tmp_path, edited)
    assert moved.edited and not moved.lines
    assert share_for(moved, 9, 9).seconds == 5.0  # by name: the function's time


def test_py_spy_function_mode_gives_function_shares(tmp_path):
    """`py-spy record --function` puts every sample on the function's first line."""
    path = write(tmp_path / "m.py", LINES_TEXT)
    profile = lines_profile({(1, "f"): 4.0, (1, "<module>"): 1.0})
    profile.files[str(path)] = profile.files.pop("/p/m.py")
    found = match_file(profile, path, tmp_path, LINES_TEXT)
    assert share_for(found, 6, 6).seconds == 4.0


def test_an_edited_file_falls_back_to_names(recorded):
    tmp, script, _ = recorded
    profile = load_profile(profile_of(recorded, "cprofile"))
    edited = "import os\nimport re\n" + WORKLOAD
    found = match_file(profile, script, tmp / "proj", edited)
    assert found is not None and found.edited
    assert share_for(found, HOT_LOOP + 2, HOT_LOOP + 2).share > 0.5
    assert share_for(found, NEVER_LOOP + 2, NEVER_LOOP + 2) is None


CLASSES = '''\
class A:
    def run(self):
        return 1


class B:
    def run(self):
        return 2
'''


def functions_profile(path, functions):
    times = {key: FunctionTime(own=spent) for key, spent in functions.items()}
    return Profile("f.pstats", "cprofile", 10.0, {str(path): FileTimes(functions=times)})


def test_moved_functions_match_by_name_only_when_unambiguous(tmp_path):
    path = write(tmp_path / "m.py", CLASSES)
    profile = functions_profile(path, {(2, "run"): 3.0, (7, "run"): 5.0, (1, "<module>"): 1.0})
    exact = match_file(profile, path, tmp_path, CLASSES)
    assert not exact.edited
    assert (share_for(exact, 3, 3).seconds, share_for(exact, 8, 8).seconds) == (3.0, 5.0)
    shifted = "\n" + CLASSES  # both moved one line down: each still nearest its own
    moved = match_file(profile, path, tmp_path, shifted)
    assert moved.edited
    assert (share_for(moved, 4, 4).seconds, share_for(moved, 9, 9).seconds) == (3.0, 5.0)
    # A recorded `run` as near to one as to the other: which it was is a guess.
    tied = functions_profile(path, {(5, "run"): 3.0})
    text = CLASSES.replace("class A:\n", "class A:\n    x = 1\n").replace("\n\n\n", "\n\n")
    assert row(text, "def run") == 3 and row(text, "return 2") - 1 == 7
    guess = match_file(tied, path, tmp_path, text)
    assert guess.edited
    assert share_for(guess, 4, 4) is None and share_for(guess, 8, 8) is None


def test_no_match_for_unparsable_text_or_other_files(recorded, tmp_path):
    tmp, script, _ = recorded
    profile = load_profile(profile_of(recorded, "cprofile"))
    assert match_file(profile, script, tmp / "proj", "def broken(:\n") is None
    unrelated = write(tmp_path / "unrelated.py", "x = 1\n")
    assert match_file(profile, unrelated, tmp_path, "x = 1\n") is None


# -- bad input -----------------------------------------------------------------


def deep_pyinstrument(depth):
    head = '{"function": "f", "file_path": "a.py", "line_no": 1, "time": 1, "children": ['
    return ('{"root_frame": ' + head * depth + "]}" * depth + "}").encode()


def shared_callers():
    """Small on disk, huge to walk: every built-in shares one caller table."""
    callers = {("a.py", n, f"f{n}"): (1, 1, 0.1, 0.1) for n in range(2000)}
    stats = {("~", 0, f"<built-in {n}>"): (1, 1, 0.1, 0.1, callers) for n in range(2000)}
    return marshal.dumps(stats)


def pstats_with(value):
    return marshal.dumps({("a.py", 1, "f"): value})


BAD = {
    "empty": (b"", "empty"),
    "blank": (b"  \n\t ", "empty"),
    "random bytes": (bytes(range(256)) * 4, "unknown profile format"),
    "pickle": (b"\x80\x04\x95\x00", "never unpickles"),
    "text": (b"hello, world\n", "unknown profile format"),
    "JSON list": (b"[1, 2, 3]", "unknown profile format"),
    "truncated JSON": (b'{"shared": {"frames": [', "truncated or invalid JSON"),
    "foreign JSON": (b'{"name": "not a profile"}', "not a known profile"),
    "Scalene JSON": (b'{"elapsed_time_sec": 1.0, "files": {}}', "Scalene"),
    "not UTF-8": (b'{"a": "\xff"}', "not UTF-8"),
    "marshalled int": (marshal.dumps(7)[:1] + b"\x00", "unknown profile format"),
    "pstats not a table": (b"{" + marshal.dumps(1)[0:1], "cProfile"),
    "pstats bad key": (marshal.dumps({1: 2}), "not a cProfile/pstats table"),
    "pstats bad entry": (pstats_with((1, 1)), "corrupt cProfile data"),
    "pstats NaN time": (pstats_with((1, 1, float("nan"), 0.0, {})), "not a finite number"),
    "pstats code object": (
        pstats_with((1, 1, compile("import os", "x", "exec"), 0.0, {})), "not a number"
    ),
    "pstats no calls": (marshal.dumps({}), "records no function calls"),
    "pstats shared callers": (shared_callers(), "caller tables too large"),
    "speedscope no profiles": (speedscope(FRAMES), "no profiles"),
    "speedscope bad index": (
        speedscope(FRAMES, {"type": "sampled", "unit": "seconds", "samples": [[0, 99]],
                            "weights": [1]}),
        "not a list of frame indices",
    ),
    "speedscope negative index": (
        speedscope(FRAMES, {"type": "sampled", "unit": "seconds", "samples": [[-1]],
                            "weights": [1]}),
        "not a list of frame indices",
    ),
    "speedscope stack object": (
        speedscope(FRAMES, {"type": "sampled", "unit": "seconds", "samples": [{"0": 1}],
                            "weights": [1]}),
        "not a list of frame indices",
    ),
    "speedscope NaN": (
        speedscope(FRAMES, {"type": "sampled", "unit": "seconds", "samples": [[0]],
                            "weights": [float("nan")]}),
        "not a finite number",
    ),
    "speedscope bytes": (
        speedscope(FRAMES, {"type": "sampled", "unit": "bytes", "samples": [[0]], "weights": [1]}),
        "not in time",
    ),
    "speedscope weights": (
        speedscope(FRAMES, {"type": "sampled", "unit": "seconds", "samples": [[0], [1]],
                            "weights": [1]}),
        "2 samples but 1 weights",
    ),
    "speedscope events": (
        speedscope(FRAMES, {"type": "evented", "unit": "seconds", "startValue": 0,
                            "endValue": 1, "events": [{"type": "C", "frame": 0, "at": 0}]}),
        "not open",
    ),
    "pyinstrument no samples": (b'{"root_frame": null, "duration": 0}', "no samples"),
    "pyinstrument bad frame": (b'{"root_frame": {"function": 1}}', "a pyinstrument frame"),
    "pyinstrument too deep": (deep_pyinstrument(100_000), "nested too deeply"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_profiles_are_one_clear_error(name, tmp_path):
    data, message = BAD[name]
    path = tmp_path / "bad.profile"
    path.write_bytes(data)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: "), text
    assert message in text, text
    assert "\n" not in text


@pytest.mark.parametrize("kind", ["cprofile", "pyinstrument"])
@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.999])
def test_truncated_real_profiles_are_errors(recorded, kind, cut, tmp_path):
    data = profile_of(recorded, kind).read_bytes()
    path = write(tmp_path / "cut.prof", data[: int(len(data) * cut)])
    with pytest.raises(ProfileError, match="truncated|corrupt|no time"):
        load_profile(path)


def test_unreadable_and_oversized_files(tmp_path, recorded):
    with pytest.raises(ProfileError, match="cannot read the profile"):
        load_profile(tmp_path / "missing.pstats")
    with pytest.raises(ProfileError, match="not a regular file"):
        load_profile(tmp_path)
    path = profile_of(recorded, "cprofile")
    with pytest.raises(ProfileError, match="more than the 100 allowed"):
        load_profile(path, max_bytes=100)


def test_a_code_object_in_a_profile_is_never_run(tmp_path):
    marker = tmp_path / "ran"
    code = compile(f"open({str(marker)!r}, 'w').close()", "evil", "exec")
    stats = {("~", 0, "len"): (1, 1, 0.1, 0.1, {("b.py", 1, "g"): code})}
    path = write(tmp_path / "evil.pstats", marshal.dumps(stats))
    with pytest.raises(ProfileError):
        load_profile(path)
    assert not marker.exists()

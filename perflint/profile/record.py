"""`perflint profile -- COMMAND`: run a Python command under a profiler. This
runs the user's code, because the user asked for it; `perflint check` never does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from perflint.profile.model import Profile, ProfileError

SAMPLERS = ("cprofile", "py-spy")


def profiled_command(command: list[str], sampler: str, output: str) -> list[str]:
    """command, run so that it writes its profile to output.

    `python script.py` and `python -m module` get `-m cProfile -o output`
    after the interpreter; another entry point (`pytest`, a console script)
    is found on PATH and run as a script by this Python under cProfile.
    py-spy records any command from outside."""
    if not command:
        raise ProfileError("perflint profile: give the command to run after --")
    if sampler == "py-spy":
        # Also beside this Python: a virtualenv's bin folder need not be on PATH.
        spy = shutil.which(
            "py-spy",
            path=f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ.get('PATH', '')}",
        )
        if spy is None:
            raise ProfileError("perflint profile: py-spy is not installed (pip install py-spy)")
        return [spy, "record", "-f", "speedscope", "-o", output, "--", *command]
    program, *args = command
    if os.path.basename(program).startswith("python"):
        return [program, "-m", "cProfile", "-o", output, *args]
    script = shutil.which(program)
    if script is None:
        raise ProfileError(f"perflint profile: {program}: command not found")
    return [sys.executable, "-m", "cProfile", "-o", output, script, *args]


def record(command: list[str], sampler: str, output: str) -> int:
    """Run command under the sampler; its exit status. The profile is at output."""
    full = profiled_command(command, sampler, output)
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    try:
        return subprocess.run(full, check=False).returncode
    except OSError as exc:
        raise ProfileError(f"perflint profile: cannot run {full[0]}: {exc.strerror}") from None


def touched_files(profile: Profile, project_files: list[str]) -> list[str]:
    """The project's files that ran in the profile, in the project's order.
    Relative recorded paths (`python app.py`) are relative to the folder the
    command ran in, this one."""
    ran = {os.path.realpath(path) for path in profile.files if not path.startswith("<")}
    return [path for path in project_files if os.path.realpath(path) in ran]

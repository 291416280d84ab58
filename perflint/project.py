"""Where the project root is: the folder that report paths (SARIF, GitLab,
JUnit, baselines, shards) are relative to and that holds the cache, so that
they do not change with the paths perflint was given or where it was started."""

from __future__ import annotations

import os
from pathlib import Path


def project_root(config_file: str | None, start: str, default: str | None = None) -> str:
    """The folder of the config file, else the git work tree holding start, else
    default (start when not given)."""
    if config_file:
        return os.path.dirname(os.path.abspath(config_file))
    here = Path(os.path.abspath(start))
    for folder in [here, *here.parents]:
        if (folder / ".git").exists():
            return str(folder)
    return os.path.abspath(default) if default is not None else str(here)

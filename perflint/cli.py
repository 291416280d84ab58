"""The command line: click commands only; the work lives in runner, fix, report."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from perflint import DISTRIBUTION, __version__
from perflint.config import (
    ConfigError,
    Settings,
    check_patterns,
    did_you_mean,
    load_settings,
    parse_target_version,
)

EXIT_ERROR = 2


class _DefaultToCheck(click.Group):
    """`perflint --fix .` means `perflint check --fix .`, as in ruff."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (
            args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")
        ):
            _refuse_mistyped_command(args[0] if args else "-", list(self.commands))
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _refuse_mistyped_command(word: str, commands: list[str]) -> None:
    """`perflint chek src` is a typo, not a path to lint: a path that exists is
    linted (check is the default command), a missing one that is close to a
    command's name is a usage error."""
    if word.startswith("-") or os.path.lexists(word):
        return
    hint = did_you_mean(word, commands)
    if hint:
        fail(f"no command, file or folder named {word!r}{hint}")


def fail(message: str) -> NoReturn:
    """One clear line on stderr and exit 2 (usage, config or internal error)."""
    click.echo(f"perflint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__,
    "--version",
    prog_name="perflint",
    # The distribution's name: `pip install perflint` is another project.
    message=f"%(prog)s %(version)s ({DISTRIBUTION})",
)
def main() -> None:
    """perflint: find performance anti-patterns in Python code, and fix them."""


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--fix/--no-fix", default=False, help="Apply safe fixes in place.")
@click.option(
    "--unsafe-fixes/--no-unsafe-fixes", default=None, help="Also apply (or offer) unsafe fixes."
)
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option(
    "--select", multiple=True, help="Rules to run: codes, prefixes (PFL1), categories, names, ALL."
)
@click.option(
    "--extend-select", multiple=True, help="Rules to run in addition to the selected ones."
)
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option(
    "--format",
    "--output-format",  # ruff's name
    "output_format",
    type=click.Choice(["text", "concise", "json", "github", "sarif", "junit", "gitlab"]),
    default="text",
    show_default=True,
    help="Output format (github: annotations; sarif: code scanning; gitlab: Code Quality).",
)
@click.option(
    "--output-file",
    type=click.Path(dir_okay=False),
    help="Write the report to this file (the summary still goes to the terminal).",
)
@click.option("--statistics", is_flag=True, help="Print a count of findings per rule.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option(
    "--exit-non-zero-on-fix",
    is_flag=True,
    help="With --fix: exit 1 when files were changed, even if no finding remains.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    help="Report only findings not recorded in this baseline file (config key: baseline).",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record the current findings in this file and exit 0.",
)
@click.option(
    "--include",
    multiple=True,
    metavar="PATTERNS",
    help="File patterns a folder's walk lints, replacing the defaults (*.py, *.pyi, *.ipynb).",
)
@click.option(
    "--extend-include",
    multiple=True,
    metavar="PATTERNS",
    help="File patterns to lint besides the included ones, e.g. '*.pyw'.",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply the exclude settings to files named on the command line too (for pre-commit).",
)
@click.option(
    "--changed-since",
    metavar="REF",
    help="Lint only files changed since the git REF (and untracked files).",
)
@click.option(
    "--shard",
    metavar="I/N",
    help="Lint only part I of N of the files (1-based), split by a stable hash of each "
    "file's project-relative path: the same split on every machine. For CI job matrices; "
    "`perflint merge` joins the parts' reports.",
)
@click.option(
    "--add-noqa",
    is_flag=True,
    help="Add a `# noqa: CODES` comment to each line with findings (to adopt perflint).",
)
@click.option(
    "--show-settings", is_flag=True, help="Print the resolved settings for the first path, only."
)
@click.option("--show-files", is_flag=True, help="Print the files that would be linted, only.")
@click.option(
    "-w", "--watch", is_flag=True, help="Lint again whenever a Python or config file changes."
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("--cache-dir", type=click.Path(), help="Cache folder (default .perflint_cache).")
@click.option(
    "--config",
    "config_file",
    type=click.Path(),
    help="Config file (pyproject.toml or perflint.toml).",
)
@click.option("--target-version", help="Python version the code runs on, e.g. py311.")
@click.option(
    "--stdin-filename",
    help="The path of the source read from stdin ('-', or when no PATHS are given).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Processes to use (default: all cores)."
)
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option(
    "--verify-jit",
    is_flag=True,
    help="Compile and time each PFL301 candidate with numba (runs those functions only, in a "
    "separate process); keep those measured at least 2x faster.",
)
@click.option("-v", "--verbose", is_flag=True, help="Also list what --verify-jit dropped, and why.")
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A profile of a real run (cProfile/pstats, py-spy speedscope or pyinstrument JSON): "
    "order findings by the share of run time their code took. Repeatable.",
)
@click.option(
    "--min-share",
    help="With --profile, hide findings whose code took less of the run, e.g. 5% or 0.05.",
)
def check(paths: tuple[str, ...], **options: Any) -> None:
    """Lint PATHS (default: the current folder; with --stdin-filename, stdin)."""
    from perflint import cli_check

    if not paths and options["stdin_filename"]:
        paths = ("-",)  # as ruff: the source comes from stdin

    if options["verify_jit"]:
        from perflint.jit.verify import numba_available

        if not numba_available():
            fail("--verify-jit needs numba: pip install 'perflint-cst[jit]'")
        if options["fix"] or options["diff"] or paths == ("-",):
            fail("--verify-jit checks findings only: use it without --fix, --diff or stdin")
    if options["write_baseline"] and (options["diff"] or options["baseline"]):
        fail("--write-baseline records every finding: use it without --diff or --baseline")
    _check_exclusive(paths, options)
    if options["changed_since"] and paths == ("-",):
        fail("--changed-since selects files: it cannot be used with stdin")
    if options["shard"] is not None:
        from perflint.shard import ShardError, parse_shard

        if paths == ("-",):
            fail("--shard splits files: it cannot be used with stdin")
        if options["write_baseline"]:
            fail("--write-baseline records every finding: use it without --shard")
        try:
            options["shard"] = parse_shard(options["shard"])
        except ShardError as exc:
            fail(str(exc))

    def once() -> int:
        try:
            settings = _settings(paths, options)
            if options["no_cache"] or not _cached_before(settings):
                settings.validate()
        except ConfigError as exc:
            fail(str(exc))
        return cli_check.run_check(list(paths) or ["."], settings, options)

    if options["watch"]:
        from perflint.watch import watch

        watched = list(paths) or ["."]
        sys.exit(watch(watched + _config_files(watched[0], options["config_file"]), once))
    sys.exit(once())


def _config_files(start: str, config_file: str | None) -> list[str]:
    """The config files that could apply to start, for --watch: the given one,
    or the pyproject.toml / perflint.toml files at and above start up to its
    git work tree's root."""
    if config_file:
        return [config_file]
    folder = Path(os.path.abspath(start))
    folder = folder if folder.is_dir() else folder.parent
    found = []
    for above in [folder, *folder.parents]:
        names = ("pyproject.toml", "perflint.toml")
        found += [str(above / name) for name in names if (above / name).is_file()]
        if (above / ".git").exists():
            break
    return found


def _check_exclusive(paths: tuple[str, ...], options: dict[str, Any]) -> None:
    """--add-noqa and --show-* do one job each; --watch lints (and may fix) again
    and again, so it writes no baseline; none of these read stdin but --show-settings."""

    def flag(name: str) -> str:
        return "--" + name.replace("_", "-")

    modes = ("add_noqa", "show_settings", "show_files", "watch", "fix", "diff", "write_baseline")
    given = [name for name in modes if options[name]]
    for name in given:
        if name in ("add_noqa", "show_settings", "show_files") and len(given) > 1:
            other = next(o for o in given if o != name)
            fail(f"{flag(name)} cannot be used with {flag(other)}")
    if options["watch"] and options["write_baseline"]:
        fail("--watch cannot be used with --write-baseline")
    for name in ("add_noqa", "show_files", "watch"):
        if options[name] and paths == ("-",):
            fail(f"{flag(name)} works on files: it cannot be used with stdin")


def _settings(paths: tuple[str, ...], options: dict[str, Any]) -> Settings:
    start = options["stdin_filename"] or (paths[0] if paths and paths[0] != "-" else None)
    if start is not None and not os.path.isdir(start):
        start = os.path.dirname(os.path.abspath(start))
    settings = _load_settings(options["config_file"], start)
    target = options["target_version"]
    extend_select, ignore = _split(options["extend_select"]), _split(options["ignore"])
    include = _split(options["include"])
    extend_include = _split(options["extend_include"])
    # --select replaces the configured selection; the others add to it.
    settings = settings.with_overrides(
        select=_split(options["select"]),
        extend_select=settings.extend_select + extend_select if extend_select else None,
        ignore=settings.ignore + ignore if ignore else None,
        include=include and check_patterns(include, "--include"),
        extend_include=extend_include
        and settings.extend_include + check_patterns(extend_include, "--extend-include"),
        unsafe_fixes=options["unsafe_fixes"],
        cache_dir=options["cache_dir"],
        baseline=options["baseline"] and os.path.abspath(options["baseline"]),
        target_version=parse_target_version(target, "--target-version") if target else None,
    )
    return settings


def _load_settings(config_file: str | None, start: str | None) -> Settings:
    """The config's settings, rooted at the project root (perflint.project)."""
    from perflint.project import project_root

    settings = load_settings(config_file, start)
    if settings.config_file is None:
        cwd = os.getcwd()
        settings = settings.with_overrides(root=project_root(None, start or cwd, cwd))
    return settings


def _cached_before(settings: Settings) -> bool:
    """A cache written for exactly these settings (and this perflint) means they
    were validated then; checking again would import every rule, which is most
    of the time of a run where every file comes from the cache."""
    from perflint.cache import cache_path

    folder = os.path.join(settings.root, settings.cache_dir)
    return os.path.exists(cache_path(folder, settings.fingerprint()))


@main.command("profile", context_settings={"ignore_unknown_options": True})
@click.argument("command", nargs=-1, required=True, type=click.UNPROCESSED)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Where to write the profile.")
@click.option(
    "--sampler", type=click.Choice(["cprofile", "py-spy"]), default="cprofile", show_default=True
)
@click.option("--min-share", help="Hide findings whose code took less of the run, e.g. 5%.")
@click.option(
    "--format",
    "--output-format",  # ruff's name
    "output_format",
    type=click.Choice(["text", "concise", "json", "github", "sarif", "junit", "gitlab"]),
    default="text",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.pass_context
def profile_command(
    ctx: click.Context,
    command: tuple[str, ...],
    output: str | None,
    sampler: str,
    min_share: str | None,
    output_format: str,
    exit_zero: bool,
) -> None:
    """Run COMMAND under a profiler, then lint the project files it ran and
    list the findings by the share of run time their code took.

    perflint profile -- python app.py; perflint profile -- pytest -x tests/.
    This runs COMMAND (your code), as asked; `perflint check` never does."""
    from perflint.files import discover
    from perflint.profile import ProfileError, load_profile
    from perflint.profile.record import record, touched_files

    try:
        settings = _load_settings(None, os.getcwd())
    except ConfigError as exc:
        fail(str(exc))
    suffix = ".json" if sampler == "py-spy" else ".pstats"
    output = output or os.path.join(settings.root, settings.cache_dir, f"last-profile{suffix}")
    try:
        if os.path.exists(output):
            os.remove(output)  # a profile of an earlier run must not pass for this one
        status = record(list(command), sampler, output)
        if status != 0 and not os.path.exists(output):
            fail(f"the command exited with status {status} and wrote no profile")
        if status != 0:
            click.echo(f"perflint: the command exited with status {status}", err=True)
        recorded = load_profile(output)
    except ProfileError as exc:
        fail(str(exc))
    files = touched_files(recorded, discover([settings.root], settings).files)
    if not files:
        fail(f"the profile ({os.path.relpath(output)}) ran none of the project's files")
    ctx.invoke(
        check,
        paths=tuple(files),
        profiles=(output,),
        min_share=min_share,
        output_format=output_format,
        exit_zero=exit_zero,
    )


@main.command("merge")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "sarif", "text", "concise"]),
    help="Output format (default: the inputs' format; text and concise from JSON inputs).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line (text and concise).")
def merge_command(
    files: tuple[str, ...], output_format: str | None, exit_zero: bool, quiet: bool
) -> None:
    """Join the reports of `perflint check --shard I/N` runs into one, on stdout.

    FILES are all `--format json` or all `--format sarif` outputs. Exit status
    as for check: 0 nothing to report, 1 findings, 2 bad input or a shard that
    could not check every file."""
    from perflint.merge import MergeError, exit_status, merge_reports, render

    try:
        merged = merge_reports(files)
        text = render(merged, output_format or merged.format, summary=not quiet)
    except MergeError as exc:
        fail(str(exc))
    click.echo(text, nl=False)
    for path in merged.incomplete:
        click.echo(f"perflint: error: {path}: that shard did not check every file", err=True)
    sys.exit(exit_status(merged, exit_zero))


@main.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def rules_command(output_format: str) -> None:
    """List every rule."""
    import json

    from perflint.registry import all_rules

    rows: list[dict[str, Any]] = [
        {
            "code": r.code,
            "name": r.name,
            "category": r.category,
            "summary": r.summary,
            "fix": r.fix_applicability,
            "default": r.default,
            "impact": r.impact,
            "tier": r.tier,
        }
        for r in all_rules()
    ]
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        fix = {"safe": "fix", "unsafe": "fix*", "none": ""}[r["fix"]]
        name, category = f"{r['name']:<{width}}", f"{r['category']:<11}"
        columns = f"{category} {r['impact']:<15} {r['tier']:<7} {fix:<4}"
        click.echo(f"{r['code']}  {name}  {columns}  {r['summary']}")
    click.echo(
        "\nFix: `fix` a safe fix, applied by --fix; `fix*` an unsafe fix (it can change "
        "behaviour for odd inputs; `perflint rule CODE` says when), applied only with "
        "--fix --unsafe-fixes; blank: no fix.\n"
        "Tiers: always and default run unless deselected; micro (constant-factor, under 2x "
        "measured) and opt-in run when selected, e.g. `--extend-select micro`."
    )


@main.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Show the documentation of one rule (by code or name)."""
    from perflint.registry import all_rules

    for r in all_rules():
        if code.upper() == r.code or code == r.name:
            click.echo(f"# {r.name} ({r.code})\n")
            click.echo(f"Category: {r.category}. Fix: {r.fix_applicability}. {r.tier_line()}\n")
            click.echo(r.doc())
            return
    fail(f"unknown rule {code!r} (see `perflint rules`)")


@main.command("server")
@click.option("--tcp", nargs=2, type=(str, int), help="Listen on HOST PORT instead of stdio.")
def server_command(tcp: tuple[str, int] | None) -> None:
    """Run the language server (stdio by default), for editors."""
    from perflint.lsp.server import main as serve

    serve(["--tcp", tcp[0], str(tcp[1])] if tcp else [])

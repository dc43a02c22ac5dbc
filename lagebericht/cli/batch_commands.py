"""The batch commands ``build`` and ``check``: find the reports, process them, print the
outcome (through the :class:`~lagebericht.cli.printer.Printer`) and choose the exit status.

Heavy modules (validation, reportlab) are imported only when a report is processed, so
``--help`` answers at once.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import re
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from lagebericht.batch.budget import Budget
from lagebericht.batch.discover import Discovery, discover, select_month
from lagebericht.build import BuildResult, CheckResult, check_job
from lagebericht.cli.defaults import DEFAULT_CONTENT, EXIT_FAILED, EXIT_OK
from lagebericht.cli.json_output import check_json
from lagebericht.cli.printer import Printer
from lagebericht.cli.progress import BarProgress, PlainProgress
from lagebericht.cli.project_options import (
    build_defaults,
    content_paths,
    output_folder,
    project_of,
    refuse_output_in_content,
    theme_chooser,
)
from lagebericht.cli.summary import Summary, orphan_line
from lagebericht.limits import (
    BUILD_MEMORY_VARIABLE,
    BUILD_SECONDS_VARIABLE,
    DEFAULT_BUILD_MEMORY_MIB,
    DEFAULT_BUILD_SECONDS,
)
from lagebericht.problems import UsageError

EPILOG = """\
exit status:
  0  every report is fine (warnings do not count unless --strict)
  1  at least one report failed; all the others were still processed
  2  wrong usage (unknown option, a PATH that does not exist or is not a report,
     an unknown --theme, a broken lagebericht.toml)

Problems go to standard error as path:line:col: message, one per line."""

_BUILD_DESCRIPTION = """\
Build the report files given, or every report under the folders given (default: the
content folder of the project file lagebericht.toml found upwards from here, else
content/), into DIR (default: the project's output folder, else output/), mirroring the
folder structure below each folder given: content/2024-07/astana-sco.md ->
output/2024-07/astana-sco.pdf. A file given by name lands directly in DIR. Reports are the
*.md and *.md.j2 files; offices/ folders, data files and hidden files are skipped. DIR may
not lie inside the content tree.

A PDF is replaced only once the new one is complete. When a report fails, the PDF an
earlier build made from it is removed, so that nobody archives an outdated version. So is
a PDF whose report, below a folder searched, was deleted or renamed (--keep-orphans keeps
it); a file the build did not make is never removed."""

_CHECK_DESCRIPTION = """\
Validate the report files given, or every report under the folders given (default: the
project's content folder, else content/), without writing or removing anything."""


def add_batch_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``build`` and ``check``; ``common`` holds the PATH, --strict and --debug options."""
    raw = argparse.RawDescriptionHelpFormatter
    build = commands.add_parser(
        "build",
        parents=[common],
        help="build PDFs",
        description=_BUILD_DESCRIPTION,
        epilog=EPILOG,
        formatter_class=raw,
    )
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="output folder (default: the project's output, else output/)",
    )
    build.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        metavar="N",
        help="build N reports at once (default: the project's jobs, else the number of "
        "cores); same PDFs for any N",
    )
    build.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="the time one report's build may take, else it fails (default: "
        f"${BUILD_SECONDS_VARIABLE}, the project's timeout, else {DEFAULT_BUILD_SECONDS:g})",
    )
    build.add_argument(
        "--memory",
        type=_positive,
        metavar="MIB",
        help="the memory (MiB) one report's build may take, else it fails (default: "
        f"${BUILD_MEMORY_VARIABLE}, the project's memory, else {DEFAULT_BUILD_MEMORY_MIB})",
    )
    build.add_argument(
        "--force", action="store_true", help="rebuild every report, even those up to date"
    )
    build.add_argument(
        "--pdfa",
        action=argparse.BooleanOptionalAction,
        help="write archival PDF/A-2a (also a theme and a project setting)",
    )
    build.add_argument(
        "--print",
        action="store_true",
        dest="for_print",
        help="for a print shop: the theme's bleed (3 mm) around each page, TrimBox and "
        "BleedBox, crop marks if the theme asks for them (also a theme setting)",
    )
    build.add_argument(
        "--month",
        type=_month,
        metavar="YYYY-MM",
        help="only the reports dated in this month (front matter `date:`); exit status 1 "
        "if there is none",
    )
    build.add_argument(
        "--keep-orphans",
        action="store_true",
        help="keep the PDFs whose report (below the folders searched) is gone; "
        "by default they are removed, with their records",
    )
    build.add_argument(
        "--json",
        action="store_true",
        help="print a machine-readable summary on standard output instead of lines",
    )
    build.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="in a terminal, list the reports up to date too once the progress bar is gone",
    )
    build.set_defaults(run=run_build)
    check = commands.add_parser(
        "check",
        parents=[common],
        help="validate only, write nothing",
        description=_CHECK_DESCRIPTION,
        epilog=EPILOG,
        formatter_class=raw,
    )
    check.add_argument(
        "--json",
        action="store_true",
        help="print the outcome as one JSON document on standard output instead of lines",
    )
    check.set_defaults(run=run_check)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return number


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and number > 0):
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, got {value}")
    return number


def _budget(args: argparse.Namespace) -> Budget:
    """The budget per report: the option, else the environment, else the project file,
    else the default."""
    project = project_of(args)
    seconds = args.timeout
    if seconds is None and (text := os.environ.get(BUILD_SECONDS_VARIABLE, "").strip()):
        try:
            seconds = _seconds(text)
        except argparse.ArgumentTypeError as err:
            raise UsageError(f"{BUILD_SECONDS_VARIABLE}: {err}") from None
    memory = args.memory
    if memory is None and (text := os.environ.get(BUILD_MEMORY_VARIABLE, "").strip()):
        try:
            memory = _positive(text)
        except (argparse.ArgumentTypeError, ValueError):
            message = f"expected a number of MiB of at least 1, got {text}"
            raise UsageError(f"{BUILD_MEMORY_VARIABLE}: {message}") from None
    return Budget(
        seconds=seconds or project.timeout or DEFAULT_BUILD_SECONDS,
        memory_mib=memory or project.memory or DEFAULT_BUILD_MEMORY_MIB,
    )


def _month(value: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise argparse.ArgumentTypeError(f"expected a month like 2024-07, got {value!r}")
    return value


def _find(paths: Sequence[Path], out_dir: Path, printer: Printer) -> Discovery:
    found = discover(paths or [DEFAULT_CONTENT], out_dir)
    printer.problems(found.problems)
    if not found.jobs and not found.problems:
        shown = ", ".join(printer.path(p) for p in paths or [DEFAULT_CONTENT])
        printer.err(f"lagebericht: no reports found in {shown}")
    return found


def _print_result(result: BuildResult | CheckResult, printer: Printer) -> None:
    printer.problems(result.warnings)
    printer.problems(result.problems)


def run_build(args: argparse.Namespace, printer: Printer) -> int:
    with _terminate_as_interrupt():
        return _build(args, printer)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a CI step cancelled, ``kill``) stops the build as Ctrl-C does: the workers
    end with it and what finished is recorded, instead of dying with the records unwritten."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (an embedding program): its own handling
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _build(args: argparse.Namespace, printer: Printer) -> int:
    from lagebericht.batch import BatchOptions, plan, run, update_manifest
    from lagebericht.batch.orphans import sweep_orphans

    started = time.monotonic()
    build_defaults(args)
    out_dir = output_folder(args)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: not a folder (given as the output folder)")
    paths = content_paths(args)
    refuse_output_in_content(paths, out_dir, project_of(args))
    themes = theme_chooser(args)
    found = _find(paths, out_dir, printer)
    jobs = found.jobs
    if args.month:
        jobs = select_month(jobs, args.month)
        if not jobs and found.jobs:
            printer.err(_no_month(args.month, paths, printer))
    options = BatchOptions(
        jobs=args.jobs,
        force=args.force,
        strict=args.strict,
        pdfa=args.pdfa,
        for_print=args.for_print,
        debug=args.debug,
        budget=_budget(args),
    )
    planned = plan(jobs, out_dir, options, choose=themes.choose)
    progress = _progress(args, printer, sum(not p.up_to_date for p in planned))
    with progress:
        results = run(
            planned,
            out_dir,
            options,
            progress.start,
            progress.done,
            printer.problem,
            project_of(args).root,
        )
    sweep = sweep_orphans(out_dir, found.folders, found.jobs, keep=args.keep_orphans)
    printer.problems(sweep.problems)
    for orphan in () if args.json else sweep.orphans:
        printer.out(orphan_line(orphan, printer.path))
    manifest_problems = update_manifest(results, out_dir, sweep.removed, project_of(args).root)
    printer.problems(manifest_problems)
    seconds = time.monotonic() - started
    summary = Summary.of(results, len(found.problems), seconds, sweep.orphans)
    if args.json:
        outside = [*found.problems, *manifest_problems]
        printer.out(summary.json(results, printer.path, outside))
    else:
        printer.out(summary.line())
    # A monthly build that builds nothing is a mistake (wrong month, wrong folder).
    nothing_of_month = bool(args.month) and not jobs
    return EXIT_FAILED if summary.failed or nothing_of_month else EXIT_OK


def _no_month(month: str, paths: Sequence[Path], printer: Printer) -> str:
    searched = ", ".join(printer.path(p) for p in paths or [DEFAULT_CONTENT])
    return (
        f"lagebericht: warning: no report dated {month} (front matter `date:`) in "
        f"{searched}; nothing to build"
    )


def _progress(
    args: argparse.Namespace, printer: Printer, total: int
) -> PlainProgress | BarProgress:
    def problems(result: BuildResult) -> None:
        _print_result(result, printer)

    if not args.json and sys.stderr.isatty() and total > 1:
        return BarProgress(
            total, sys.stderr, problems, printer.path, out=printer.out, verbose=args.verbose
        )
    return PlainProgress(printer.out, problems, printer.path, quiet=args.json)


def run_check(args: argparse.Namespace, printer: Printer) -> int:
    from lagebericht.theme_choice import pipeline_for

    build_defaults(args)
    themes = theme_chooser(args)
    found = _find(content_paths(args), project_of(args).output, printer)
    results = []
    for job in found.jobs:
        pipeline = pipeline_for(themes.choose_for(job.source))
        result = check_job(job, strict=args.strict, debug=args.debug, pipeline=pipeline)
        results.append(result)
        _print_result(result, printer)
        if result.ok and not args.json:
            printer.out(f"ok {printer.path(result.source)}")
    passed = sum(result.ok for result in results)
    failed = len(results) - passed + len(found.problems)
    if args.json:
        printer.out(check_json(results, found.problems, printer.path))
    else:
        printer.out(f"{passed} ok, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK

"""The ``lagebericht`` command: the only module that prints or decides the exit status.

Heavy modules (validation, reportlab) are imported only when a report is processed, so
``--help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from lagebericht import __version__
from lagebericht.build import BuildResult, CheckResult, check_job, internal_error_message
from lagebericht.cli_authoring import add_authoring_commands
from lagebericht.cli_defaults import (
    DEFAULT_CONTENT,
    DEFAULT_OUTPUT,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
)
from lagebericht.cli_progress import BarProgress, PlainProgress
from lagebericht.cli_summary import Summary
from lagebericht.discover import Discovery, UsageError, discover, select_month
from lagebericht.problems import Problem

_EPILOG = """\
exit status:
  0  every report is fine (warnings do not count unless --strict)
  1  at least one report failed; all the others were still processed
  2  wrong usage (unknown option, a PATH that does not exist or is not a report)

Problems go to standard error as path:line:col: message, one per line."""

_BUILD_DESCRIPTION = """\
Build the report files given, or every report under the folders given (default content/),
into DIR, mirroring the folder structure below each folder given:
content/2024-07/astana-sco.md -> output/2024-07/astana-sco.pdf. A file given by name lands
directly in DIR. Reports are the *.md and *.md.j2 files; offices/ folders, data files and
hidden files are skipped.

A PDF is replaced only once the new one is complete. When a report fails, the PDF an
earlier build made from it is removed, so that nobody archives an outdated version."""

_CHECK_DESCRIPTION = """\
Validate the report files given, or every report under the folders given (default
content/), without writing or removing anything."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lagebericht",
        description="Turn field-office situation reports (Markdown) into branded PDFs.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"lagebericht {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")

    # SUPPRESS: `--debug` after the command must not reset one given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="report files or folders of reports (default: content/)",
    )
    common.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (the report fails)"
    )
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show tracebacks of internal errors",
    )

    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    build_parser = commands.add_parser(
        "build",
        parents=[common],
        help="build PDFs",
        description=_BUILD_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build_parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        metavar="DIR",
        help="output folder (default: output/)",
    )
    build_parser.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="build N reports at once (default: the number of cores); same PDFs for any N",
    )
    build_parser.add_argument(
        "--force", action="store_true", help="rebuild every report, even those up to date"
    )
    build_parser.add_argument(
        "--pdfa", action="store_true", help="write archival PDF/A-2b (also a theme setting)"
    )
    build_parser.add_argument(
        "--month",
        type=_month,
        metavar="YYYY-MM",
        help="only the reports dated in this month (front matter `date:`)",
    )
    build_parser.add_argument(
        "--json",
        action="store_true",
        help="print a machine-readable summary on standard output instead of lines",
    )
    commands.add_parser(
        "check",
        parents=[common],
        help="validate only, write nothing",
        description=_CHECK_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_authoring_commands(commands)
    return parser


class _Printer:
    """Writes results for people and scripts; paths inside the working folder are shown
    relative to it."""

    def __init__(self, cwd: Path | None) -> None:
        self._cwd = cwd

    def path(self, path: Path) -> str:
        if self._cwd is not None and path.is_absolute() and path.is_relative_to(self._cwd):
            return str(path.relative_to(self._cwd))
        return str(path)

    def out(self, line: str) -> None:
        self._write(sys.stdout, line)

    def err(self, line: str) -> None:
        self._write(sys.stderr, line)

    @staticmethod
    def _write(stream: TextIO, line: str) -> None:
        try:
            # Flushed so that progress lines and problems keep their order in a CI log.
            print(line, file=stream, flush=True)
        except BrokenPipeError:
            # Reader gone (`lagebericht build | head`): keep building, stop printing.
            _silence(stream)

    def problems_of(self, problem: Problem) -> None:
        self.problems([problem])

    def problems(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.err(replace(problem, path=Path(self.path(problem.path))).format())


def _current_folder() -> Path | None:
    try:
        return Path.cwd()
    except OSError:  # the working folder was deleted under us
        return None


def _find(paths: Sequence[Path], out_dir: Path, printer: _Printer) -> Discovery:
    found = discover(paths or [DEFAULT_CONTENT], out_dir)
    printer.problems(found.problems)
    if not found.jobs and not found.problems:
        shown = ", ".join(printer.path(p) for p in paths or [DEFAULT_CONTENT])
        printer.err(f"lagebericht: no reports found in {shown}")
    return found


def _print_result(result: BuildResult | CheckResult, printer: _Printer) -> None:
    printer.problems(result.warnings)
    printer.problems(result.problems)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return number


def _month(value: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise argparse.ArgumentTypeError(f"expected a month like 2024-07, got {value!r}")
    return value


def _run_build(args: argparse.Namespace, printer: _Printer) -> int:
    from lagebericht.batch import BatchOptions, plan, run, update_manifest
    from lagebericht.problems import InputError
    from lagebericht.theme import load_theme

    started = time.monotonic()
    out_dir: Path = args.output
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: not a folder (given as the output folder)")
    found = _find(args.paths, out_dir, printer)
    jobs = found.jobs
    if args.month:
        jobs = select_month(jobs, args.month)
    try:
        theme = load_theme()
    except InputError as error:
        printer.problems(error.problems)
        return EXIT_FAILED
    options = BatchOptions(
        jobs=args.jobs,
        force=args.force,
        strict=args.strict,
        pdfa=args.pdfa or theme.pdfa,
        debug=args.debug,
        theme=theme,
    )
    planned = plan(jobs, out_dir, options, theme.folders)
    progress = _progress(args, printer, sum(not p.up_to_date for p in planned))
    with progress:
        results = run(planned, out_dir, options, progress.start, progress.done, printer.problems_of)
    printer.problems(update_manifest(results, out_dir))
    summary = Summary.of(results, len(found.problems), time.monotonic() - started)
    if args.json:
        printer.out(summary.json(results, printer.path))
    else:
        printer.out(summary.line())
    return EXIT_FAILED if summary.failed else EXIT_OK


def _progress(
    args: argparse.Namespace, printer: _Printer, total: int
) -> PlainProgress | BarProgress:
    def problems(result: BuildResult) -> None:
        _print_result(result, printer)

    if not args.json and sys.stderr.isatty() and total > 1:
        return BarProgress(total, sys.stderr, problems, printer.path)
    return PlainProgress(printer.out, problems, printer.path, quiet=args.json)


def _run_check(args: argparse.Namespace, printer: _Printer) -> int:
    found = _find(args.paths, DEFAULT_OUTPUT, printer)
    passed = 0
    failed = len(found.problems)
    for job in found.jobs:
        result = check_job(job, strict=args.strict, debug=args.debug)
        _print_result(result, printer)
        if result.ok:
            passed += 1
            printer.out(f"ok {printer.path(result.source)}")
        else:
            failed += 1
    printer.out(f"{passed} ok, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK


def _exit_status(code: object) -> int:
    """The status argparse meant by ``SystemExit(code)`` (help and version: 0)."""
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return EXIT_USAGE


def _silence(stream: TextIO) -> None:
    """Send further output for a closed pipe to the null device, so that neither later
    prints nor the interpreter's final flush raise."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (e.g. captured in tests)
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse exits for --help, --version and wrong usage
        return _exit_status(exit_.code)
    printer = _Printer(_current_folder())
    run = _run_build if args.command == "build" else _run_check
    try:
        if hasattr(args, "run"):  # the authoring commands (new, schema, preview, watch)
            return int(args.run(args, sys.stdout, sys.stderr))
        return run(args, printer)
    except UsageError as err:
        printer.err(str(err))
        return EXIT_USAGE
    except KeyboardInterrupt:
        printer.err("lagebericht: interrupted")
        return EXIT_INTERRUPTED
    except Exception as err:  # a bug outside any one report: still no traceback
        if args.debug:
            raise
        printer.err(f"lagebericht: {internal_error_message(err)}")
        return EXIT_FAILED

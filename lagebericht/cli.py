"""The ``lagebericht`` command: the only module that prints or decides the exit status.

Heavy modules (validation, reportlab) are imported only when a report is processed, so
``--help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from lagebericht import __version__
from lagebericht.build import BuildResult, CheckResult, build, check_job, internal_error_message
from lagebericht.discover import Discovery, UsageError, discover
from lagebericht.problems import Problem

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

DEFAULT_CONTENT = Path("content")
DEFAULT_OUTPUT = Path("output")

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
    commands.add_parser(
        "check",
        parents=[common],
        help="validate only, write nothing",
        description=_CHECK_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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


def _run_build(args: argparse.Namespace, printer: _Printer) -> int:
    out_dir: Path = args.output
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: not a folder (given as the output folder)")
    found = _find(args.paths, out_dir, printer)
    built = 0
    failed = len(found.problems)
    for job in found.jobs:
        result = build(job, strict=args.strict, debug=args.debug)
        _print_result(result, printer)
        if result.ok and result.output is not None:
            built += 1
            printer.out(f"built {printer.path(result.output)}")
        else:
            failed += 1
    printer.out(f"{built} built, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK


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

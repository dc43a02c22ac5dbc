"""The ``lagebericht`` command line: parse, dispatch to the command's ``run(args, printer)``,
and turn what escapes into an exit status (never a traceback, unless ``--debug``).

The cli package is the only part of lagebericht that prints or exits.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lagebericht import __version__
from lagebericht.cli.authoring import add_authoring_commands
from lagebericht.cli.batch_commands import EPILOG, add_batch_commands
from lagebericht.cli.defaults import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from lagebericht.cli.printer import Printer
from lagebericht.cli.project_options import add_theme_option
from lagebericht.cli.themes_command import add_themes_command
from lagebericht.problems import InputError, UsageError
from lagebericht.project import ProjectFileError


def debug_option(parser: argparse.ArgumentParser) -> None:
    """``--debug`` on a command, without resetting one given before the command."""
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show tracebacks of internal errors",
    )


def parser() -> argparse.ArgumentParser:
    """The whole command line, every command with its ``run`` function."""
    top = argparse.ArgumentParser(
        prog="lagebericht",
        description="Turn field-office situation reports (Markdown) into branded PDFs.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"lagebericht {__version__}")
    top.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="report files or folders of reports "
        "(default: the project's content folder, else content/)",
    )
    common.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        help="treat warnings as errors (the report fails); default: [build] strict "
        "of the project file, else no",
    )
    add_theme_option(common)
    debug_option(common)

    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    add_batch_commands(commands, common)
    add_authoring_commands(commands, debug_option)
    add_themes_command(commands, debug_option)
    return top


def _exit_status(code: object) -> int:
    """The status argparse meant by ``SystemExit(code)`` (help and version: 0)."""
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    from lagebericht.build import internal_error_message

    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:  # argparse exits for --help, --version and wrong usage
        return _exit_status(exit_.code)
    printer = Printer(sys.stdout, sys.stderr)
    try:
        return int(args.run(args, printer))
    except UsageError as err:
        printer.err(f"lagebericht {args.command}: {err}")
        return EXIT_USAGE
    except ProjectFileError as err:  # nothing can start with a broken project file
        printer.problems(err.problems)
        return EXIT_USAGE
    except InputError as err:  # e.g. the theme every report uses is broken
        printer.problems(err.problems)
        return EXIT_FAILED
    except KeyboardInterrupt:
        printer.err("lagebericht: interrupted")
        return EXIT_INTERRUPTED
    except Exception as err:  # a bug outside any one report: still no traceback
        if args.debug:
            raise
        printer.err(f"lagebericht: {internal_error_message(err)}")
        return EXIT_FAILED

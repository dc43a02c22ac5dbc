"""Where every line of the command line goes: results to standard output, problems and
messages to standard error, paths inside the working folder shown relative to it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from lagebericht.problems import Problem, printable_name


class Printer:
    """The only writer of the command line (the rest of the package returns values)."""

    def __init__(self, stdout: TextIO, stderr: TextIO, cwd: Path | None = None) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self._cwd = cwd if cwd is not None else current_folder()

    def path(self, path: Path) -> str:
        """``path`` as shown: relative to the working folder if inside it, control
        characters and bytes that are not UTF-8 escaped (``\\x1b``)."""
        if self._cwd is not None and path.is_absolute() and path.is_relative_to(self._cwd):
            return printable_name(str(path.relative_to(self._cwd)))
        return printable_name(str(path))

    def out(self, line: str) -> None:
        self._write(self.stdout, line)

    def err(self, line: str) -> None:
        self._write(self.stderr, line)

    def problem(self, problem: Problem) -> None:
        self.problems([problem])

    def problems(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.err(replace(problem, path=Path(self.path(problem.path))).format())

    @staticmethod
    def _write(stream: TextIO, line: str) -> None:
        try:
            # Flushed so that progress lines and problems keep their order in a CI log.
            print(line, file=stream, flush=True)
        except BrokenPipeError:
            # Reader gone (`lagebericht build | head`): keep working, stop printing.
            _silence(stream)


def current_folder() -> Path | None:
    try:
        return Path.cwd()
    except OSError:  # the working folder was deleted under us
        return None


def _silence(stream: TextIO) -> None:
    """Send further output for a closed pipe to the null device, so that neither later
    prints nor the interpreter's final flush raise."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (e.g. captured in tests)
        pass

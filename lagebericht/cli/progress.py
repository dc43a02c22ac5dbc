"""How a batch shows its progress: a rich progress bar in a terminal, plain lines elsewhere.

Part of the command line (it prints); the batch itself only calls ``start`` and ``done``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TextIO

from lagebericht.build import BuildResult, Status
from lagebericht.job import Job


class PlainProgress:
    """One line per finished report on ``out`` (CI logs); problems through ``problems``."""

    def __init__(
        self,
        out: Callable[[str], None],
        problems: Callable[[BuildResult], None],
        path: Callable[[Path], str],
        quiet: bool = False,
    ) -> None:
        self._out = out
        self._problems = problems
        self._path = path
        self._quiet = quiet

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        return None

    def start(self, job: Job) -> None:
        return None

    def done(self, result: BuildResult) -> None:
        self._problems(result)
        if self._quiet or result.output is None:
            return
        if result.status is Status.BUILT:
            self._out(f"built {self._path(result.output)}")
        elif result.status is Status.UP_TO_DATE:
            self._out(f"up to date {self._path(result.output)}")


class BarProgress:
    """A progress bar naming the report being built (rich), for a terminal.

    The bar vanishes when the batch ends; then the built and failed reports are listed on
    ``out`` (with ``verbose`` also those up to date), as the bar showed them only in passing.
    """

    def __init__(
        self,
        total: int,
        stream: TextIO,
        problems: Callable[[BuildResult], None],
        path: Callable[[Path], str],
        *,
        out: Callable[[str], None],
        verbose: bool = False,
    ) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._console = Console(file=stream)
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=self._console,
            transient=True,
        )
        self._task = self._bar.add_task("building", total=total)
        self._problems = problems
        self._path = path
        self._out = out
        self._verbose = verbose
        self._results: list[BuildResult] = []

    def __enter__(self) -> BarProgress:
        self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._bar.stop()
        # Also after Ctrl-C: what was built by then is on disk.
        for result in self._results:
            line = _listed(result, self._path, self._verbose)
            if line is not None:
                self._out(line)

    def start(self, job: Job) -> None:
        self._bar.update(self._task, description=f"building {self._path(job.source)}")

    def done(self, result: BuildResult) -> None:
        # Problems are printed above the bar, which stays at the bottom.
        self._problems(result)
        self._results.append(result)
        self._bar.advance(self._task)


def _listed(result: BuildResult, path: Callable[[Path], str], verbose: bool) -> str | None:
    if result.status is Status.FAILED:
        return f"failed {path(result.source)}"
    if result.output is None or (result.status is Status.UP_TO_DATE and not verbose):
        return None
    return f"{result.status.value} {path(result.output)}"

"""Build the planned reports, in parallel where asked, recording each as it finishes.

The same bytes come out whatever the number of worker processes: each report is laid out
on its own, from its own inputs.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, MutableSequence, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lagebericht.batch.budget import OverTime, enforced
from lagebericht.batch.inputs import file_sha256
from lagebericht.batch.manifest import record_in_manifest
from lagebericht.batch.planning import BatchOptions, Planned, output_key
from lagebericht.batch.state import Built, read_state, recorded_source, write_state
from lagebericht.build import (
    BuildResult,
    Pipeline,
    Status,
    build,
    internal_error_message,
    prepare,
)
from lagebericht.job import Job
from lagebericht.output import folder_lock, remove_leftovers, remove_stale
from lagebericht.problems import Code, OutputError, Problem, Severity

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

    from lagebericht.theme import Theme


def run(
    planned: Sequence[Planned],
    out_dir: Path,
    options: BatchOptions,
    on_start: Callable[[Job], None] = lambda job: None,
    on_result: Callable[[BuildResult], None] = lambda result: None,
    on_problem: Callable[[Problem], None] = lambda problem: None,
    root: Path | None = None,
) -> list[BuildResult]:
    """Build what is not up to date; results in the order of ``planned``. What is built
    or fails is recorded in the state and the manifest (sources named relative to ``root``,
    see :func:`~lagebericht.batch.manifest.update_manifest`) as it finishes.

    ``on_result`` also sees the results in that order, whatever order parallel workers
    finish in, so logs are the same for every run; ``on_start`` names the report whose
    result is awaited next.
    """
    done: dict[Path, BuildResult] = {
        item.job.source: BuildResult(item.job.source, Status.UP_TO_DATE, item.job.output)
        for item in planned
        if item.up_to_date
    }
    emitted = 0

    def emit_ready() -> None:
        nonlocal emitted
        while emitted < len(planned) and planned[emitted].job.source in done:
            on_result(done[planned[emitted].job.source])
            emitted += 1
        if emitted < len(planned):
            on_start(planned[emitted].job)

    remove_leftovers(out_dir)
    recorder = _Recorder(out_dir, {item.job.source: item for item in planned}, on_problem, root)
    emit_ready()
    todo = [item for item in planned if not item.up_to_date]
    languages = sorted({p.language for p in planned if p.language and not p.up_to_date})
    try:
        for result in _build_all(todo, options, languages):
            done[result.source] = result
            recorder.note(result)
            emit_ready()
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM): the workers are gone by now, and so are the
        # locks on the .part files they were writing. What finished is recorded; a PDF
        # written by a build whose result never came is not, so it goes.
        recorder.flush(now=True)
        _drop_unrecorded([item for item in todo if item.job.source not in done], out_dir)
        remove_leftovers(out_dir)
        raise
    recorder.flush(now=True)
    return [done[item.job.source] for item in planned]


def _drop_unrecorded(unfinished: Sequence[Planned], out_dir: Path) -> None:
    """Remove the PDFs of ``unfinished`` reports that differ from what the state records:
    an interrupted build may have renamed one into place before it could report it, and a
    PDF neither the state nor the manifest knows must not be archived as current."""
    state = read_state(out_dir)
    for item in unfinished:
        output = item.job.output
        if output is None or not output.is_file():
            continue
        last = state.get(output_key(out_dir, output))
        if last is None or file_sha256(output) != last.sha256:
            with contextlib.suppress(OSError):
                output.unlink()


def record(
    item: Planned, result: BuildResult, out_dir: Path, root: Path | None = None
) -> list[Problem]:
    """Record one build of ``item`` in the output folder's state and manifest, as
    :func:`run` does, for those that build one report at a time (``watch``); the warning
    if the state cannot be written."""
    problems: list[Problem] = []
    recorder = _Recorder(out_dir, {item.job.source: item}, problems.append, root)
    recorder.note(result)
    recorder.flush(now=True)
    return problems


def _build_all(
    jobs: Sequence[Planned], options: BatchOptions, languages: Sequence[str] = ()
) -> Iterable[BuildResult]:
    if options.jobs <= 1 or len(jobs) <= 1:
        for number, item in enumerate(jobs):
            yield _build_job(item, options)
            if number == 0 and len(jobs) > 1:
                # Everything the builds share is loaded now: collected once, then left out
                # of the later builds' garbage collections.
                gc.collect()
                gc.freeze()
        return
    # Imported only for a parallel batch.
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    context = _fork_context()
    if context is not None:
        # Loaded once here, inherited by every worker (else each loads it for itself).
        for theme in _themes(jobs, options):
            prepare(theme, languages)
        # What is loaded now lives as long as the workers: their garbage collections need
        # not scan it, and do not write to (and so copy) the pages it shares with them.
        gc.freeze()
    remaining = list(jobs)
    stopped_before: set[Path] = set()  # reports running when a pool broke, not to blame
    while remaining:
        # A worker killed from outside (the out-of-memory killer) breaks the whole pool:
        # its report fails, the others are built again in a new one.
        interrupted: list[int] = []
        with _Workers(context, min(options.jobs, len(remaining)), len(remaining)) as workers:
            futures = workers.submit(remaining, options)
            for future in as_completed(futures):
                index = futures[future]
                try:
                    result = future.result()
                except BrokenProcessPool:
                    interrupted.append(index)
                    continue
                except Exception as err:
                    if options.debug:
                        raise
                    result = _failed(remaining[index].job, internal_error_message(err))
                yield result
            ended = workers.ended(interrupted)
        retry: list[Planned] = []
        for index in interrupted:
            job = remaining[index].job
            how = ended.get(index)
            if how is None and index in ended and job.source in stopped_before:
                how = "twice"  # stopped by a broken pool twice: no third time
            if how is not None:
                yield _over_budget(job, f"the process building it was killed ({how})")
                continue
            if index in ended:
                stopped_before.add(job.source)
            retry.append(remaining[index])
        remaining = retry


class _Workers:
    """A pool of worker processes for one round of builds, and which of them builds what:
    when the pool breaks, :meth:`killed` tells the reports whose process was killed from
    those that were only stopped with it."""

    def __init__(self, context: BaseContext | None, workers: int, jobs: int) -> None:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing.sharedctypes import RawArray

        # The process id building each job, written by the worker as it starts the job.
        self._started = RawArray("q", jobs)
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(os.getpid(), self._started),
        )
        self._processes: dict[int, BaseProcess] = {}

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        if error is not None:
            # Ctrl-C, SIGTERM, or the caller stopped: nothing more is built, at once
            # (waiting for the workers would build every report submitted).
            _stop(self._pool)
            return
        self._pool.shutdown()

    def submit(
        self, jobs: Sequence[Planned], options: BatchOptions
    ) -> dict[Future[BuildResult], int]:
        with _signals_held():  # the workers start here (fork): see _start_worker
            futures = {
                self._pool.submit(_build_job, item, options, index): index
                for index, item in enumerate(jobs)
            }
        # Every worker is started once as many jobs as workers are submitted.
        self._processes = dict(self._pool._processes or {})
        return futures

    def ended(self, interrupted: Sequence[int]) -> dict[int, str | None]:
        """How the process ended for each of the jobs ``interrupted`` by a broken pool that
        was running: what killed it, or ``None`` if the pool stopped it (with SIGTERM,
        once another worker was killed). Jobs not yet started are left out."""
        self._pool.shutdown()  # the workers are reaped: their exit codes are known
        ended: dict[int, str | None] = {}
        for index in interrupted:
            pid = self._started[index]
            if not pid:
                continue
            process = self._processes.get(pid)
            code = process.exitcode if process is not None else None
            ended[index] = None if code == -signal.SIGTERM else _how_it_ended(code)
        return ended


def _how_it_ended(exit_code: int | None) -> str:
    if exit_code is not None and exit_code < 0:
        try:
            name = signal.Signals(-exit_code).name
        except ValueError:
            name = f"signal {-exit_code}"
        if -exit_code == signal.SIGKILL:
            return f"{name}; perhaps the computer ran out of memory"
        return name
    return "it ended unexpectedly" if exit_code is None else f"exit status {exit_code}"


def _stop(pool: ProcessPoolExecutor) -> None:
    """End ``pool`` now: the reports not started are dropped, the workers killed (a
    ``.part`` file they leave is removed by the next build) and reaped."""
    # Public (kill_workers) only from Python 3.14 on; None once the pool is shut down.
    processes = list((pool._processes or {}).values())
    # Forgotten by shutdown(wait=False); typeshed has its type wrong.
    manager: threading.Thread | None = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.kill()
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            process.join()
    # Python 3.11's exit handler wakes a pool's manager thread through a pipe the thread
    # closes as it ends; both at once printed "Bad file descriptor" at exit.
    if manager is not None:
        manager.join(timeout=1)


_STOPPING = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while workers are started: a worker forked before it
    has set itself up would die of them with a traceback. Held back, they reach the batch
    right after, and the workers let them in once they ignore them."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)


# prctl option: the signal a process gets when the thread that started it ends.
_PR_SET_PDEATHSIG = 1


_STARTED: MutableSequence[int] = []
"""In a worker: the shared array in which it notes, for each job it starts, its process id."""


def _start_worker(parent: int, started: MutableSequence[int]) -> None:
    """Set up a worker process: it dies with the batch, and leaves Ctrl-C to it.

    A worker killed with its parent (SIGKILL, SIGTERM, a crash) would otherwise build on,
    adopted by PID 1 and holding the batch's output pipes. Linux kills it at the parent's
    end (``PR_SET_PDEATHSIG``); a parent gone before that was set is caught right after.
    Elsewhere a worker notices only when it next reads its work.
    """
    global _STARTED
    _STARTED = started
    # Ctrl-C reaches the whole process group: the batch stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Forked from a batch that turns SIGTERM into an interrupt: here it simply ends.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)  # held by _signals_held
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)


def _fork_context() -> BaseContext | None:
    """``fork`` on Linux, where workers inherit what the batch has loaded (see
    :func:`~lagebericht.build.prepare`); elsewhere ``None``, the platform's default
    (``spawn`` on macOS and Windows, where forking is unsafe or missing): each worker then
    imports and loads for itself, with the same output. Asked for by name because Python
    3.14 no longer makes ``fork`` the default on Linux."""
    if sys.platform.startswith("linux"):
        import multiprocessing

        return multiprocessing.get_context("fork")
    return None


def _themes(jobs: Sequence[Planned], options: BatchOptions) -> list[Theme | None]:
    """The themes of ``jobs``, each once, in order of first use."""
    themes: dict[int, Theme | None] = {}
    for item in jobs:
        theme = item.choice.theme if item.choice is not None else options.theme
        if item.choice is None or not item.choice.problems:
            themes.setdefault(id(theme), theme)
    return list(themes.values())


def _build_job(item: Planned, options: BatchOptions, index: int | None = None) -> BuildResult:
    # Top-level so worker processes can run it.
    if index is None:
        return _build_in_budget(item, options)
    _STARTED[index] = os.getpid()
    try:
        return _build_in_budget(item, options)
    finally:
        _STARTED[index] = 0


def _build_in_budget(item: Planned, options: BatchOptions) -> BuildResult:
    if item.choice is not None:
        from lagebericht.theme_choice import pipeline_for

        pipeline = pipeline_for(item.choice)
    else:
        pipeline = Pipeline.for_theme(options.theme)
    budget = options.budget
    try:
        with enforced(budget):
            result = build(
                item.job,
                strict=options.strict,
                debug=options.debug,
                pdfa=item.pdfa(options),
                for_print=item.for_print(options),
                pipeline=pipeline,
            )
    except OverTime:
        return _over_budget(item.job, budget.time_message())
    # The build turns every exception into a message, an allocation refused too.
    if any(_out_of_memory(problem) for problem in result.problems):
        return _over_budget(item.job, budget.memory_message())
    return result


_OUT_OF_MEMORY = internal_error_message(MemoryError()).split(":")[:2]


def _out_of_memory(problem: Problem) -> bool:
    return problem.code is Code.INTERNAL_ERROR and problem.message.split(":")[:2] == _OUT_OF_MEMORY


def _over_budget(job: Job, message: str) -> BuildResult:
    """A report over its budget fails, and like any failed report loses its old PDF."""
    problems = [Problem(job.source, None, None, message, code=Code.OVER_BUDGET)]
    removed = False
    if job.output is not None:
        try:
            removed = remove_stale(job.output)
        except OutputError as err:
            problems.append(Problem(job.source, None, None, str(err), code=Code.CANNOT_WRITE))
    if removed:
        message = f"{job.output} removed: the report failed, so the old PDF is no longer current"
        problems.append(Problem(job.source, None, None, message, code=Code.OLD_PDF_REMOVED))
    return BuildResult(
        job.source, Status.FAILED, job.output, tuple(problems), removed_stale=removed
    )


def _failed(job: Job, message: str) -> BuildResult:
    return BuildResult(job.source, Status.FAILED, job.output, (_problem(job, message),))


def _problem(job: Job, message: str) -> Problem:
    return Problem(job.source, None, None, message, code=Code.INTERNAL_ERROR)


class _Recorder:
    """Keeps the output folder's build state and manifest in step with the PDFs as they are
    written, so a build ended midway still counts the reports it finished as up to date,
    and lists them.

    Only this batch's changes are kept here: each write reads the records anew under the
    folder's lock and applies them, so that a build into the same folder beside this one
    keeps its entries. The manifest is written before the state: a report the state calls
    up to date is always listed.
    """

    def __init__(
        self,
        out_dir: Path,
        planned: dict[Path, Planned],
        on_problem: Callable[[Problem], None] = lambda problem: None,
        root: Path | None = None,
    ) -> None:
        self._out_dir = out_dir
        self._on_problem = on_problem
        self._failed = False  # the record could not be written: said once, not retried
        self._planned = planned
        self._root = root
        self._changes: dict[str, Built | None] = {}  # None: the entry goes
        self._results: list[BuildResult] = []  # not yet in the manifest
        self._written = -float("inf")  # the first finished report is recorded at once

    def note(self, result: BuildResult) -> None:
        item = self._planned[result.source]
        if item.job.output is None:
            return
        key = output_key(self._out_dir, item.job.output)
        if result.status is Status.BUILT and result.info and item.fingerprint:
            source = recorded_source(self._out_dir, item.job.source)
            self._changes[key] = Built(item.fingerprint, result.info.sha256, source)
            self._results.append(result)
        elif result.status is Status.FAILED:
            self._changes[key] = None
            self._results.append(result)
        self.flush()

    def flush(self, now: bool = False) -> None:
        # At most about once a second while building: each write is an fsync.
        if self._failed or not (self._changes or self._results) or not self._out_dir.is_dir():
            return
        if not now and time.monotonic() - self._written < 1.0:
            return
        # Its problems are said once the batch is done (update_manifest).
        record_in_manifest(self._results, self._out_dir, self._root)
        self._results = []
        try:
            with folder_lock(self._out_dir):
                state = read_state(self._out_dir)
                for key, built in self._changes.items():
                    if built is None:
                        state.pop(key, None)
                    else:
                        state[key] = built
                write_state(self._out_dir, state)
        except OutputError as err:
            # A read-only or full folder: every report says why it failed; the record
            # is only an optimisation and must not end the batch.
            self._failed = True
            message = f"cannot record the build: {err.reason}"
            self._on_problem(
                Problem(err.path, None, None, message, Severity.WARNING, Code.STATE_NOT_RECORDED)
            )
            return
        self._changes = {}
        self._written = time.monotonic()

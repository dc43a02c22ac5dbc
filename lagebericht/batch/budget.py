"""A budget per report: the wall time and memory one build may take, enforced in the
process that builds it (a worker, or the batch itself with ``--jobs 1``).

This is the safety net behind the limits on every input: whatever a report does, the
batch goes on without it. Time is checked between Python steps (a SIGALRM timer), memory
by the address-space limit (``RLIMIT_AS``) on top of what the process already holds, so
an allocation past it fails at once instead of exhausting the machine. Both need a POSIX
system, and the timer the main thread; memory is enforced on Linux only (macOS does not
enforce ``RLIMIT_AS``); elsewhere the build runs without them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from types import FrameType

from lagebericht.limits import (
    BUILD_MEMORY_VARIABLE,
    BUILD_SECONDS_VARIABLE,
    DEFAULT_BUILD_MEMORY_MIB,
    DEFAULT_BUILD_SECONDS,
)

if sys.platform != "win32":
    import resource


@dataclass(frozen=True)
class Budget:
    """What building one report may take."""

    seconds: float = DEFAULT_BUILD_SECONDS
    memory_mib: int = DEFAULT_BUILD_MEMORY_MIB

    def time_message(self) -> str:
        return (
            f"exceeded the time budget of {self.seconds:g} s per report (--timeout, "
            f"{BUILD_SECONDS_VARIABLE} or [build] timeout); the report was not built"
        )

    def memory_message(self) -> str:
        return (
            f"exceeded the memory budget of {self.memory_mib} MiB per report (--memory, "
            f"{BUILD_MEMORY_VARIABLE} or [build] memory); the report was not built"
        )


class OverTime(BaseException):
    """Raised into the build when its time is up. A ``BaseException``, as a timeout is:
    the build's own ``except Exception`` (bugs become messages) must not swallow it."""


@contextlib.contextmanager
def enforced(budget: Budget) -> Iterator[None]:
    """Run the body within ``budget``: :class:`OverTime` raised into it when the time is
    up; :class:`MemoryError` from an allocation past the memory."""
    with _memory_limit(budget.memory_mib), _time_limit(budget.seconds):
        yield


# Once the time is up the alarm repeats at this interval: a library's bare ``except:`` may
# swallow one OverTime, not all of them.
_REPEAT_SECONDS = 0.05


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    finished = False

    def over_time(signum: int, frame: FrameType | None) -> None:
        if not finished:  # an alarm during the clean-up below is too late to matter
            raise OverTime

    deadline = time.monotonic() + seconds
    previous = signal.signal(signal.SIGALRM, over_time)
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT_SECONDS)
    try:
        yield
    finally:
        finished = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    # Finished, but only after an OverTime was swallowed on the way: still over the budget.
    if time.monotonic() >= deadline:
        raise OverTime


@contextlib.contextmanager
def _memory_limit(mib: int) -> Iterator[None]:
    in_use = _address_space()
    if in_use is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = in_use + mib * 2**20
    for bound in (soft, hard):  # a tighter limit set from outside stays
        if bound != resource.RLIM_INFINITY:
            limit = min(limit, bound)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int | None:
    """The size of this process's address space in bytes (Linux); ``None`` elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")

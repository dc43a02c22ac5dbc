"""A budget per report (wall time, memory), enforced where the report is built: a report
over it fails with a message naming the limit, and the batch goes on."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lagebericht.batch.budget import Budget, OverTime, enforced
from lagebericht.limits import BUILD_MEMORY_VARIABLE, BUILD_SECONDS_VARIABLE
from lagebericht.project import PROJECT_FILE, ProjectFileError, load_project
from tests.cli.conftest import MakeTree
from tests.cli.test_kill import BODY, OFFICE, report

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the budget is enforced on Linux"
)

# Some 400 pages of plain text: more than a second to lay out, well under the size limit.
LONG = report(0) + f"{BODY}\n\n" * 250
IMAGE = report(1) + '\n![A map](map.png "Own work")\n'

TIME_MESSAGE = (
    "exceeded the time budget of {} s per report (--timeout, LAGEBERICHT_BUILD_SECONDS "
    "or [build] timeout); the report was not built"
)
MEMORY_MESSAGE = (
    "exceeded the memory budget of {} MiB per report (--memory, LAGEBERICHT_BUILD_MEMORY "
    "or [build] memory); the report was not built"
)


def build(
    root: Path, *options: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in (BUILD_SECONDS_VARIABLE, BUILD_MEMORY_VARIABLE)
    }
    return subprocess.run(
        [sys.executable, "-m", "lagebericht", "build", "content", *options],
        cwd=root,
        env=environment | (env or {}),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_report_over_its_time_fails_and_the_batch_goes_on(tree: MakeTree, jobs: str) -> None:
    root = tree(
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/a-long.md": report(0),
            "content/z-short.md": report(2),
        }
    )
    # Built short first, so the long report has an old PDF to lose.
    assert build(root, "-j", jobs).returncode == 0
    (root / "content/a-long.md").write_text(LONG)
    done = build(root, "-j", jobs, env={BUILD_SECONDS_VARIABLE: "0.2"})
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"content/a-long.md: {TIME_MESSAGE.format('0.2')}",
        "content/a-long.md: output/a-long.pdf removed: the report failed, so the old PDF is "
        "no longer current",
    ]
    assert "0 built, 1 up to date, 1 failed" in done.stdout
    assert sorted(p.name for p in (root / "output").glob("*.pdf")) == ["z-short.pdf"]
    assert not list((root / "output").rglob("*.part"))
    # The option wins over the environment, the environment over the project file: each
    # run below would build the long report if the budget it names were the one used.
    (root / PROJECT_FILE).write_text("[build]\ntimeout = 600\n")
    done = build(root, "-j", jobs, "--timeout", "0.2", env={BUILD_SECONDS_VARIABLE: "600"})
    assert done.stderr.splitlines() == [f"content/a-long.md: {TIME_MESSAGE.format('0.2')}"]
    done = build(root, "-j", jobs, env={BUILD_SECONDS_VARIABLE: "0.25"})
    assert done.stderr.splitlines() == [f"content/a-long.md: {TIME_MESSAGE.format('0.25')}"]
    (root / PROJECT_FILE).write_text("[build]\ntimeout = 0.15\n")
    done = build(root, "-j", jobs)
    assert done.stderr.splitlines() == [f"content/a-long.md: {TIME_MESSAGE.format('0.15')}"]


def test_an_over_time_swallowed_by_a_library_comes_again() -> None:
    # Libraries (reportlab among them) have bare ``except:`` clauses around their work.
    swallowed = 0
    start = time.monotonic()
    with pytest.raises(OverTime), enforced(Budget(seconds=0.1)):
        while swallowed < 3 and time.monotonic() - start < 5:
            try:
                time.sleep(1)
            except:  # noqa: E722
                swallowed += 1
    assert swallowed == 3


def test_a_body_that_swallowed_every_over_time_is_still_over_it() -> None:
    start = time.monotonic()
    with pytest.raises(OverTime), enforced(Budget(seconds=0.1)):
        while time.monotonic() - start < 0.3:
            with contextlib.suppress(BaseException):
                time.sleep(0.01)
    with enforced(Budget(seconds=0.1)):  # within it: nothing raised, then or later
        pass
    time.sleep(0.2)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_report_over_its_memory_fails_and_the_batch_goes_on(tree: MakeTree, jobs: str) -> None:
    from PIL import Image

    root = tree(
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/a-short.md": report(2),
            "content/b-image.md": IMAGE,
        }
    )
    # 16 Mpx, some 48 MB once decoded, and more as the PDF is made.
    Image.new("RGB", (4000, 4000), "red").save(root / "content/map.png")
    done = build(root, "-j", jobs, env={BUILD_MEMORY_VARIABLE: "100"})
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"content/b-image.md: {MEMORY_MESSAGE.format(100)}"]
    assert sorted(p.name for p in (root / "output").glob("*.pdf")) == ["a-short.pdf"]
    # Within the default budget it is built.
    assert build(root, "-j", jobs).returncode == 0


def test_a_wrong_budget_in_the_environment_is_named(tree: MakeTree) -> None:
    root = tree({"content/offices/kasachstan.yaml": OFFICE, "content/a.md": report(0)})
    done = build(root, env={BUILD_SECONDS_VARIABLE: "soon"})
    assert done.returncode == 2
    assert "LAGEBERICHT_BUILD_SECONDS: expected a number of seconds above 0, got soon" in (
        done.stderr
    )
    done = build(root, env={BUILD_MEMORY_VARIABLE: "0"})
    assert done.returncode == 2
    assert "LAGEBERICHT_BUILD_MEMORY: expected a number of MiB of at least 1, got 0" in done.stderr
    done = build(root, "--timeout", "nan")
    assert done.returncode == 2 and "expected a number of seconds above 0, got nan" in done.stderr


def test_the_project_file_sets_the_budget(tmp_path: Path) -> None:
    file = tmp_path / PROJECT_FILE
    file.write_text("[build]\ntimeout = 2.5\nmemory = 512\n")
    project = load_project(file, tmp_path)
    assert (project.timeout, project.memory) == (2.5, 512)
    file.write_text("[build]\ntimeout = 0\nmemory = true\n")
    with pytest.raises(ProjectFileError) as raised:
        load_project(file, tmp_path)
    assert [f"{p.line}: {p.message}" for p in raised.value.problems] == [
        "2: build.timeout: expected a number of seconds above 0, got 0",
        "3: build.memory: expected a number of MiB of at least 1, got true",
    ]

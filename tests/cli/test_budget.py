"""A budget per report (wall time, memory), enforced where the report is built: a report
over it fails with a message naming the limit, and the batch goes on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
            "content/a-long.md": LONG,  # first: built while the batch still loads its theme
            "content/z-short.md": report(2),
        }
    )
    done = build(root, "-j", jobs, env={BUILD_SECONDS_VARIABLE: "0.4"})
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"content/a-long.md: {TIME_MESSAGE.format('0.4')}"]
    assert "1 built, 0 up to date, 1 failed" in done.stdout
    assert sorted(p.name for p in (root / "output").glob("*.pdf")) == ["z-short.pdf"]
    assert not list((root / "output").rglob("*.part"))
    # The option wins over the environment, the environment over the project file.
    (root / PROJECT_FILE).write_text("[build]\ntimeout = 0.4\n")
    assert build(root, "-j", jobs, "--timeout", "60").returncode == 0
    assert build(root, "-j", jobs, "--force", env={BUILD_SECONDS_VARIABLE: "60"}).returncode == 0
    done = build(root, "-j", jobs, "--force")
    assert done.stderr.splitlines() == [
        f"content/a-long.md: {TIME_MESSAGE.format('0.4')}",
        "content/a-long.md: output/a-long.pdf removed: the report failed, so the old PDF is "
        "no longer current",
    ]


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

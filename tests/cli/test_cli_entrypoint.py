"""The real entry point, in a separate process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lagebericht import __version__


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lagebericht", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_version(tmp_path: Path) -> None:
    done = _run("--version", cwd=tmp_path)
    assert (done.returncode, done.stdout.strip()) == (0, f"lagebericht {__version__}")


def test_a_missing_path_exits_2_without_traceback(tmp_path: Path) -> None:
    done = _run("build", "nope", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "lagebericht build: nope: no such file or folder"
    assert not (tmp_path / "output").exists()


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    done = _run("build", "--frobnicate", cwd=tmp_path)
    assert done.returncode == 2
    assert "unrecognized arguments: --frobnicate" in done.stderr


def test_help_does_not_import_the_heavy_stages(tmp_path: Path) -> None:
    code = (
        "import sys; from lagebericht.cli import main; main(['build', '--help']); "
        "heavy = [m for m in sys.modules if m.split('.')[0] == 'reportlab' "
        "or m in ('lagebericht.layout', 'lagebericht.validate', 'pydantic')]; "
        "print('HEAVY', heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in done.stdout

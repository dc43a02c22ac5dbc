"""Faults: a killed rebuild, two builds at once, a read-only and a full output folder."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lagebericht.cli import main
from tests.hostile.conftest import write_tree

OFFICE = "name: Auslandsbüro Kasachstan\ncity: Astana\n"
BODY = "The member states met in Astana and agreed on many things. " * 60


def _report(n: int, title: str) -> str:
    return (
        f"---\ndate: 2024-07-05\nlanguage: en\noffice: kasachstan\ntitle: {title} {n}\n---\n\n"
        + f"{BODY}\n\n" * 2
    )


def _tree(root: Path, count: int, title: str) -> Path:
    files: dict[str, str | bytes] = {"content/offices/kasachstan.yaml": OFFICE}
    files |= {f"content/r{n:02}.md": _report(n, title) for n in range(count)}
    return write_tree(root, files)


def _command(out: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "lagebericht", "build", "content", "-o", out, *extra]


def _pdfs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.pdf"))}


def test_sigkill_during_a_rebuild_leaves_each_pdf_old_or_new(tmp_path: Path) -> None:
    count = 16
    root = _tree(tmp_path, count, "Old")
    subprocess.run(_command("output", "-j", "2"), cwd=root, check=True, capture_output=True)
    old = _pdfs(root / "output")
    _tree(tmp_path, count, "New")
    proc = subprocess.Popen(
        _command("output", "-j", "2"),
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _pdfs(root / "output") == old:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the workers too, in the middle of writing
    proc.wait()
    after = _pdfs(root / "output")
    # The new PDFs, from a complete build of the changed sources elsewhere.
    subprocess.run(_command("fresh", "-j", "2"), cwd=root, check=True, capture_output=True)
    new = _pdfs(root / "fresh")
    assert sorted(after) == sorted(old), "no PDF may disappear"
    replaced = [name for name in after if after[name] == new[name]]
    assert all(after[name] in (old[name], new[name]) for name in after)
    assert 1 <= len(replaced) < count, "the kill was meant to land midway"


def test_two_builds_into_one_folder_at_once(tmp_path: Path) -> None:
    root = _tree(tmp_path, 8, "Same")
    subprocess.run(_command("reference", "-j", "1"), cwd=root, check=True, capture_output=True)
    reference = _pdfs(root / "reference")
    procs = [
        subprocess.Popen(
            _command("output", "-j", "2", "--force"),
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    assert _pdfs(root / "output") == reference
    assert not list((root / "output").rglob("*.part"))


def _one_report(root: Path) -> Path:
    write_tree(
        root,
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/r.md": _report(1, "T"),
        },
    )
    return root


def test_an_output_folder_that_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _one_report(tmp_path)
    (root / "blocked").write_text("a file where the output folder's parent should be")
    monkeypatch.chdir(root)
    assert main(["build", "content/r.md", "-o", "blocked/out", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert "content/r.md: cannot write blocked/out/r.pdf: blocked is a file, not a folder" in err
    assert "Traceback" not in err


@pytest.fixture
def world_readable_tmp() -> Iterator[Path]:
    """A folder another user can read (pytest's are private to the user running it)."""
    folder = Path(tempfile.mkdtemp(prefix="lagebericht-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv to drop privileges")
def test_a_read_only_output_folder(world_readable_tmp: Path) -> None:
    """Run as `nobody` (root ignores permissions): the output folder is not writable."""
    root = _one_report(world_readable_tmp)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (root / "output").mkdir(mode=0o755)  # owned by root: read-only for nobody
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    env = {**os.environ, "HOME": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [*as_nobody, *_command("output", "-j", "1")],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    if os.geteuid() != 0:
        pytest.skip("not root: cannot switch to nobody")
    assert done.returncode == 1, done.stderr
    assert "content/r.md: cannot write output/r.pdf: permission denied" in done.stderr
    assert "Traceback" not in done.stderr
    assert list((root / "output").iterdir()) == []


def test_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _one_report(tmp_path)
    monkeypatch.chdir(root)
    assert main(["build", "content/r.md", "-o", "output", "-j", "1"]) == 0
    real = tempfile.NamedTemporaryFile

    class Full:
        """A temporary file whose writes fail as on a full disk."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            self._file = real(*args, **kwargs)  # type: ignore[call-overload]
            self.name = self._file.name

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self._file.close()

    monkeypatch.setattr("lagebericht.output.tempfile.NamedTemporaryFile", Full)
    (root / "content/r.md").write_text(_report(2, "Changed"), encoding="utf-8")
    assert main(["build", "content/r.md", "-o", "output", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert "content/r.md: cannot write output/r.pdf: disk full (no space left on device)" in err
    assert "Traceback" not in err
    assert not list((root / "output").rglob("*.part"))

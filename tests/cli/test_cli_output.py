"""Writing PDFs: only inside the output folder, atomically, with plain error reasons."""

from __future__ import annotations

import errno
import os
from pathlib import Path, PurePath

import pytest

from lagebericht.output import remove_stale, safe_join, write_atomic
from lagebericht.problems import OutputError


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.part"))


# --- containment -----------------------------------------------------------------------


def test_safe_join_keeps_the_form_of_the_root(tmp_path: Path) -> None:
    assert safe_join(Path("output"), PurePath("2024-07/a.pdf")) == Path("output/2024-07/a.pdf")
    assert safe_join(tmp_path, PurePath("a.pdf")) == tmp_path / "a.pdf"


@pytest.mark.parametrize(
    "relative", ["../a.pdf", "2024-07/../../a.pdf", "a/../b.pdf", "/etc/a.pdf", ".", ""]
)
def test_safe_join_refuses_paths_leaving_the_output_folder(tmp_path: Path, relative: str) -> None:
    with pytest.raises(OutputError, match="outside the output folder"):
        safe_join(tmp_path / "out", PurePath(relative))


def test_safe_join_refuses_a_symlink_pointing_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "escape").symlink_to(tmp_path)
    with pytest.raises(OutputError, match="outside the output folder"):
        safe_join(out, PurePath("escape/a.pdf"))


# --- atomic write ----------------------------------------------------------------------


def test_write_atomic_creates_folders_and_leaves_only_the_pdf(tmp_path: Path) -> None:
    target = tmp_path / "out/2024-07/a.pdf"
    write_atomic(target, b"%PDF new")
    assert target.read_bytes() == b"%PDF new"
    assert os.listdir(target.parent) == ["a.pdf"]
    # Readable by other users (tempfile alone would leave it 0600).
    assert target.stat().st_mode & 0o777 == 0o644


def test_write_atomic_replaces_an_existing_pdf(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert _leftovers(tmp_path) == []


def test_a_failure_midway_leaves_the_old_pdf_and_no_part_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("lagebericht.output.os.fsync", disk_full)
    with pytest.raises(OutputError, match="disk full") as caught:
        write_atomic(target, b"new")
    assert caught.value.path == target
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_an_interrupt_midway_leaves_no_part_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("lagebericht.output.os.replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "a.pdf", b"new")
    assert os.listdir(tmp_path) == []


def test_permission_denied_becomes_a_plain_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr("lagebericht.output.os.replace", denied)
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "a.pdf", b"new")
    assert str(caught.value) == f"{tmp_path / 'a.pdf'}: cannot write: permission denied"
    assert os.listdir(tmp_path) == []


def test_a_file_in_place_of_the_folder_is_named(tmp_path: Path) -> None:
    # Also how a read-only location is simulated when the tests run as root.
    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(OutputError, match=r"out is a file, not a folder"):
        write_atomic(tmp_path / "out/2024-07/a.pdf", b"new")


def test_a_folder_in_place_of_the_pdf_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").mkdir()
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(tmp_path / "a.pdf", b"new")
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root ignores folder permissions; see test_a_file_in_place_of_the_folder_is_named",
)
def test_a_read_only_folder_is_an_output_error(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            write_atomic(folder / "a.pdf", b"new")
    finally:
        folder.chmod(0o755)
    assert os.listdir(folder) == []


# --- stale PDFs ------------------------------------------------------------------------


def test_remove_stale_deletes_an_old_pdf(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"old")
    assert remove_stale(tmp_path / "a.pdf") is True
    assert not (tmp_path / "a.pdf").exists()
    assert remove_stale(tmp_path / "a.pdf") is False


def test_remove_stale_leaves_a_folder_alone(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").mkdir()
    assert remove_stale(tmp_path / "a.pdf") is False
    assert (tmp_path / "a.pdf").is_dir()


def test_remove_stale_failure_is_an_output_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.pdf").write_bytes(b"old")

    def denied(self: Path) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(Path, "unlink", denied)
    with pytest.raises(OutputError, match="cannot remove the outdated PDF: permission denied"):
        remove_stale(tmp_path / "a.pdf")

"""Same input, same bytes: across runs, processes and hash seeds."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pikepdf

from lagebericht.archive.info import ArchiveInfo
from lagebericht.archive.pdfa import to_pdfa
from lagebericht.model import Report
from tests.archive.conftest import ROOT

DATE = dt.date(2024, 7, 5)

# The conversion alone runs in the new process, on the bytes this process rendered: the
# layout's own determinism is tested with the layout.
SCRIPT = textwrap.dedent(
    """
    import datetime, hashlib, sys
    from pathlib import Path
    from lagebericht.archive.info import ArchiveInfo
    from lagebericht.archive.pdfa import to_pdfa

    info = ArchiveInfo(date=datetime.date(2024, 7, 5), language="en")
    pdf = to_pdfa(Path(sys.argv[1]).read_bytes(), info)
    print(hashlib.sha256(pdf).hexdigest())
    """
)


def digest_in_new_process(source: Path, seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(source)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return done.stdout.strip()


def test_two_processes_write_the_same_bytes(
    seed_pdf: bytes, archived: bytes, tmp_path: Path
) -> None:
    source = tmp_path / "reportlab.pdf"
    source.write_bytes(seed_pdf)
    first = digest_in_new_process(source, "1")
    second = digest_in_new_process(source, "2")
    assert len(first) == 64
    assert first == second == hashlib.sha256(archived).hexdigest()


def test_converting_twice_in_one_process_gives_the_same_bytes(
    seed_pdf: bytes, seed_report: Report
) -> None:
    info = ArchiveInfo(date=seed_report.date, language=seed_report.language)
    assert to_pdfa(seed_pdf, info) == to_pdfa(seed_pdf, info)


def first_id(pdf: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return bytes(doc.trailer.ID[0])


def test_different_documents_get_different_ids(seed_pdf: bytes, archived: bytes) -> None:
    # reportlab's invariant mode writes one /ID into every file; ours tells files apart.
    with pikepdf.open(io.BytesIO(seed_pdf)) as doc:
        doc.pages[0].MediaBox = pikepdf.Array([0, 0, 600, 850])
        changed = io.BytesIO()
        doc.save(changed)
    other = to_pdfa(changed.getvalue(), ArchiveInfo(date=DATE))
    assert first_id(archived) != first_id(other)
    assert first_id(archived) != first_id(seed_pdf)


def test_the_date_changes_the_bytes(seed_pdf: bytes, archived: bytes) -> None:
    assert to_pdfa(seed_pdf, ArchiveInfo(date=DATE)) == archived
    assert to_pdfa(seed_pdf, ArchiveInfo(date=DATE + dt.timedelta(days=1))) != archived

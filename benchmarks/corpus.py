"""The benchmark's inputs, all made from the seed report: the seed itself, the seed body
repeated N times (footnotes relabelled per copy), and a month of distinct seed-sized reports."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "2024-07" / "astana-sco.md"
OFFICES = ROOT / "content" / "offices"

_NOTE_REF = re.compile(r"\[\^([^\]]+)\]")


def split_seed(text: str) -> tuple[str, str]:
    """The seed's front matter (with its fences) and its body."""
    _, front, body = text.split("---\n", 2)
    return f"---\n{front}---\n", body


def repeated_body(body: str, copies: int) -> str:
    """``body`` ``copies`` times; each copy's footnote labels get a suffix (``[^members-3]``),
    so every copy keeps its own, distinct footnotes, numbered on through the document."""
    parts = []
    for copy in range(1, copies + 1):
        text = body if copies == 1 else _NOTE_REF.sub(rf"[^\1-{copy}]", body)
        parts.append(text.strip() + "\n")
    return "\n".join(parts)


def _with_offices(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "offices").exists():
        shutil.copytree(OFFICES, folder / "offices")
    return folder


def write_seed(folder: Path) -> Path:
    """The seed report unchanged, beside a copy of its offices folder."""
    target = _with_offices(folder) / SEED.name
    shutil.copyfile(SEED, target)
    return target


def write_scaled(folder: Path, copies: int) -> Path:
    """The seed with its body ``copies`` times, as ``seed-x<copies>.md``."""
    front, body = split_seed(SEED.read_text(encoding="utf-8"))
    front = front.replace(
        'title: "Kazakhstan - Shanghai Cooperation Organisation"',
        f'title: "Kazakhstan - Shanghai Cooperation Organisation (x{copies})"',
    )
    target = _with_offices(folder) / f"seed-x{copies}.md"
    target.write_text(front + "\n" + repeated_body(body, copies), encoding="utf-8")
    return target


def write_month(folder: Path, count: int) -> list[Path]:
    """``count`` distinct seed-sized reports dated in July 2024 (title, date and opening
    sentence differ), beside one offices folder."""
    front, body = split_seed(SEED.read_text(encoding="utf-8"))
    _with_offices(folder)
    paths = []
    for number in range(1, count + 1):
        day = 1 + (number - 1) % 28
        text = front.replace("date: 2024-07-05", f"date: 2024-07-{day:02d}").replace(
            'title: "Kazakhstan - Shanghai Cooperation Organisation"',
            f'title: "Kazakhstan - Shanghai Cooperation Organisation, report {number}"',
        )
        opening = f"\nThis is situation report number {number} of the month.\n"
        target = folder / f"report-{number:03d}.md"
        target.write_text(text + opening + body, encoding="utf-8")
        paths.append(target)
    return paths

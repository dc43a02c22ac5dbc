"""Per-page text-line summaries of a PDF, stored as JSON and compared with a tolerance.

A summary lists, for every page, its text lines top to bottom: the text, where the line
starts (``x0``, ``top`` in pt from the top-left corner, rounded to 0.1 pt), the font (without
the subset prefix ``ABCDEF+``) and size of its first character, and — when the font or size
changes inside the line (a bold bullet lead, a footnote number) — the ``runs``
``[offset, font, size]`` of every stretch in one font.

Two summaries match when they have the same pages and, page by page, the same lines in the
same order with the same text, fonts and sizes, and every line starts within
:data:`POSITION_TOLERANCE` of where it did. :func:`differences` says what differs.
"""

from __future__ import annotations

import difflib
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypedDict

import pdfplumber

POSITION_TOLERANCE = 1.5
"""pt: how far a line's start may move before the golden fails."""
Y_TOLERANCE = 3.0
"""pt: characters whose tops differ by at most this much share a line. Less than a line
space, more than rounding; a superscript raised by more than this is a line of its own."""
WORD_GAP = 1.0
"""pt: a gap wider than this between two glyphs is a space (justified text is set without
space characters in some PDFs, so spaces are inferred from gaps, never taken from chars)."""
MAX_REPORTED = 40
"""At most this many differences are listed."""

Char = dict[str, Any]


class Line(TypedDict, total=False):
    text: str
    x0: float
    top: float
    font: str
    size: float
    runs: list[list[Any]]
    """``[offset, font, size]`` per stretch in one font; only when there is more than one."""


class Page(TypedDict):
    number: int
    width: float
    height: float
    lines: list[Line]


class Summary(TypedDict):
    document: str
    pages: list[Page]


def _round(value: float) -> float:
    return round(float(value), 1)


def _font(char: Char) -> str:
    return str(char["fontname"]).split("+", 1)[-1]


def _group_lines(chars: Iterable[Char]) -> list[list[Char]]:
    """Characters (whitespace dropped) clustered into lines by ``top``, each sorted by x."""
    lines: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if str(char["text"]).isspace():
            continue
        if lines and char["top"] - lines[-1][0]["top"] <= Y_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _line(chars: Sequence[Char]) -> Line:
    text = ""
    runs: list[list[Any]] = []
    previous: Char | None = None
    for char in chars:
        if previous is not None and char["x0"] - previous["x1"] > WORD_GAP:
            text += " "
        style = [_font(char), _round(char["size"])]
        if not runs or runs[-1][1:] != style:
            runs.append([len(text), *style])
        text += str(char["text"])
        previous = char
    first = chars[0]
    line = Line(
        text=text,
        x0=_round(first["x0"]),
        top=_round(min(c["top"] for c in chars)),
        font=_font(first),
        size=_round(first["size"]),
    )
    if len(runs) > 1:
        line["runs"] = runs
    return line


def summarise(name: str, pdf: bytes) -> Summary:
    """The summary of ``pdf`` (document ``name``)."""
    pages: list[Page] = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            lines = [_line(chars) for chars in _group_lines(page.chars)]
            pages.append(
                Page(
                    number=number,
                    width=_round(page.width),
                    height=_round(page.height),
                    lines=lines,
                )
            )
    return Summary(document=name, pages=pages)


def dumps(summary: Summary) -> str:
    """JSON with one line of text per PDF line, so a ``git diff`` reads like the PDF."""
    out = ["{", f'  "document": {json.dumps(summary["document"])},', '  "pages": [']
    for p, page in enumerate(summary["pages"]):
        head = {"number": page["number"], "width": page["width"], "height": page["height"]}
        out.append("    " + json.dumps(head, ensure_ascii=False)[:-1] + ', "lines": [')
        rows = [json.dumps(line, ensure_ascii=False) for line in page["lines"]]
        out.extend(f"      {row}{',' if i < len(rows) - 1 else ''}" for i, row in enumerate(rows))
        out.append("    ]}" + ("," if p < len(summary["pages"]) - 1 else ""))
    out += ["  ]", "}", ""]
    return "\n".join(out)


def load(path: Path) -> Summary:
    data: Summary = json.loads(path.read_text(encoding="utf-8"))
    return data


def _key(line: Line) -> tuple[str, str, float, str]:
    return line["text"], line["font"], line["size"], json.dumps(line.get("runs"))


def _show(line: Line) -> str:
    runs = "".join(f" [{o}: {f} {s}]" for o, f, s in line.get("runs", [])[1:])
    return (
        f"{line['text']!r} ({line['font']} {line['size']}{runs}; x0={line['x0']} top={line['top']})"
    )


def _position(number: int, index: int, want: Line, got: Line, tolerance: float) -> list[str]:
    moves = [
        f"{axis} {old} → {new} (Δ {new - old:+.1f} pt)"
        for axis, old, new in (("x0", want["x0"], got["x0"]), ("top", want["top"], got["top"]))
        if abs(new - old) > tolerance
    ]
    if not moves:
        return []
    return [f"page {number}, line {index + 1} {want['text'][:50]!r}: moved: {', '.join(moves)}"]


def _page(number: int, want: list[Line], got: list[Line], tolerance: float) -> list[str]:
    found: list[str] = []
    matcher = difflib.SequenceMatcher(
        a=[_key(x) for x in want], b=[_key(x) for x in got], autojunk=False
    )
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(a0, a1), range(b0, b1), strict=True):
                found += _position(number, i, want[i], got[j], tolerance)
            continue
        if tag == "replace" and a1 - a0 == b1 - b0:
            for i, j in zip(range(a0, a1), range(b0, b1), strict=True):
                found.append(
                    f"page {number}, line {i + 1}: differs\n"
                    f"    expected: {_show(want[i])}\n"
                    f"    actual:   {_show(got[j])}"
                )
            continue
        found += [f"page {number}, line {i + 1}: missing: {_show(want[i])}" for i in range(a0, a1)]
        found += [
            f"page {number}, new line {j + 1} (after expected line {a0}): {_show(got[j])}"
            for j in range(b0, b1)
        ]
    return found


def differences(
    expected: Summary, actual: Summary, tolerance: float = POSITION_TOLERANCE
) -> list[str]:
    """Everything in which ``actual`` differs from ``expected``; empty when they match."""
    found: list[str] = []
    want_pages, got_pages = expected["pages"], actual["pages"]
    if len(want_pages) != len(got_pages):
        found.append(f"page count: expected {len(want_pages)}, actual {len(got_pages)}")
    for want, got in zip(want_pages, got_pages, strict=False):
        number = want["number"]
        size = (want["width"], want["height"])
        if size != (got["width"], got["height"]):
            found.append(f"page {number}: size {size} → {(got['width'], got['height'])}")
        found += _page(number, want["lines"], got["lines"], tolerance)
    for got in got_pages[len(want_pages) :]:
        found += [f"page {got['number']} (new): {_show(line)}" for line in got["lines"][:5]]
    for want in want_pages[len(got_pages) :]:
        found += [f"page {want['number']} (gone): {_show(line)}" for line in want["lines"][:5]]
    return found


def report(name: str, found: Sequence[str]) -> str:
    """A readable failure message listing ``found`` (capped at :data:`MAX_REPORTED`)."""
    shown = "\n".join(found[:MAX_REPORTED])
    more = f"\n… and {len(found) - MAX_REPORTED} more" if len(found) > MAX_REPORTED else ""
    return (
        f"golden {name}: the PDF differs from tests/goldens/expected/{name}.json "
        f"(positions compared within {POSITION_TOLERANCE} pt):\n{shown}{more}\n"
        "If the change is intended: `python3 tasks.py goldens`, then review `git diff`."
    )

"""The floor: the seed report set by a minimal hand-written reportlab Platypus script.

What a user could write themselves in an afternoon: read the Markdown with a few regular
expressions, register the embedded Roboto TTF faces, set paragraphs and bullets, and the
footnote as a plain paragraph at the end. No theme, no validation, no page furniture.

    python benchmarks/baseline_reportlab.py [--with-stack] SOURCE.md OUT.pdf
    python benchmarks/baseline_reportlab.py --each OUT_DIR SOURCE.md ...
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer


def _font_dir() -> Path:
    # The same files the default theme uses, read from the source tree (no toolkit import).
    return Path(__file__).resolve().parents[1] / "templates" / "auslandsbuero" / "fonts"


def _inline(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return re.sub(r"\[\^([^\]]+)\]", r"<super>*</super>", text)


def main(source: Path, target: Path) -> None:
    fonts = _font_dir()
    for name, file in (
        ("Roboto", "Roboto-Regular.ttf"),
        ("Roboto-Bold", "Roboto-Bold.ttf"),
        ("Roboto-Italic", "Roboto-Italic.ttf"),
        ("Roboto-BoldItalic", "Roboto-BoldItalic.ttf"),
    ):
        # Once per process, as a script building many reports would do.
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    addMapping("Roboto", 0, 0, "Roboto")
    addMapping("Roboto", 1, 0, "Roboto-Bold")
    addMapping("Roboto", 0, 1, "Roboto-Italic")
    addMapping("Roboto", 1, 1, "Roboto-BoldItalic")

    body = ParagraphStyle("body", fontName="Roboto", fontSize=10.5, leading=14.5, spaceAfter=7)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=2)
    title = ParagraphStyle("title", parent=body, fontName="Roboto-Bold", fontSize=20, leading=24)
    note = ParagraphStyle("note", parent=body, fontSize=8, leading=10)

    text = source.read_text(encoding="utf-8")
    _, front, body_text = text.split("---\n", 2)
    heading = re.search(r'^title:\s*"?(.*?)"?$', front, re.M)
    story: list[object] = [Paragraph(_inline(heading.group(1) if heading else ""), title)]
    notes: list[str] = []
    for block in re.split(r"\n\s*\n", body_text.strip()):
        if block.startswith("[^"):
            notes.append(re.sub(r"^\[\^[^\]]+\]:\s*", "", block))
        elif block.startswith("- "):
            for item in re.split(r"\n- ", block[2:]):
                story.append(Paragraph(_inline(item), bullet, bulletText="•"))
        else:
            story.append(Paragraph(_inline(block), body))
    if notes:
        story.append(Spacer(1, 12))
        story.extend(Paragraph("* " + _inline(n), note) for n in notes)
    doc = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=20 * mm,
        topMargin=25 * mm,
        bottomMargin=25 * mm,
        invariant=1,
    )
    doc.build(story)


def _cli(argv: list[str]) -> None:
    """``SOURCE OUT.pdf``, or ``--each OUT_DIR SOURCE ...`` (one process for many reports,
    fonts registered once); ``--with-stack`` first imports the libraries the lagebericht
    stack prescribes, for the floor of a build that must load them."""
    if argv[:1] == ["--with-stack"]:
        import babel.dates  # noqa: F401
        import jinja2  # noqa: F401
        import markdown_it  # noqa: F401
        import pydantic  # noqa: F401
        import pyphen  # noqa: F401
        import yaml  # noqa: F401

        argv = argv[1:]
    if argv[:1] == ["--each"]:
        out = Path(argv[1])
        for source in map(Path, argv[2:]):
            main(source, out / (source.stem + ".pdf"))
    else:
        main(Path(argv[0]), Path(argv[1]))


if __name__ == "__main__":
    _cli(sys.argv[1:])

"""Text is read composed (Unicode NFC): "й" written as и + U+0306 prints, hyphenates and
kerns as "й"; and a file name is found in either form (macOS writes names decomposed)."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from PIL import Image

from lagebericht.batch.inputs import report_inputs
from lagebericht.layout import render_pdf
from lagebericht.load import read_document
from lagebericht.load.files import on_disk
from lagebericht.load.text import decode_text
from lagebericht.validate import read_report
from lagebericht.validate.figures import check_figure_file
from tests.files import OFFICE, REPORT, WriteFiles
from tests.pdf_inspect import page_texts

RUSSIAN = (
    "Министерство иностранных дел Республики Казахстан и Шанхайская организация "
    "сотрудничества: новый этап взаимодействия, Ильинский, Йошкар-Ола, Müller, Café."
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_decomposed_text_is_read_composed() -> None:
    assert nfd("й") == "\u0438\u0306"  # the case this is for
    assert decode_text(Path("r.md"), nfd(RUSSIAN).encode()) == RUSSIAN
    assert decode_text(Path("r.md"), RUSSIAN.encode()) == RUSSIAN


def test_a_decomposed_report_gives_the_same_pdf_as_the_composed_one(files: WriteFiles) -> None:
    text = REPORT.replace("language: en", "language: ru").replace(
        "The member states", RUSSIAN + " The member states"
    )
    assert nfd(text) != text
    root = files(
        {
            "a/content/offices/kasachstan.yaml": OFFICE,
            "a/content/r.md": text,
            "b/content/offices/kasachstan.yaml": OFFICE,
            "b/content/r.md": nfd(text),
        }
    )
    composed = render_pdf(read_report(root / "a/content/r.md").report)
    decomposed = render_pdf(read_report(root / "b/content/r.md").report)
    assert decomposed == composed
    assert "Йошкар-Ола" in " ".join(page_texts(decomposed))


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (600, 400), "white").save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


def test_a_file_is_found_in_either_normalisation(files: WriteFiles) -> None:
    root = files({"content/bilder/" + nfd("Müller Karte.png"): png()})
    composed = root / "content/bilder/Müller Karte.png"
    assert not composed.exists()  # the file system keeps the name decomposed
    assert on_disk(composed) == root / "content/bilder" / nfd("Müller Karte.png")
    assert on_disk(on_disk(composed)) == on_disk(composed)
    missing = root / "content/bilder/Karte.png"
    assert on_disk(missing) == missing


def test_an_image_named_decomposed_on_disk_is_used_and_watched(files: WriteFiles) -> None:
    # The report writes the name composed (as every keyboard does) and percent-encoded by
    # Markdown (a space, an umlaut); the file on disk has it decomposed.
    report = REPORT + "\n![Die Karte](<bilder/Müller Karte.png>)\n"
    root = files(
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/r.md": report,
            "content/bilder/" + nfd("Müller Karte.png"): png(),
        }
    )
    on_file = root / "content/bilder" / nfd("Müller Karte.png")
    checked = check_figure_file(root / "content/r.md", "bilder/M%C3%BCller%20Karte.png")
    assert checked.error is None and checked.path == on_file.resolve()
    # a batch rebuilds the report when the image changes: it hashes the file itself
    assert on_file in report_inputs(root / "content/r.md")


def test_a_data_file_named_decomposed_on_disk_is_read_under_its_written_name(
    files: WriteFiles,
) -> None:
    front = (
        "---\ntitle: Monatsbericht\ndate: 2024-08-30\nlanguage: de\n"
        "office: {name: Auslandsbüro Kasachstan}\ndata:\n  - Städte.csv\n---\n"
    )
    root = files(
        {
            "r/bericht.md.j2": front + "{% for s in Städte %}{{ s.name }} {% endfor %}\n",
            "r/" + nfd("Städte.csv"): nfd("name\nKökschetau\nÖskemen\n"),
        }
    )
    raw = read_document(root / "r/bericht.md.j2")
    assert raw.body == "Kökschetau Öskemen "

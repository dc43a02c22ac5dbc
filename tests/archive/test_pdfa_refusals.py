"""What cannot become PDF/A is refused with a clear error, and what can is repaired."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String
from reportlab.pdfgen.canvas import Canvas

from lagebericht.archive.info import ArchiveError, ArchiveInfo
from lagebericht.archive.pdfa import FontNotEmbeddedError, NotArchivableError, to_pdfa
from lagebericht.problems import LageberichtError
from tests.archive import pdfa_checks

INFO = ArchiveInfo(date=dt.date(2024, 7, 5))


def helvetica_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, "base-14 text")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def edited(pdf: bytes, change: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        change(doc)
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()


def test_a_base14_font_is_refused_by_name() -> None:
    with pytest.raises(FontNotEmbeddedError, match="Helvetica") as caught:
        to_pdfa(helvetica_pdf(), INFO)
    assert caught.value.fonts == ("Helvetica",)
    assert isinstance(caught.value, LageberichtError)


def test_javascript_is_refused(seed_pdf: bytes) -> None:
    def add_script(doc: pikepdf.Pdf) -> None:
        doc.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))

    with pytest.raises(NotArchivableError, match="JavaScript"):
        to_pdfa(edited(seed_pdf, add_script), INFO)


def test_a_launch_action_is_refused(seed_pdf: bytes) -> None:
    def add_launch(doc: pikepdf.Pdf) -> None:
        doc.Root.OpenAction = Dictionary(S=Name.Launch, F=String("calc.exe"))

    with pytest.raises(NotArchivableError, match="launch"):
        to_pdfa(edited(seed_pdf, add_launch), INFO)


def test_an_embedded_file_is_refused(seed_pdf: bytes) -> None:
    def attach(doc: pikepdf.Pdf) -> None:
        doc.attachments["notes.txt"] = pikepdf.AttachedFileSpec(doc, b"notes")

    with pytest.raises(NotArchivableError, match="embedded file"):
        to_pdfa(edited(seed_pdf, attach), INFO)


@pytest.mark.parametrize("data", [b"", b"not a pdf at all", b"%PDF-1.4\n%%EOF"])
def test_unreadable_input_is_an_archive_error(data: bytes) -> None:
    with pytest.raises(ArchiveError, match="not a readable PDF"):
        to_pdfa(data, INFO)


def test_hidden_annotations_are_made_printable(seed_pdf: bytes) -> None:
    def hide(doc: pikepdf.Pdf) -> None:
        doc.pages[0].Annots[0].F = 2 | 32  # Hidden, NoView

    archived = to_pdfa(edited(seed_pdf, hide), INFO)
    with pdfa_checks.open_pdf(archived) as doc:
        assert int(doc.pages[0].Annots[0].F) == 4


def test_other_output_intents_are_replaced(seed_pdf: bytes) -> None:
    def add_intent(doc: pikepdf.Pdf) -> None:
        doc.Root.OutputIntents = Array([Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFX)])

    archived = to_pdfa(edited(seed_pdf, add_intent), INFO)
    with pdfa_checks.open_pdf(archived) as doc:
        assert [str(intent.S) for intent in doc.Root.OutputIntents] == ["/GTS_PDFA1"]

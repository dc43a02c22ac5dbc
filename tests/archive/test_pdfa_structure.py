"""Our own structural PDF/A-2b checks: each passes on the archive copy, fails without it."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, Page, String
from pypdf import PdfReader

from lagebericht.archive.pdfa import archive_info, to_pdfa
from lagebericht.archive.tagging import render_tagged
from lagebericht.validate import read_report
from tests.archive import pdfa_checks
from tests.archive.conftest import ROOT
from tests.archive.pdfa_checks import open_pdf

Check = Callable[[pikepdf.Pdf], list[str]]


def test_the_archive_copy_passes_every_check(archived: bytes) -> None:
    assert pdfa_checks.problems(archived) == []


@pytest.mark.parametrize(
    "check",
    [pdfa_checks.output_intent, pdfa_checks.xmp_identification, pdfa_checks.annotation_flags],
)
def test_reportlab_output_fails_what_the_conversion_adds(seed_pdf: bytes, check: Check) -> None:
    with open_pdf(seed_pdf) as doc:
        assert check(doc)


def tampered(pdf: bytes, change: Callable[[pikepdf.Pdf], None], **save: Any) -> bytes:
    with open_pdf(pdf) as doc:
        change(doc)
        out = io.BytesIO()
        doc.save(out, **save)
    return out.getvalue()


def _gray_profile(doc: pikepdf.Pdf) -> None:
    doc.Root.OutputIntents[0].DestOutputProfile.N = 1


def _title(doc: pikepdf.Pdf) -> None:
    doc.docinfo["/Title"] = String("Another title")


def _creation_date(doc: pikepdf.Pdf) -> None:
    doc.docinfo["/CreationDate"] = String("D:20240705010000+00'00'")


def _helvetica(doc: pikepdf.Pdf) -> None:
    font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    doc.pages[0].Resources.Font.Helv = doc.make_indirect(font)


def _javascript(doc: pikepdf.Pdf) -> None:
    action = Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))
    doc.Root.OpenAction = doc.make_indirect(action)


def _attachment(doc: pikepdf.Pdf) -> None:
    doc.attachments["notes.txt"] = pikepdf.AttachedFileSpec(doc, b"notes")


def _hidden_link(doc: pikepdf.Pdf) -> None:
    doc.pages[0].Annots[0].F = 2


def _no_language(doc: pikepdf.Pdf) -> None:
    del doc.Root.Lang


def _no_id(doc: pikepdf.Pdf) -> None:
    doc.trailer.ID = Array([String(b"short")])


@pytest.mark.parametrize(
    ("change", "check"),
    [
        (_gray_profile, pdfa_checks.output_intent),
        (_title, pdfa_checks.info_xmp_agreement),
        (_creation_date, pdfa_checks.info_xmp_agreement),
        (_helvetica, pdfa_checks.unembedded_fonts),
        (_javascript, pdfa_checks.forbidden_names),
        (_attachment, pdfa_checks.forbidden_names),
        (_hidden_link, pdfa_checks.annotation_flags),
        (_no_language, pdfa_checks.language),
    ],
)
def test_each_check_catches_what_it_is_for(
    archived: bytes, change: Callable[[pikepdf.Pdf], None], check: Check
) -> None:
    with open_pdf(tampered(archived, change)) as doc:
        assert check(doc)


def test_the_id_check_catches_a_broken_id(archived: bytes) -> None:
    with open_pdf(archived) as doc:
        _no_id(doc)
        assert pdfa_checks.trailer_id(doc)


def test_the_encryption_check_catches_encryption(archived: bytes) -> None:
    locked = tampered(archived, lambda doc: None, encryption=pikepdf.Encryption(owner="o", user=""))
    with open_pdf(locked) as doc:
        assert pdfa_checks.encryption(doc)


def test_output_intent_is_one_embedded_srgb_profile(archived: bytes) -> None:
    with open_pdf(archived) as doc:
        (intent,) = doc.Root.OutputIntents
        profile = intent.DestOutputProfile
        assert profile.N == 3
        assert profile.read_bytes()[8] == 2, "a version 2 profile suits every PDF/A reader"
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"


def test_links_keep_working_and_print(archived: bytes) -> None:
    with open_pdf(archived) as doc:
        links = [a for page in doc.pages for a in page.obj.get("/Annots", Array())]
        assert len(links) >= 2
        assert all(int(a.F) == 4 for a in links)
        assert any("/Dest" in a for a in links)
        uris = [str(a.A.URI) for a in links if "/A" in a]
        assert "https://creativecommons.org/licenses/by-sa/4.0/legalcode" in uris


def test_empty_page_transitions_are_dropped(seed_pdf: bytes, archived: bytes) -> None:
    with open_pdf(seed_pdf) as before:
        assert all("/Trans" in page.obj for page in before.pages)  # else this test is moot
    with open_pdf(archived) as doc:
        assert not any("/Trans" in page.obj for page in doc.pages)


def test_text_is_extracted_as_before(seed_pdf: bytes, archived: bytes) -> None:
    before = [page.extract_text() for page in PdfReader(io.BytesIO(seed_pdf)).pages]
    after = [page.extract_text() for page in PdfReader(io.BytesIO(archived)).pages]
    assert after == before
    assert "Shanghai Cooperation Organisation" in after[0]


def test_pages_and_fonts_are_unchanged(seed_pdf: bytes, archived: bytes) -> None:
    with open_pdf(seed_pdf) as before, open_pdf(archived) as after:
        assert len(after.pages) == len(before.pages)
        for old, new in zip(before.pages, after.pages, strict=True):
            assert new.obj.Contents.read_bytes() == old.obj.Contents.read_bytes()
            assert sorted(new.Resources.Font.keys()) == sorted(old.Resources.Font.keys())


def outline(pdf: bytes) -> list[tuple[str, int | None]]:
    with open_pdf(pdf) as doc, doc.open_outline() as tree:
        items = list(tree.root)
        found = []
        while items:
            item = items.pop(0)
            page = item.destination[0] if isinstance(item.destination, Array) else None
            found.append((item.title, None if page is None else Page(page).index))
            items[:0] = list(item.children)
        return found


def test_bookmarks_are_unchanged() -> None:
    report = read_report(ROOT / "tests" / "goldens" / "sources" / "wasser-zentralasien.md").report
    pdf = render_tagged(report).pdf
    before = outline(pdf)
    assert len(before) >= 3  # else this test is moot
    assert outline(to_pdfa(pdf, archive_info(report))) == before

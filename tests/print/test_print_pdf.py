"""The PDF for a print shop: bleed, TrimBox and BleedBox, the brand bar in the bleed, crop
marks (issue 15, point 4). Read back from the PDF with pdfplumber."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from lagebericht.layout import render_pdf
from lagebericht.model import Report
from lagebericht.theme import THEMES_DIR, Theme, load_theme
from lagebericht.theme.model import MM
from tests.layout.factories import FILLER, para, report, text

A4 = (595.2756, 841.8898)
BLEED = 3 * MM


def _report() -> Report:
    return report(tuple(para(text(FILLER * 4)) for _ in range(12)))


def _theme(tmp_path: Path, crop_marks: bool) -> Theme:
    folder = tmp_path / "themes" / "druck"
    folder.mkdir(parents=True, exist_ok=True)
    marks = "true" if crop_marks else "false"
    (folder / "theme.yaml").write_text(
        f"extends: auslandsbuero\nprint:\n  bleed: 3\n  crop_marks: {marks}\n", encoding="utf-8"
    )
    return load_theme("druck", [tmp_path / "themes", THEMES_DIR])


def _box(page: pdfplumber.page.Page, name: str) -> tuple[float, ...] | None:
    box = page.page_obj.attrs.get(name)
    return None if box is None else tuple(float(v) for v in box)


def test_print_pdf_has_bleed_trim_and_bleed_box() -> None:
    pdf = render_pdf(_report(), load_theme(), for_print=True)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) >= 2
        for page in doc.pages:
            width, height = page.mediabox[2], page.mediabox[3]
            assert width == pytest.approx(A4[0] + 2 * BLEED, abs=0.01)
            assert height == pytest.approx(A4[1] + 2 * BLEED, abs=0.01)
            trim = _box(page, "TrimBox")
            assert trim == pytest.approx((BLEED, BLEED, BLEED + A4[0], BLEED + A4[1]), abs=0.01)
            assert _box(page, "BleedBox") == pytest.approx((0, 0, width, height), abs=0.01)


def test_brand_bar_runs_into_the_bleed() -> None:
    pdf = render_pdf(_report(), load_theme(), for_print=True)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        width = float(page.width)
        bars = [r for r in page.rects if r["width"] > A4[0]]
        assert bars, "no bar as wide as the page"
        bar = bars[0]
        # pdfplumber's top is measured from the media box's top edge.
        assert bar["x0"] == pytest.approx(0, abs=0.01)
        assert bar["x1"] == pytest.approx(width, abs=0.01)
        assert bar["top"] == pytest.approx(0, abs=0.01)
        assert bar["bottom"] == pytest.approx(BLEED + 6, abs=0.01)


def test_text_stays_where_it_is_on_the_trimmed_page() -> None:
    plain = render_pdf(_report(), load_theme())
    printed = render_pdf(_report(), load_theme(), for_print=True)
    with pdfplumber.open(io.BytesIO(plain)) as a, pdfplumber.open(io.BytesIO(printed)) as b:
        assert len(a.pages) == len(b.pages)
        for page_a, page_b in zip(a.pages, b.pages, strict=True):
            words_a = [(w["text"], w["x0"], w["top"]) for w in page_a.extract_words()]
            words_b = [
                (w["text"], w["x0"] - BLEED, w["top"] - BLEED) for w in page_b.extract_words()
            ]
            assert [w[0] for w in words_a] == [w[0] for w in words_b]
            for (_, xa, ya), (_, xb, yb) in zip(words_a, words_b, strict=True):
                assert (xb, yb) == pytest.approx((xa, ya), abs=0.01)


def test_plain_pdf_has_no_boxes() -> None:
    pdf = render_pdf(_report(), load_theme())
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        assert (page.width, page.height) == pytest.approx(A4, abs=0.01)
        assert _box(page, "TrimBox") is None and _box(page, "BleedBox") is None


def test_crop_marks_lie_outside_the_bleed(tmp_path: Path) -> None:
    pdf = render_pdf(_report(), _theme(tmp_path, True), for_print=True)
    slug = 9 * MM  # 3 mm bleed + 6 mm for the marks
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[-1]
        assert page.width == pytest.approx(A4[0] + 2 * slug, abs=0.01)
        trim = _box(page, "TrimBox")
        assert trim == pytest.approx((slug, slug, slug + A4[0], slug + A4[1]), abs=0.01)
        bleed = _box(page, "BleedBox")
        assert bleed == pytest.approx(
            (slug - BLEED, slug - BLEED, slug + A4[0] + BLEED, slug + A4[1] + BLEED), abs=0.01
        )
        marks = [line for line in page.lines if line["linewidth"] == pytest.approx(0.25)]
        assert len(marks) == 8
        x0, x1 = slug, slug + A4[0]
        top, bottom = slug, slug + A4[1]  # pdfplumber: from the top
        for mark in marks:
            vertical = mark["x0"] == pytest.approx(mark["x1"])
            if vertical:
                assert min(abs(mark["x0"] - x0), abs(mark["x0"] - x1)) < 0.01
                assert mark["bottom"] <= top - BLEED + 0.01 or mark["top"] >= bottom + BLEED - 0.01
            else:
                assert min(abs(mark["top"] - top), abs(mark["top"] - bottom)) < 0.01
                assert mark["x1"] <= x0 - BLEED + 0.01 or mark["x0"] >= x1 + BLEED - 0.01


def test_build_print_is_recorded_and_rebuilt_when_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from lagebericht.cli import main
    from tests.files import OFFICE, REPORT

    (tmp_path / "content/offices").mkdir(parents=True)
    (tmp_path / "content/offices/kasachstan.yaml").write_text(OFFICE, encoding="utf-8")
    (tmp_path / "content/r.md").write_text(REPORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    pdf, manifest = tmp_path / "output/r.pdf", tmp_path / "output/manifest.json"

    def entry() -> dict[str, object]:
        import json

        reports: list[dict[str, object]] = json.loads(manifest.read_text())["reports"]
        return reports[0]

    assert main(["build", "--jobs", "1"]) == 0
    assert entry()["print"] is False
    with pdfplumber.open(pdf) as doc:
        assert _box(doc.pages[0], "TrimBox") is None
    capsys.readouterr()
    assert main(["build", "--jobs", "1", "--print"]) == 0
    assert "1 built" in capsys.readouterr().out  # not "up to date": a print build differs
    assert entry()["print"] is True
    with pdfplumber.open(pdf) as doc:
        assert _box(doc.pages[0], "TrimBox") is not None
    assert main(["build", "--jobs", "1", "--print"]) == 0
    assert "1 up to date" in capsys.readouterr().out
    assert main(["build", "--jobs", "1"]) == 0
    assert "1 built" in capsys.readouterr().out
    assert entry()["print"] is False


def test_a_manifest_written_before_the_print_key_still_reads(tmp_path: Path) -> None:
    import json

    from lagebericht.archive.manifest import read_manifest

    old = {
        "source": "content/r.md",
        "output": "r.pdf",
        "sha256": "0" * 64,
        "size": 1,
        "pages": 1,
        "title": "T",
        "office": "O",
        "date": "2024-07-05",
        "language": "de",
        "report": None,
        "toolkit": "0.1",
        "pdfa": None,
    }
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"manifest_version": 1, "reports": [old]}), encoding="utf-8")
    entries, problems = read_manifest(path)
    assert problems == ()
    assert entries["r.pdf"].print is False
    path.write_text(
        json.dumps({"manifest_version": 1, "reports": [{**old, "print": 1}]}), encoding="utf-8"
    )
    entries, problems = read_manifest(path)
    assert not entries and problems  # 1 is not a yes or no

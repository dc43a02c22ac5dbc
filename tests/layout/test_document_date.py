"""The dates a PDF carries: the report's date, or SOURCE_DATE_EPOCH; never the clock."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pikepdf
import pytest

from lagebericht.archive.pdfa import archive_info, to_pdfa
from lagebericht.archive.tagging import render_tagged
from lagebericht.build import Pipeline, Status, build
from lagebericht.document_date import SOURCE_DATE_EPOCH, document_moment
from lagebericht.job import Job
from lagebericht.layout import render_pdf
from lagebericht.problems import LageberichtError
from tests.layout.factories import para, report, text

REPORT = report((para(text("The member states met in Astana.")),))
"""Dated 2024-07-05."""


def dates(pdf: bytes) -> tuple[str, str]:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return str(doc.docinfo["/CreationDate"]), str(doc.docinfo["/ModDate"])


def xmp_dates(pdf: bytes) -> set[str]:
    with pikepdf.open(io.BytesIO(pdf)) as doc, doc.open_metadata() as xmp:
        return {str(xmp[key]) for key in ("xmp:CreateDate", "xmp:ModifyDate")}


def test_a_plain_pdf_is_dated_the_report_date_at_midnight_utc() -> None:
    assert dates(render_pdf(REPORT)) == ("D:20240705000000+00'00'",) * 2


def test_the_same_report_gives_the_same_bytes() -> None:
    assert render_pdf(REPORT) == render_pdf(REPORT)


def test_another_date_changes_the_pdf_dates() -> None:
    later = REPORT.model_copy(update={"date": dt.date(2025, 1, 31)})
    assert dates(render_pdf(later)) == ("D:20250131000000+00'00'",) * 2


def test_source_date_epoch_decides_the_date_of_both_kinds_of_pdf(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(SOURCE_DATE_EPOCH, "1700000000")  # 2023-11-14 22:13:20 UTC
    assert dates(render_pdf(REPORT)) == ("D:20231114221320+00'00'",) * 2
    pdf = render_tagged(REPORT).pdf  # as a plain build writes it
    assert dates(pdf) == ("D:20231114221320+00'00'",) * 2
    assert xmp_dates(pdf) == {"2023-11-14T22:13:20+00:00"}
    assert render_tagged(REPORT).pdf == pdf
    archived = to_pdfa(pdf, archive_info(REPORT))
    assert dates(archived) == ("D:20231114221320+00'00'",) * 2
    assert xmp_dates(archived) == {"2023-11-14T22:13:20+00:00"}


def test_document_moment() -> None:
    day = dt.date(2024, 7, 5)
    assert document_moment(day, {}) == dt.datetime(2024, 7, 5, tzinfo=dt.UTC)
    assert document_moment(day, {SOURCE_DATE_EPOCH: " "}) == dt.datetime(2024, 7, 5, tzinfo=dt.UTC)
    assert document_moment(day, {SOURCE_DATE_EPOCH: "0"}) == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize("value", ["yesterday", "-5", "1.5", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_refused(value: str) -> None:
    with pytest.raises(LageberichtError, match=f"SOURCE_DATE_EPOCH: expected .* got '{value}'"):
        document_moment(dt.date(2024, 7, 5), {SOURCE_DATE_EPOCH: value})


def test_a_bad_source_date_epoch_fails_the_build_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOURCE_DATE_EPOCH, "last tuesday")
    source = tmp_path / "a.md"
    source.write_text("x")

    class Valid:
        report = REPORT
        warnings = ()

    result = build(
        Job(source, tmp_path / "out/a.pdf"), pipeline=Pipeline(read=lambda path: Valid())
    )
    assert result.status is Status.FAILED
    assert [p.message for p in result.problems] == [
        "SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970-01-01 UTC "
        "(e.g. 1720137600), got 'last tuesday'"
    ]

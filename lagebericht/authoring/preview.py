"""``lagebericht preview``: a report's pages as PNG pictures, to look at without a PDF viewer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lagebericht.limits import MAX_PROBLEMS_PER_FILE
from lagebericht.problems import Code, InputError, OutputError, Problem, UsageError, capped

if TYPE_CHECKING:
    from lagebericht.theme import Theme

DEFAULT_DPI = 60
MAX_DPI = 600
"""An A4 page at 600 dpi is already ~35 megapixels; beyond that is a typo."""
PAGE_NAME = "page-{}.png"


@dataclass(frozen=True)
class Preview:
    """The pictures written, and the warnings validation found."""

    pages: tuple[Path, ...]
    page_count: int
    warnings: tuple[Problem, ...] = ()


def parse_pages(text: str) -> tuple[int, ...]:
    """``"1,3"`` → ``(1, 3)`` (1-based, sorted, no repeats); raises :class:`UsageError`."""
    try:
        numbers = {int(part) for part in text.split(",") if part.strip()}
    except ValueError:
        numbers = set()
    if not numbers or min(numbers) < 1:
        raise UsageError(f'--pages: expected page numbers like 1,2, got "{text}"')
    return tuple(sorted(numbers))


def check_dpi(dpi: int) -> int:
    if not 1 <= dpi <= MAX_DPI:
        raise UsageError(f"--dpi: expected a resolution from 1 to {MAX_DPI}, got {dpi}")
    return dpi


def default_folder(source: Path, output: Path = Path("output")) -> Path:
    """``output/preview/<stem>/`` for ``content/2024-07/<stem>.md`` (or ``.md.j2``)."""
    from lagebericht.job import report_stem

    return output / "preview" / (report_stem(source.name) or source.stem)


def render_report(
    source: Path, *, strict: bool = False, theme: Theme | None = None
) -> tuple[bytes, tuple[Problem, ...]]:
    """Validate and lay out ``source`` (with ``theme``, default: the default theme): the PDF
    and the warnings; raises :class:`InputError` (also for warnings under ``strict``) or
    :class:`LageberichtError` (a broken theme)."""
    from lagebericht.layout import render_pdf
    from lagebericht.validate import read_report

    valid = read_report(source)
    if strict and valid.warnings:
        count = len(valid.warnings)
        plural = "warning" if count == 1 else "warnings"
        strict_problem = Problem(
            source, None, None, f"{count} {plural} treated as errors (--strict)", code=Code.STRICT
        )
        raise InputError([*valid.warnings, strict_problem])
    return render_pdf(valid.report, theme), capped(valid.warnings, MAX_PROBLEMS_PER_FILE)


def write_pages(
    pdf: bytes, folder: Path, *, dpi: int = DEFAULT_DPI, pages: Sequence[int] = ()
) -> tuple[tuple[Path, ...], int]:
    """Write ``page-N.png`` for the 1-based ``pages`` (default: all) of ``pdf`` into
    ``folder``; the files written and the document's page count.

    Pictures of pages the document no longer has are removed, so the folder never shows
    a stale last page. Raises :class:`UsageError` for a page number beyond the end.
    """
    import pypdfium2 as pdfium

    from lagebericht.output import describe

    document = pdfium.PdfDocument(pdf)
    try:
        count = len(document)
        wanted = tuple(pages) or tuple(range(1, count + 1))
        beyond = [number for number in wanted if number > count]
        if beyond:
            raise UsageError(
                f"--pages: the report has {count} page{'s' if count != 1 else ''}; "
                f"there is no page {', '.join(map(str, beyond))}"
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _remove_beyond(folder, count)
        except OSError as err:
            raise OutputError(folder, describe(err)) from None
        written = []
        for number in wanted:
            bitmap = document[number - 1].render(scale=dpi / 72)
            path = folder / PAGE_NAME.format(number)
            try:
                bitmap.to_pil().convert("RGB").save(path, format="PNG")
            except OSError as err:
                raise OutputError(path, describe(err)) from None
            written.append(path)
        return tuple(written), count
    finally:
        document.close()


def _remove_beyond(folder: Path, count: int) -> None:
    for old in folder.glob(PAGE_NAME.format("*")):
        number = old.stem.removeprefix("page-")
        if number.isdigit() and int(number) > count:
            old.unlink(missing_ok=True)


def preview(
    source: Path,
    folder: Path,
    *,
    dpi: int = DEFAULT_DPI,
    pages: Sequence[int] = (),
    strict: bool = False,
    theme: Theme | None = None,
) -> Preview:
    """Validate, lay out (with ``theme``) and write the page pictures of ``source`` into
    ``folder``."""
    check_dpi(dpi)
    pdf, warnings = render_report(source, strict=strict, theme=theme)
    written, count = write_pages(pdf, folder, dpi=dpi, pages=pages)
    return Preview(written, count, warnings)

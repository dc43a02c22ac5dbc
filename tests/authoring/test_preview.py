"""``lagebericht preview``: PNG pages at the dpi asked for, and errors as in ``check``."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from lagebericht.authoring.preview import parse_pages
from lagebericht.problems import UsageError
from tests.files import BAD

from .conftest import OFFICE, REPORT, MakeTree, run

A4_POINTS = (595.2756, 841.8898)

LONG = REPORT + "".join(
    f"\nParagraph {n}: " + "More text to fill pages. " * 60 + "\n" for n in range(12)
)


@pytest.fixture
def content(tree: MakeTree) -> Path:
    return tree(
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/2024-07/sco.md": REPORT,
            "content/2024-07/long.md": LONG,
            "content/2024-07/bad.md": BAD,
        }
    )


def _size(dpi: int) -> tuple[int, int]:
    width, height = (round(points * dpi / 72) for points in A4_POINTS)
    return width, height


def test_preview_writes_every_page_at_the_dpi(content: Path) -> None:
    ran = run(["preview", "content/2024-07/sco.md", "--dpi", "36"])
    assert ran.status == 0, ran.err
    folder = Path("output/preview/sco")
    assert ran.out.splitlines() == [str(folder / "page-1.png")]
    with Image.open(content / folder / "page-1.png") as image:
        assert image.format == "PNG"
        width, height = image.size
    expected_width, expected_height = _size(36)
    assert abs(width - expected_width) <= 1 and abs(height - expected_height) <= 1


def test_preview_of_chosen_pages_into_a_folder(content: Path) -> None:
    out = content / "pictures"
    (out).mkdir()
    (out / "page-9.png").write_bytes(b"stale")  # a page the report no longer has
    ran = run(["preview", "content/2024-07/long.md", "-o", "pictures", "--pages", "2,1,2"])
    assert ran.status == 0, ran.err
    assert ran.out.splitlines() == ["pictures/page-1.png", "pictures/page-2.png"]
    assert sorted(p.name for p in out.iterdir()) == ["page-1.png", "page-2.png"]
    with Image.open(out / "page-2.png") as image:  # default dpi: 60
        assert abs(image.size[0] - _size(60)[0]) <= 1


def test_preview_page_beyond_the_end_is_a_usage_error(content: Path) -> None:
    ran = run(["preview", "content/2024-07/sco.md", "--pages", "1,7"])
    assert ran.status == 2
    assert "the report has 1 page; there is no page 7" in ran.err


def test_preview_of_a_bad_report_prints_located_problems(content: Path) -> None:
    ran = run(["preview", "content/2024-07/bad.md"])
    assert ran.status == 1
    lines = ran.err.splitlines()
    bad = Path("content/2024-07/bad.md")
    assert f"{bad}:1:1: title: missing; expected the report's title" in lines[0]
    assert any(line.startswith(f"{bad}:2:7: date: ") for line in lines)
    assert ran.out == ""
    assert not Path("output/preview/bad").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["preview", "content/2024-07/missing.md"], "no such file"),
        (["preview", "content/offices/kasachstan.yaml"], "not a report"),
        (["preview", "content/2024-07/sco.md", "--dpi", "0"], "--dpi: expected a resolution"),
        (["preview", "content/2024-07/sco.md", "--pages", "0"], "--pages: expected page numbers"),
    ],
)
def test_preview_usage_errors(content: Path, argv: list[str], message: str) -> None:
    ran = run(argv)
    assert ran.status == 2
    assert message in ran.err


def test_parse_pages() -> None:
    assert parse_pages("3, 1,1") == (1, 3)
    for bad in ("", "a", "1-3", "-1", ","):
        with pytest.raises(UsageError):
            parse_pages(bad)

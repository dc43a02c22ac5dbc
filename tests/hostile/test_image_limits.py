"""Images bounded: rasters an SVG draws (files and ``data:`` addresses), each image's
decoded size, the SVG file's size and the numbers in it; each refusal located at the
figure's line, the SVG's own line where there is one."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable

import pytest
from PIL import Image

from lagebericht.cli import main
from lagebericht.limits import MAX_SVG_BYTES, MAX_SVG_ELEMENTS
from tests.hostile.conftest import MakeTree
from tests.hostile.corpus import OFFICE, OFFICE_FILE, REPORT, front

Check = Callable[[dict[str, str | bytes]], tuple[int, str]]
FIGURE_LINE = 10  # front matter lines 1-6, text on 8, the figure on 10
SVG_HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="100" height="100">'
)


def _report(figure: str) -> str:
    return front() + f"\nText.\n\n![Karte]({figure})\n"


def _png(width: int, height: int, mode: str = "1") -> bytes:
    # A one-bit or flat image compresses to a few kilobytes whatever its pixel count.
    out = io.BytesIO()
    Image.new(mode, (width, height)).save(out, "PNG", optimize=True)
    return out.getvalue()


@pytest.fixture
def check(
    tree: MakeTree, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Check:
    def run(files: dict[str, str | bytes]) -> tuple[int, str]:
        root = tree({OFFICE_FILE: OFFICE, **files})
        monkeypatch.chdir(root)
        status = main(["check", "content"])
        return status, capsys.readouterr().err

    return run


BIG = _png(13_000, 13_000)


@pytest.mark.parametrize(
    "href",
    [
        pytest.param("gross.png", id="file"),
        pytest.param("data:image/png;base64," + base64.b64encode(BIG).decode(), id="data"),
    ],
)
def test_a_huge_raster_in_an_svg_is_refused(check: Check, href: str) -> None:
    svg = SVG_HEAD + f'<image xlink:href="{href}" width="100" height="100"/></svg>'
    status, err = check(
        {
            REPORT: _report("karte.svg"),
            "content/2024-07/karte.svg": svg,
            "content/2024-07/gross.png": BIG,
        }
    )
    assert status == 1, err
    assert f'{REPORT}:{FIGURE_LINE}:1: image "karte.svg": an image in it has more than' in err
    assert "DecompressionBomb" not in err


def test_a_small_raster_in_an_svg_still_builds(check: Check) -> None:
    svg = SVG_HEAD + '<image xlink:href="klein.png" width="100" height="100"/></svg>'
    status, err = check(
        {
            REPORT: _report("karte.svg"),
            "content/2024-07/karte.svg": svg,
            "content/2024-07/klein.png": _png(20, 20, "RGB"),
        }
    )
    assert status == 0, err


@pytest.mark.parametrize("value", ["1e300", "NaN", "inf", "-2e10"])
def test_an_svg_size_out_of_range_is_located(check: Check, value: str) -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">\n'
        f'<rect x="1" y="2"\n width="{value}" height="5"/>\n</svg>'
    )
    status, err = check({REPORT: _report("karte.svg"), "content/2024-07/karte.svg": svg})
    assert status == 1, err
    assert f'{REPORT}:{FIGURE_LINE}:1: image "karte.svg": line 3 of the SVG: width="{value}"' in err
    assert "internal error" not in err


@pytest.mark.parametrize("value", ["1e300", "NaN"])
def test_the_svg_element_size_out_of_range(check: Check, value: str) -> None:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="{value}" height="100"></svg>'
    status, err = check({REPORT: _report("karte.svg"), "content/2024-07/karte.svg": svg})
    assert status == 1, err
    assert "line 1 of the SVG" in err and "internal error" not in err


def test_an_svg_above_its_size_limit(check: Check) -> None:
    padding = "<!-- " + "x" * MAX_SVG_BYTES + " -->"
    svg = SVG_HEAD + padding + "</svg>"
    status, err = check({REPORT: _report("karte.svg"), "content/2024-07/karte.svg": svg})
    assert status == 1, err
    assert f'{REPORT}:{FIGURE_LINE}:1: image "karte.svg": the SVG file is larger than 2 MB' in err


def test_an_image_whose_decoded_size_is_too_large(check: Check) -> None:
    # 40 Mpx (under the pixel limit) of RGBA: 160 MB once decoded.
    status, err = check(
        {REPORT: _report("bild.png"), "content/2024-07/bild.png": _png(8000, 5000, "RGBA")}
    )
    assert status == 1, err
    assert f'{REPORT}:{FIGURE_LINE}:1: image "bild.png": 8000×5000 pixels would take' in err


def test_a_jpeg_whose_header_claims_a_huge_size(check: Check) -> None:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(out, "JPEG")
    data = bytearray(out.getvalue())
    # The frame header (SOF0): marker, length, precision, then height and width.
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = (7000).to_bytes(2, "big") + (8000).to_bytes(2, "big")
    status, err = check({REPORT: _report("bild.jpg"), "content/2024-07/bild.jpg": bytes(data)})
    assert status == 1, err
    assert f'{REPORT}:{FIGURE_LINE}:1: image "bild.jpg": 8000×7000 pixels' in err


def test_an_svg_with_too_many_elements(check: Check) -> None:
    shapes = "\n".join(
        f'<rect x="{n % 100}" y="{n // 100}" width="1" height="1"/>'
        for n in range(MAX_SVG_ELEMENTS)
    )
    svg = SVG_HEAD + "\n" + shapes + "\n</svg>"
    status, err = check({REPORT: _report("karte.svg"), "content/2024-07/karte.svg": svg})
    assert status == 1, err
    # The <svg> element is the first; the last rectangle, on line 10,001, is one too many.
    assert (
        f'{REPORT}:{FIGURE_LINE}:1: image "karte.svg": line {MAX_SVG_ELEMENTS + 1} of the SVG: '
        f"the SVG has more than {MAX_SVG_ELEMENTS:,} elements" in err
    )


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("M 10 10 L 20", '"L" takes 2 numbers, here 1'),
        ("M 10 10 C 1 2 3 4 5 6 7", '"C" takes 6 numbers, here 1'),
        ("M 10 10 T 1", '"T" takes 2 numbers, here 1'),
        ("L 10 10", "must begin with a move"),
        ("M", "must begin with a move"),
        ("Z", "must begin with a move"),
    ],
)
def test_malformed_path_data_is_located(check: Check, data: str, says: str) -> None:
    svg = SVG_HEAD + f'\n<path d="M 1 1 L 5 5 Z"/>\n<path\n d="{data}"/>\n</svg>'
    status, err = check({REPORT: _report("karte.svg"), "content/2024-07/karte.svg": svg})
    assert status == 1, err
    # lxml locates an element at the line where its start tag ends
    assert f'{REPORT}:{FIGURE_LINE}:1: image "karte.svg": line 4 of the SVG: path d=' in err
    assert says in err and "internal error" not in err


def test_well_formed_path_data_builds(check: Check) -> None:
    paths = ("M 1 1 L 5 5 Z", "m1 2l3 4 5 6z", "M 10 10 Q 1 2 3 4 Z z", "M10 10 h5 v5 H1 V1", "")
    svg = SVG_HEAD + "".join(f'<path d="{data}"/>' for data in paths) + "</svg>"
    status, err = check({REPORT: _report("karte.svg"), "content/2024-07/karte.svg": svg})
    assert status == 0, err
    assert "path" not in err and "internal error" not in err

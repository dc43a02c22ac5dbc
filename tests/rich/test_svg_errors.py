"""An SVG figure or logo that cannot be drawn is the author's problem; an exception that
means a bug (in svglib, or an svglib this code does not fit) is an internal error."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

import lagebericht.load.svg
from lagebericht.build import check
from lagebericht.layout.logo import _parse as parse_logo
from lagebericht.load.svg import SvgError, read_svg
from lagebericht.problems import InputError

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
RECT = '<rect width="10" height="10"/>'


def _figure(write: Callable[..., Path], tree: Path, svg: str) -> list[str]:
    """Messages of `check` for a report whose only figure is ``svg``."""
    (tree / "bilder" / "figur.svg").write_text(svg, encoding="utf-8")
    result = check(write("Text.\n\n![Figur](bilder/figur.svg)\n"))
    return [problem.message for problem in result.problems]


@pytest.mark.parametrize(
    ("svg", "reason"),
    [
        # reportlab cannot convert the length (ValueError)
        (SVG + 'width="abc" height="10">' + RECT + "</svg>", "Can't convert 'abc' to length"),
        # a whole value quoted in the reason is cut short
        (
            SVG + f'width="{"x" * 500}" height="10">' + RECT + "</svg>",
            f"Can't convert '{'x' * 104}…",
        ),
        # cssselect2 cannot read the style sheet's selector (its SelectorError: ValueError)
        (
            SVG + 'width="10" height="10"><style>a:nth-child(x) {}</style>' + RECT + "</svg>",
            "Invalid arguments for :nth-child()",
        ),
        # the embedded picture is not an image (Pillow's UnidentifiedImageError: OSError,
        # whose message has a memory address: not repeated, so the output stays the same)
        (
            SVG + 'width="10" height="10"><image width="5" height="5" '
            'xlink:href="data:image/png;base64,iVBORw0KGgo="/></svg>',
            "an image in it cannot be read",
        ),
    ],
)
def test_a_bad_svg_figure_is_the_authors_problem(
    write: Callable[..., Path], tree: Path, svg: str, reason: str
) -> None:
    (message,) = _figure(write, tree, svg)
    assert message == f'image "bilder/figur.svg": not a readable SVG image ({reason})'


@pytest.mark.parametrize(
    ("size", "value"),
    [('width="nan" height="10"', 'width="nan" holds nan'), ('width="10" height="1e999"', "1e999")],
)
def test_an_svg_of_no_finite_size_is_refused(
    write: Callable[..., Path], tree: Path, size: str, value: str
) -> None:
    (message,) = _figure(write, tree, SVG + size + ">" + RECT + "</svg>")
    assert message.startswith('image "bilder/figur.svg": line 1 of the SVG: '), message
    assert value in message and "out of range" in message


def test_an_svg_of_zero_size_is_refused(write: Callable[..., Path], tree: Path) -> None:
    (message,) = _figure(write, tree, SVG + 'width="0" height="10">' + RECT + "</svg>")
    assert "the SVG has no size" in message


def test_an_svglib_bug_is_an_internal_error_not_the_authors(
    write: Callable[..., Path], tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What an svglib without a keyword argument read_svg passes raises (svglib < 2.3).
    def old_svglib(path: str, **kwargs: object) -> None:
        raise TypeError("SvgRenderer.__init__() got an unexpected keyword argument")

    monkeypatch.setattr(lagebericht.load.svg, "SvgRenderer", old_svglib)
    (message,) = _figure(write, tree, SVG + 'width="10" height="10">' + RECT + "</svg>")
    assert message.startswith("internal error: TypeError: SvgRenderer"), message
    assert "not a readable" not in message


@pytest.mark.parametrize(
    ("error", "blamed_on_the_file"),
    [
        (etree.XMLSyntaxError("bad", 1, 1, 1), True),
        (ValueError("bad length"), True),
        (OSError("unreadable"), True),
        (TypeError("bug"), False),
        (AttributeError("bug"), False),
        (KeyError("bug"), False),
    ],
)
def test_which_errors_mean_a_bad_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception, blamed_on_the_file: bool
) -> None:
    def failing(path: str, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(lagebericht.load.svg, "SvgRenderer", failing)
    monkeypatch.setattr("svglib.svglib.svg2rlg", failing)  # the logo's
    path = tmp_path / "x.svg"
    path.write_text(SVG + 'width="10" height="10"/>', encoding="utf-8")
    expected = (SvgError, InputError) if blamed_on_the_file else (type(error), type(error))
    with pytest.raises(expected[0]):
        read_svg(path)
    with pytest.raises(expected[1]):
        parse_logo(path)


def test_hostile_use_references_neither_hang_nor_crash(tmp_path: Path) -> None:
    # A <use> referring to itself, and 2**30 expansions of a rectangle in 4 KB: svglib
    # from 2.3.2 skips the loop and stops expanding after 10,000 (older ones recurse until
    # RecursionError, or expand for hours), so the build goes on.
    loop = SVG + 'width="10" height="10"><g id="a"><use xlink:href="#a"/></g></svg>'
    chain = "".join(
        f'<g id="g{i}"><use xlink:href="#g{i + 1}"/><use xlink:href="#g{i + 1}"/></g>'
        for i in range(30)
    )
    bomb = (
        SVG + f'width="10" height="10"><defs>{chain}<rect id="g30" width="1" height="1"/>'
        '</defs><use xlink:href="#g0"/></svg>'
    )
    script = (
        "import sys; from pathlib import Path; from lagebericht.load.svg import read_svg\n"
        "for name in sys.argv[1:]: read_svg(Path(name))\n"
    )
    names = []
    for name, svg in (("loop.svg", loop), ("bomb.svg", bomb)):
        (tmp_path / name).write_text(svg, encoding="utf-8")
        names.append(str(tmp_path / name))
    done = subprocess.run(
        [sys.executable, "-c", script, *names], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr

"""Broken themes through the command line: located in the theme's files, exit status 1."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from lagebericht.cli import main
from lagebericht.limits import MAX_SVG_BYTES, MAX_SVG_ELEMENTS
from tests.hostile.conftest import MakeTree
from tests.hostile.corpus import OFFICE, OFFICE_FILE, REPORT, front

T = "templates/kaputt/theme.yaml"  # a project theme

# name → (theme.yaml text, expected line prefix, message fragment)
THEMES = {
    "theme-yaml-syntax": ("extends: auslandsbuero\ncolours: {brand: [\n", f"{T}:3:", "YAML syntax"),
    "theme-unknown-key": ("extends: auslandsbuero\nfarben: {}\n", f"{T}:2:1:", "farben"),
    "theme-bad-colour": (
        "extends: auslandsbuero\ncolours:\n  brand: rot\n",
        f"{T}:3:",
        "colours.brand",
    ),
    "theme-missing-font": (
        "extends: auslandsbuero\nfonts:\n  regular: Fehlt.ttf\n",
        f"{T}:3:",
        "Fehlt.ttf",
    ),
    "theme-unknown-parent": ("extends: auslandsbüro2\n", f"{T}:1:", "extends: theme"),
    "theme-is-a-list": ("- extends\n", f"{T}:1:1:", "expected fields"),
}


@pytest.mark.parametrize("name", sorted(THEMES))
def test_a_broken_theme_is_located(
    name: str,
    tree: MakeTree,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    text, where, says = THEMES[name]
    root = tree({T: text, REPORT: front() + "Text.\n", OFFICE_FILE: OFFICE})
    monkeypatch.chdir(root)
    assert main(["build", REPORT, "-o", "output", "-j", "1", "--theme", "kaputt"]) == 1
    err = capsys.readouterr().err.replace(str(root) + "/", "")
    assert "Traceback" not in err and "internal error" not in err, err
    lines = err.splitlines()
    assert any(line.startswith(where) and says in line for line in lines), err
    assert not Path(root / "output").exists() or not list((root / "output").rglob("*.pdf"))


LOGO = "templates/kaputt/logo.svg"
LOGO_THEME = "extends: auslandsbuero\nlogo: logo.svg\n"
SVG_HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"\n'
    'width="100" height="40">\n'
)


def _huge_png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (13_000, 13_000)).save(out, "PNG", optimize=True)
    return out.getvalue()


# name → (logo.svg, extra files, expected location, message fragment): the limits of report
# figures hold for the logo too, located in the logo's file (its line where there is one)
# or at the theme's `logo:` line.
LOGOS: dict[str, tuple[bytes, dict[str, bytes], str, str]] = {
    "logo-too-many-elements": (
        (SVG_HEAD + '<rect width="1" height="1"/>\n' * (MAX_SVG_ELEMENTS + 1) + "</svg>").encode(),
        {},
        f"{LOGO}:{MAX_SVG_ELEMENTS + 2}: logo of the theme: the SVG has more than",
        "elements",
    ),
    "logo-huge-number": (
        (SVG_HEAD + '<rect width="1e300" height="1"/>\n</svg>').encode(),
        {},
        f"{LOGO}:3: logo of the theme: ",
        "out of range",
    ),
    "logo-huge-raster": (
        (SVG_HEAD + '<image xlink:href="gross.png" width="10" height="10"/>\n</svg>').encode(),
        {"templates/kaputt/gross.png": _huge_png()},
        f"{LOGO}: logo of the theme: an image in it has more than",
        "pixels",
    ),
    "logo-too-large": (
        (SVG_HEAD + "<!--" + "x" * MAX_SVG_BYTES + "-->\n</svg>").encode(),
        {},
        f"{T}:2:7: logo: the SVG file ",
        "is larger than 2 MB",
    ),
}


@pytest.mark.parametrize("name", sorted(LOGOS))
def test_a_logo_past_the_svg_limits_is_refused(
    name: str,
    tree: MakeTree,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    svg, extra, where, says = LOGOS[name]
    files: dict[str, str | bytes] = {
        T: LOGO_THEME,
        LOGO: svg,
        REPORT: front() + "Text.\n",
        OFFICE_FILE: OFFICE,
    }
    root = tree({**files, **extra})
    monkeypatch.chdir(root)
    assert main(["build", REPORT, "-o", "output", "-j", "1", "--theme", "kaputt"]) == 1
    err = capsys.readouterr().err.replace(str(root) + "/", "")
    assert "Traceback" not in err and "internal error" not in err, err
    assert "DecompressionBomb" not in err, err
    assert any(line.startswith(where) and says in line for line in err.splitlines()), err
    assert not list((root / "output").rglob("*.pdf"))


ROBOTO = Path(__file__).parents[2] / "templates/auslandsbuero/fonts/Roboto-Bold.ttf"


def _huge_character_map(font: bytes) -> bytes:
    """``font`` with every segment of its format-4 character map running from 0 to
    0xFFFE: reportlab would fill a dictionary with hundreds of millions of entries."""
    data = bytearray(font)
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for number in range(count):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * number)
        tables[tag] = offset
    cmap = tables[b"cmap"]
    for record in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        table = cmap + struct.unpack_from(">I", data, cmap + 4 + 8 * record + 4)[0]
        if struct.unpack_from(">H", data, table)[0] == 4:
            doubled = struct.unpack_from(">H", data, table + 6)[0]
            for segment in range(doubled // 2 - 1):  # the last is the 0xFFFF end marker
                struct.pack_into(">H", data, table + 14 + 2 * segment, 0xFFFE)
                struct.pack_into(">H", data, table + 16 + doubled + 2 * segment, 0)
    return bytes(data)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        pytest.param(b"\x00\x01\x00\x00" + bytes(range(256)) * 20, "ends before", id="garbage"),
        pytest.param(ROBOTO.read_bytes()[:30_000], "ends before its tables", id="cut-off"),
        pytest.param(b"%PDF-1.4 not a font", "not a TrueType font", id="not-a-font"),
        pytest.param(_huge_character_map(ROBOTO.read_bytes()), "character map", id="bomb"),
    ],
)
def test_a_damaged_font_file_is_located(
    content: bytes,
    says: str,
    tree: MakeTree,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    theme = "extends: auslandsbuero\nfonts:\n  bold: Kaputt.ttf\n"
    files: dict[str, str | bytes] = {T: theme, "templates/kaputt/Kaputt.ttf": content}
    root = tree({**files, REPORT: front() + "Text.\n", OFFICE_FILE: OFFICE})
    monkeypatch.chdir(root)
    assert main(["build", REPORT, "-o", "output", "-j", "1", "--theme", "kaputt"]) == 1
    err = capsys.readouterr().err.replace(str(root) + "/", "")
    assert "Traceback" not in err and "internal error" not in err, err
    assert f"{T}:3:9: fonts.bold: templates/kaputt/Kaputt.ttf cannot be used" in err, err
    assert says in err, err


def test_the_shipped_fonts_pass_the_check() -> None:
    from lagebericht.theme.font_files import font_problem

    for font in sorted(ROBOTO.parent.glob("*.ttf")):
        assert font_problem(font) is None, font

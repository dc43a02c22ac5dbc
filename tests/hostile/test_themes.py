"""Broken themes through the command line: located in the theme's files, exit status 1."""

from __future__ import annotations

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
    files = {T: LOGO_THEME, LOGO: svg, REPORT: front() + "Text.\n", OFFICE_FILE: OFFICE}
    root = tree({**files, **extra})
    monkeypatch.chdir(root)
    assert main(["build", REPORT, "-o", "output", "-j", "1", "--theme", "kaputt"]) == 1
    err = capsys.readouterr().err.replace(str(root) + "/", "")
    assert "Traceback" not in err and "internal error" not in err, err
    assert "DecompressionBomb" not in err, err
    assert any(line.startswith(where) and says in line for line in err.splitlines()), err
    assert not list((root / "output").rglob("*.pdf"))

"""Every limit's message names the file and the line: ``path:line: …``.

Each limit of :mod:`lagebericht.limits` is triggered here by a small hostile input (limits
of sizes too large to write in a test are lowered for it), and ``check`` must print its
refusal as ``path:line:`` (``path:line:column:`` where the column is known). A limit added
without a case here fails :func:`test_every_limit_has_a_case`.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pytest
from PIL import Image

import lagebericht.limits
from lagebericht.cli import main
from tests.hostile.conftest import MakeTree
from tests.hostile.corpus import OFFICE, OFFICE_FILE, REPORT, TEMPLATE, front

SVG = "content/2024-07/karte.svg"
DATA = "content/2024-07/zahlen.csv"
SVG_HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="100" height="100">\n'
)
FIGURE_LINE = 10  # front matter lines 1-6, "Text." on 8, the figure on 10


def _png(width: int, height: int, mode: str = "1") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height)).save(out, "PNG", optimize=True)
    return out.getvalue()


def _with_figure(name: str) -> str:
    return front() + f"\nText.\n\n![Karte]({name})\n"


def _template(body: str, *fields: str) -> dict[str, str | bytes]:
    return {TEMPLATE: front(*fields) + "\n" + body}


@dataclass
class Case:
    files: dict[str, str | bytes]
    where: str
    """The file named, and the line: ``path:line`` (a column may follow)."""
    says: str
    environment: dict[str, str] = field(default_factory=dict)
    lowered: dict[str, object] = field(default_factory=dict)
    """``module.NAME`` → a lower value, for a limit too large to reach in a test."""


CASES: dict[str, Case] = {
    "DEFAULT_MAX_REPORT_BYTES": Case(
        {REPORT: front() + "\n" + "Text. " * 100},
        f"{REPORT}:1",
        "the file is larger than 300 bytes",
        environment={"LAGEBERICHT_MAX_REPORT_BYTES": "300"},
    ),
    "DEFAULT_MAX_DATA_BYTES": Case(
        {
            **_template("{{ zahlen | length }}\n", "data: [zahlen.csv]"),
            DATA: "land,wert\n" + "Kasachstan,1\n" * 1000,
        },
        f"{DATA}:1",
        "the data file is larger than 10 kB",
        environment={"LAGEBERICHT_MAX_DATA_BYTES": "10000"},
    ),
    "MAX_YAML_VALUES": Case(
        {REPORT: front("viele: [" + "x, " * 200 + "]") + "\nText.\n"},
        f"{REPORT}:6",
        "more than 100 values",
        lowered={"lagebericht.load.yaml_tree.MAX_YAML_VALUES": 100},
    ),
    "MAX_YAML_DEPTH": Case(
        {REPORT: front("tief: " + "[" * 150 + "]" * 150) + "\nText.\n"},
        f"{REPORT}:6",
        "nested more than",
    ),
    "MAX_YAML_ALIASES": Case(
        {REPORT: front("a: &a x", "b: [" + "*a, " * 1001 + "]") + "\nText.\n"},
        f"{REPORT}:",
        "uses of aliases",
    ),
    "MAX_LINE_CHARS": Case(
        {REPORT: front(title="x" * 400) + "\nText.\n"}, f"{REPORT}:5", "at most 300 characters"
    ),
    "MAX_TEMPLATE_STEPS": Case(
        _template("a\n{% for i in range(100000) %}{% endfor %}\n"),
        f"{TEMPLATE}:9",
        "loop iterations",
        lowered={"lagebericht.load.template_bounds.MAX_TEMPLATE_STEPS": 5_000},
    ),
    "MAX_TEMPLATE_SECONDS": Case(
        _template("a\n{% for i in range(5000) %}{% endfor %}\n"),
        f"{TEMPLATE}:9",
        "longer than 0 s",
        lowered={"lagebericht.load.template_bounds.MAX_TEMPLATE_SECONDS": 0},
    ),
    "MAX_TEMPLATE_INT_BITS": Case(
        _template("a\n\n{{ 9 ** 99999999 }}\n"), f"{TEMPLATE}:10", "template: not allowed"
    ),
    "MAX_CAPTURED_FACTOR": Case(
        _template("a\n{% set s %}{% for i in range(2000) %}xxxxxxxxxx{% endfor %}{% endset %}\n"),
        f"{TEMPLATE}:9",
        "template",
        environment={"LAGEBERICHT_MAX_REPORT_BYTES": "2000"},
    ),
    "MAX_COPY_WORK": Case(
        _template("a\n\n{{ ('x' | center(1000)) | wordwrap(1, wrapstring='-' * 10000) }}\n"),
        f"{TEMPLATE}:10",
        "template: not allowed",
    ),
    "MAX_OFFICE_BYTES": Case(
        {REPORT: front() + "\nText.\n", OFFICE_FILE: OFFICE + "# padding\n" * 20_000},
        f"{OFFICE_FILE}:1",
        "the office file is larger than 100 kB",
    ),
    "MAX_IMAGE_BYTES": Case(
        {REPORT: _with_figure("bild.png"), "content/2024-07/bild.png": _png(300, 300, "RGB")},
        f"{REPORT}:{FIGURE_LINE}",
        "is larger than",
        lowered={"lagebericht.validate.figures.MAX_IMAGE_BYTES": 100},
    ),
    "MAX_SVG_BYTES": Case(
        {REPORT: _with_figure("karte.svg"), SVG: SVG_HEAD + "<!--" + "x" * 500 + "--></svg>"},
        f"{REPORT}:{FIGURE_LINE}",
        "the SVG file is larger than",
        lowered={"lagebericht.validate.figures.MAX_SVG_BYTES": 300},
    ),
    "MAX_PIXELS": Case(
        {REPORT: _with_figure("bild.png"), "content/2024-07/bild.png": _png(300, 300)},
        f"{REPORT}:{FIGURE_LINE}",
        "pixels",
        lowered={"lagebericht.validate.figures.MAX_PIXELS": 10_000},
    ),
    "MAX_DECODED_IMAGE_BYTES": Case(
        {REPORT: _with_figure("bild.png"), "content/2024-07/bild.png": _png(300, 300, "RGBA")},
        f"{REPORT}:{FIGURE_LINE}",
        "once decoded",
        lowered={"lagebericht.validate.figures.MAX_DECODED_IMAGE_BYTES": 100_000},
    ),
    "MAX_SVG_RASTER_PIXELS": Case(
        {
            REPORT: _with_figure("karte.svg"),
            SVG: SVG_HEAD + '<image xlink:href="bild.png" width="10" height="10"/></svg>',
            "content/2024-07/bild.png": _png(300, 300),
        },
        f"{REPORT}:{FIGURE_LINE}",
        "pixels",
        lowered={"lagebericht.load.svg.MAX_SVG_RASTER_PIXELS": 10_000},
    ),
    "MAX_SVG_ELEMENTS": Case(
        {REPORT: _with_figure("karte.svg"), SVG: SVG_HEAD + "<rect/>\n" * 20 + "</svg>"},
        f"{REPORT}:{FIGURE_LINE}",
        "elements",
        lowered={"lagebericht.load.svg_limits.MAX_SVG_ELEMENTS": 10},
    ),
    "MAX_SVG_NUMBER": Case(
        {REPORT: _with_figure("karte.svg"), SVG: SVG_HEAD + '<rect width="1e300"/></svg>'},
        f"{REPORT}:{FIGURE_LINE}",
        "out of range",
    ),
    "MIN_SVG_SIZE": Case(
        {
            REPORT: _with_figure("karte.svg"),
            SVG: '<svg xmlns="http://www.w3.org/2000/svg" width="0.0000001" height="1"/>',
        },
        f"{REPORT}:{FIGURE_LINE}",
        "no size or one out of range",
    ),
    "MAX_BLOCKS": Case(
        {
            REPORT: front()
            + "\n"
            + "".join(f"- Punkt {i}[^n{i}]\n" for i in range(6))
            + "\n"
            + "".join(f"[^n{i}]: Note.\n\n" for i in range(6))
        },
        f"{REPORT}:13",
        "more than 5 paragraphs, list items",
        lowered={"lagebericht.validate.markdown_source.MAX_BLOCKS": 5},
    ),
    "MAX_INLINE_NESTING": Case(
        {REPORT: front() + "\nText.\n\na" + "*" * 100 + "b" + "*" * 100 + "\n"},
        f"{REPORT}:10",
        "nested more than",
    ),
}

NO_LINE = {
    "MAX_PROBLEMS_PER_FILE": "its message counts the problems left out: it has no line",
}


def test_every_limit_has_a_case() -> None:
    limits = {
        name
        for name in vars(lagebericht.limits)
        if re.match(r"(DEFAULT_)?(MAX|MIN)_", name) and not name.endswith("_VARIABLE")
    }
    limits -= {"DEFAULT_BUILD_MEMORY_MIB"}  # the budget: a whole build, tested in cli
    assert limits == set(CASES) | set(NO_LINE)


@pytest.mark.parametrize("limit", sorted(CASES))
def test_the_message_names_file_and_line(
    limit: str,
    tree: MakeTree,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = CASES[limit]
    root = tree({OFFICE_FILE: OFFICE, **case.files})
    monkeypatch.chdir(root)
    monkeypatch.delenv("LAGEBERICHT_MAX_REPORT_BYTES", raising=False)
    for variable, value in case.environment.items():
        monkeypatch.setenv(variable, value)
    for target, lower in case.lowered.items():
        monkeypatch.setattr(target, lower)
    assert main(["check", "content"]) == 1
    err = capsys.readouterr().err
    where = re.escape(case.where) + (r"\d+" if case.where.endswith(":") else "")
    pattern = rf"^{where}(:\d+)?: (warning: )?.*{re.escape(case.says)}"
    assert re.search(pattern, err, re.MULTILINE), err
    assert "internal error" not in err

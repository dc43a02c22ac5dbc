"""A command loads only the libraries its work needs: each costs start-up time (issue 7).

Every case runs in a fresh interpreter and reads ``sys.modules`` after the work is done.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.files import OFFICE, REPORT

from .conftest import MakeTree

TEMPLATE = REPORT.replace("title: Kazakhstan and the SCO", "title: Monthly") + "{{ 1 + 1 }}\n"

WATCHED = (
    "jinja2",
    "pikepdf",
    "rich",
    "watchfiles",
    "reportlab",
    "markdown_it",
    "concurrent.futures.process",
    "lagebericht.validate.report",
    "lagebericht.model",
    "lagebericht.layout",
    "xml.sax",
)


@pytest.fixture
def content(tree: MakeTree) -> Path:
    return tree(
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/plain.md": REPORT,
            "content/monthly.md.j2": TEMPLATE,
        }
    )


def loaded_after(root: Path, code: str) -> set[str]:
    """Which of :data:`WATCHED` a fresh interpreter has imported after running ``code``."""
    script = (
        "import json, sys\n"
        f"{code}\n"
        f"print(json.dumps([m for m in {WATCHED!r} if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def cli(*args: str) -> str:
    return f"from lagebericht.cli import main\nstatus = main({list(args)!r})\nassert status == 0"


def test_reading_a_plain_report_does_not_load_jinja2(content: Path) -> None:
    read = "from pathlib import Path\nfrom lagebericht.validate import read_report\n"
    plain = loaded_after(content, read + "read_report(Path('content/plain.md'))")
    assert "jinja2" not in plain
    assert "jinja2" in loaded_after(content, read + "read_report(Path('content/monthly.md.j2'))")


def test_building_one_report_loads_no_progress_or_watch_libraries(content: Path) -> None:
    # Not in a terminal (no progress bar), one report (no worker processes). pikepdf writes
    # the structure tree of every PDF (issue 16), with or without --pdfa.
    loaded = loaded_after(content, cli("build", "content/plain.md", "-o", "out", "-j", "2"))
    assert (content / "out/plain.pdf").is_file()
    assert {"reportlab", "lagebericht.layout", "pikepdf"} <= loaded  # a real, tagged build
    assert not loaded & {"rich", "watchfiles", "concurrent.futures.process"}
    # nor xml.sax, whose saxutils imports urllib.request, http.client, ssl and email (older
    # reportlab releases import urllib.request themselves)
    assert "xml.sax" not in loaded


def test_a_build_that_is_up_to_date_loads_neither_validation_nor_layout(content: Path) -> None:
    # (Planning a *.md.j2 report renders its template to find its images: Jinja2.)
    build = cli("build", "content/plain.md", "-o", "out", "-j", "1")
    assert "lagebericht.layout" in loaded_after(content, build)
    assert loaded_after(content, build) == set()


def test_finding_the_images_of_an_up_to_date_report_loads_only_the_markdown_parser(
    content: Path,
) -> None:
    from PIL import Image

    Image.new("RGB", (60, 30), (200, 16, 46)).save(content / "content/map.png")
    (content / "content/plain.md").write_text(REPORT + "\n![A map](map.png)\n")
    build = cli("build", "content/plain.md", "-o", "out", "-j", "1")
    assert "lagebericht.layout" in loaded_after(content, build)
    assert loaded_after(content, build) == {"markdown_it"}


def test_checking_a_report_loads_neither_platypus_nor_the_page_layout(content: Path) -> None:
    # The glyph check needs the fonts' character maps, not the layout that sets pages.
    watched = ("reportlab.platypus", "lagebericht.layout.document", "jinja2")
    script = cli("check", "content/plain.md") + (
        f"\nimport sys\nassert not [m for m in {watched!r} if m in sys.modules], sys.modules.keys()"
    )
    loaded = loaded_after(content, script)
    assert {"lagebericht.model", "lagebericht.layout"} <= loaded  # validated, glyphs checked

"""veraPDF, the reference validator, on built PDFs: PDF/UA-1 for every PDF, PDF/A-2a for
the archive copies, with no failed rule.

The validator is found through ``LAGEBERICHT_VERAPDF`` (the path of its launcher), else as
``verapdf`` on the ``PATH``, else in the workspace's shared tools beside the repository
(``tests/external_tools.py``); it needs Java. Without any the tests are skipped, saying
why: a fresh clone with nothing beside it passes without them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from lagebericht.archive.pdfa import archive_info, to_pdfa
from lagebericht.archive.tagging import render_tagged
from lagebericht.model import Report
from lagebericht.validate import read_report
from tests.archive.conftest import ROOT
from tests.external_tools import beside

ENVIRONMENT = "LAGEBERICHT_VERAPDF"
ON_PATH = "verapdf"
BESIDE = beside("verapdf", "verapdf")
TIMEOUT = 600

# Valid but hostile input: markup and PDF syntax as text, a heading level skipped, notes
# in a table, a list and a quote, a long note over pages, links, a draft with a marking.
HOSTILE = """\
### Eine Überschrift dritter Ebene vor jeder zweiten

<b>fett</b> <font color="red">rot</font> ]]> <!-- c --> %PDF-1.4 /JS (x) \\\\ {{ x }} und
ein [Link](https://example.org/a?b=c&d=<e>) sowie <https://example.org/f>.[^a]

| Land | Wert[^b] |
|---|---:|
| Kasachstan[^c] | 1,5 |
| Usbekistan | 2 |

- **Erstens:** ein Argument[^d]
  1. verschachtelt
  2. noch eins

> Ein Zitat mit Note.[^e]

## Zweite Ebene

"""
HOSTILE_NOTES = "".join(
    f"[^{key}]: Anmerkung {key} mit [Verweis](https://example.org/{key}).\n" for key in "abcde"
)


@pytest.fixture(scope="module")
def tool() -> Path:
    """The veraPDF launcher (skips the tests, before any PDF is built, without it)."""
    given = os.environ.get(ENVIRONMENT) or shutil.which(ON_PATH)
    tool = Path(given) if given else BESIDE
    if not tool.is_file():
        where = (
            f"{ENVIRONMENT}={given}"
            if given
            else f"{ENVIRONMENT} unset, none on PATH, not at {BESIDE}"
        )
        pytest.skip(f"veraPDF not found ({where})")
    if shutil.which("java") is None:
        pytest.skip("veraPDF needs Java, which is not installed")
    return tool


def _failures(tool: Path, flavour: str, pdfs: list[Path]) -> list[str]:
    """veraPDF's verdict per file: the lines of the files that do not pass."""
    done = subprocess.run(
        [str(tool), "-f", flavour, "--format", "text", "-v", *map(str, pdfs)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    lines = done.stdout.splitlines()
    passed = [line for line in lines if line.startswith("PASS ")]
    assert len(passed) + sum(line.startswith("FAIL ") for line in lines) == len(pdfs), (
        done.stdout + done.stderr
    )
    return [line for line in lines if not line.startswith("PASS ")]


def _reports(tmp: Path) -> list[Report]:
    content = [
        *sorted((ROOT / "content").glob("20*/*.md")),
        *sorted((ROOT / "content").glob("20*/*.md.j2")),
        ROOT / "tests" / "goldens" / "sources" / "wasser-zentralasien.md",
    ]
    hostile = tmp / "content" / "2024-07" / "hostile.md"
    hostile.parent.mkdir(parents=True)
    front = (
        "---\ntitle: Feindliche Eingabe\ndate: 2024-07-05\nlanguage: de\ndraft: true\n"
        "classification: Nur für den Dienstgebrauch\n"
        "office: {name: Auslandsbüro Kasachstan, city: Astana}\n---\n\n"
    )
    hostile.write_text(front + HOSTILE + "Text. " * 400 + "\n\n" + HOSTILE_NOTES, "utf-8")
    return [read_report(path).report for path in [*content, hostile]]


@pytest.fixture(scope="module")
def built(tool: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[bool], list[Path]]:
    tmp = tmp_path_factory.mktemp("verapdf")
    reports = _reports(tmp)

    def write(archive: bool) -> list[Path]:
        paths = []
        for index, report in enumerate(reports):
            pdf = render_tagged(report).pdf
            if archive:
                pdf = to_pdfa(pdf, archive_info(report))
            path = tmp / f"{'a' if archive else 'p'}{index}-{report.source.stem}.pdf"
            path.write_bytes(pdf)
            paths.append(path)
        return paths

    return write


def test_every_pdf_passes_pdf_ua_1(tool: Path, built: Callable[[bool], list[Path]]) -> None:
    assert _failures(tool, "ua1", built(False)) == []


def test_every_archive_copy_passes_pdf_a_2a_and_pdf_ua_1(
    tool: Path, built: Callable[[bool], list[Path]]
) -> None:
    archived = built(True)
    assert _failures(tool, "2a", archived) == []
    assert _failures(tool, "ua1", archived) == []

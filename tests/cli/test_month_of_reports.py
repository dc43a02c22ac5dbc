"""The headquarters acceptance run: 100 reports, one broken, two workers, PDF/A, manifest."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

from tests.archive.pikepdf_verdict import verdict
from tests.cli.conftest import MakeTree

OFFICES = {
    "kasachstan": "name: Auslandsbüro Kasachstan\ncity: Astana\n",
    "usbekistan": "name: Auslandsbüro Usbekistan\ncity: Taschkent\n",
}


def report(n: int) -> str:
    office = "kasachstan" if n % 2 else "usbekistan"
    language = ("de", "en", "ru")[n % 3]
    return (
        f"---\ndate: 2024-07-{1 + n % 28:02}\nlanguage: {language}\noffice: {office}\n"
        f"title: Bericht {n}\n---\n\n"
        f"Report number {n}: the member states[^m] met and discussed item {n}.\n\n"
        + "- **Security:** differing priorities.\n- **Economy:** trade and investment.\n\n"
        + "[^m]: The *members* of the organisation.\n"
    )


def test_hundred_reports_one_broken(tree: MakeTree) -> None:
    files = {f"content/offices/{key}.yaml": text for key, text in OFFICES.items()}
    files |= {f"content/2024-07/r{n:03}.md": report(n) for n in range(100)}
    files["content/2024-07/r042.md"] = report(42).replace("title: Bericht 42\n", "")
    root = tree(files)
    cmd = [sys.executable, "-m", "lagebericht", "build", "--jobs", "2", "--pdfa", "--json"]

    first = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=600)
    assert first.returncode == 1
    summary = json.loads(first.stdout)
    assert (summary["built"], summary["failed"]) == (99, 1)
    assert first.stderr.startswith("content/2024-07/r042.md:1:1: title: missing")

    pdfs = sorted((root / "output/2024-07").glob("*.pdf"))
    assert len(pdfs) == 99 and not (root / "output/2024-07/r042.pdf").exists()
    manifest = json.loads((root / "output/manifest.json").read_text())
    entries = {e["output"]: e for e in manifest["reports"]}
    assert len(entries) == 99
    for pdf in pdfs:
        entry = entries[f"2024-07/{pdf.name}"]
        data = pdf.read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["pdfa"] == "2a" and entry["pages"] >= 1
    # pikepdf's PDF/A checker on a sample of each language and office.
    for pdf in pdfs[:6]:
        result = verdict(pdf.read_bytes())
        assert result.passed, (pdf.name, result.summary())

    second = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=600)
    assert second.returncode == 1  # the broken report still fails…
    again = json.loads(second.stdout)
    assert (again["built"], again["up_to_date"], again["failed"]) == (0, 99, 1)  # …nothing else

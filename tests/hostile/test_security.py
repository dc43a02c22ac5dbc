"""Security: output stays in its folder, no network, only web and mail links, no active
content in the PDF."""

from __future__ import annotations

import socket
from pathlib import Path

import pikepdf
import pytest

from lagebericht.cli import main
from tests.hostile.conftest import MakeTree

OFFICE = (
    "name: Auslandsbüro Kasachstan\ncity: Astana\nemail: astana@example.org\n"
    "web: www.example.org/kasachstan\n"
)
REPORT = """\
---
date: 2024-07-05
language: en
office: kasachstan
title: Links
summary: See [the summary link](https://example.org/summary).
---

Text with [a web link](https://example.org/a), [plain http](http://example.org/b) and
[mail](mailto:someone@example.org)[^a]. <a href="javascript:alert(1)">raw HTML</a>.

[^a]: A note with [a link](https://example.org/note).
"""
ALLOWED = ("http://", "https://", "mailto:")
FORBIDDEN_KEYS = {"/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/AA"}


def _scan(pdf: Path) -> tuple[list[str], list[str]]:
    """Every URI in the PDF, and every forbidden key or action found in any object
    (direct objects inside others included)."""
    uris: list[str] = []
    forbidden: list[str] = []
    seen: set[tuple[int, int]] = set()

    def visit(obj: object) -> None:
        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            if obj.objgen in seen:
                return
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Array):
            for item in obj:
                visit(item)
        elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            keys = set(obj.keys())
            forbidden.extend(sorted(keys & FORBIDDEN_KEYS))
            if obj.get("/S") in (pikepdf.Name.JavaScript, pikepdf.Name.Launch):
                forbidden.append(str(obj.get("/S")))
            if "/URI" in keys:
                uris.append(str(obj["/URI"]))
            for key in keys:
                if key != "/Parent":
                    visit(obj[key])

    with pikepdf.open(pdf) as document:
        visit(document.trailer)
        for obj in document.objects:
            visit(obj)
        if "/OpenAction" in document.Root and isinstance(
            document.Root.OpenAction, pikepdf.Dictionary
        ):
            forbidden.append("/OpenAction")
    return uris, forbidden


@pytest.mark.parametrize("pdfa", [False, True], ids=["pdf", "pdfa"])
def test_only_web_and_mail_links_and_no_active_content(
    pdfa: bool, tree: MakeTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree({"content/offices/kasachstan.yaml": OFFICE, "content/r.md": REPORT})
    monkeypatch.chdir(root)
    options = ["--pdfa"] if pdfa else []
    assert main(["build", "content/r.md", "-o", "output", "-j", "1", *options]) == 0
    uris, forbidden = _scan(root / "output/r.pdf")
    assert forbidden == []
    assert uris, "the links must be live"
    assert all(uri.startswith(ALLOWED) for uri in uris), uris
    assert "https://www.example.org/kasachstan" in uris  # the office's web address
    assert "mailto:astana@example.org" in uris
    assert not any("javascript" in uri.lower() for uri in uris)


def test_no_network_at_build_time(tree: MakeTree, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every way out to the network fails; the build does not notice."""
    root = tree({"content/offices/kasachstan.yaml": OFFICE, "content/r.md": REPORT})
    monkeypatch.chdir(root)

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access at build time")

    monkeypatch.setattr(socket, "socket", refused)
    monkeypatch.setattr(socket, "create_connection", refused)
    monkeypatch.setattr(socket, "getaddrinfo", refused)
    assert main(["build", "content/r.md", "-o", "output", "-j", "1", "--pdfa"]) == 0


def test_an_output_subfolder_linking_out_is_refused(
    tree: MakeTree, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tree({"content/offices/kasachstan.yaml": OFFICE, "content/2024-07/r.md": REPORT})
    (root / "elsewhere").mkdir()
    (root / "output").mkdir()
    (root / "output/2024-07").symlink_to(root / "elsewhere")
    monkeypatch.chdir(root)
    assert main(["build", "content", "-o", "output", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert "outside the output folder output" in err
    assert "Traceback" not in err
    assert list((root / "elsewhere").iterdir()) == []


def test_a_pdf_linking_out_is_neither_followed_nor_removed(
    tree: MakeTree, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tree({"content/offices/kasachstan.yaml": OFFICE, "content/r.md": REPORT})
    victim = root / "precious.pdf"
    victim.write_bytes(b"%PDF precious")
    (root / "output").mkdir()
    (root / "output/r.pdf").symlink_to(victim)
    monkeypatch.chdir(root)
    assert main(["build", "content", "-o", "output", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert "outside the output folder" in err and "Traceback" not in err
    assert victim.read_bytes() == b"%PDF precious"


@pytest.mark.parametrize(
    "name", ["..md", "...md", "-o.md", "--force.md", "a b.md", "ü.md", "x.pdf.md", ".hidden.md"]
)
def test_odd_report_names_stay_inside_the_output_folder(
    name: str, tree: MakeTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree({"content/offices/kasachstan.yaml": OFFICE, f"content/sub/{name}": REPORT})
    monkeypatch.chdir(root)
    main(["build", "content", "-o", "output", "-j", "1"])
    written = [p for p in root.rglob("*.pdf") if not p.is_relative_to(root / "output")]
    assert written == []

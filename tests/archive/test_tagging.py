"""Every PDF is tagged: its structure tree in the source's order, marked content, artifacts."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pikepdf import Array, Name

from lagebericht.archive.pdfa import NotArchivableError, archive_info, to_pdfa
from lagebericht.archive.tagging import render_tagged
from lagebericht.layout import render, render_pdf
from lagebericht.model import Block, Figure, Report, Section
from lagebericht.theme import Theme, load_theme
from lagebericht.validate import read_report
from tests.archive.conftest import ROOT, SEED
from tests.archive.structure_tree import Node, document, expected_roles, lists
from tests.archive.test_verapdf import HOSTILE, HOSTILE_NOTES

RICH = ROOT / "content" / "2024-09" / "astana-wasser.md"
REPORTS = [SEED, RICH, ROOT / "content" / "2024-07" / "astana-sco.de.md"]


def _tagged(path: Path) -> tuple[Report, bytes]:
    report = read_report(path).report
    return report, render_tagged(report).pdf


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_the_structure_follows_the_source_block_by_block(path: Path) -> None:
    report, pdf = _tagged(path)
    tree = document(pdf)
    assert tree.role == "Document"
    assert [kid.role for kid in tree.elements] == expected_roles(report)


def test_the_seed_has_its_lists_of_three_arguments_and_notes_after_references(
    seed_report: Report, seed_pdf: bytes
) -> None:
    tree = document(seed_pdf)
    found = [kid for kid in tree.elements if kid.role == "L"]
    assert [len(node.elements) for node in found] == [
        len(block.items) for block in lists(seed_report.body)
    ]
    assert len(found[0].elements) == 3
    for item in (li for node in found for li in node.elements):
        assert [kid.role for kid in item.elements] == ["Lbl", "LBody"]
    notes = [node for node in tree.walk() if node.role == "Note"]
    assert len(notes) == len(seed_report.footnotes)
    for note in notes:
        assert note.identifier is not None
        number = int(note.identifier.removeprefix("note-"))
        parent = next(node for node in tree.walk() if note in node.elements)
        links = [kid for kid in parent.elements if kid.role == "Link"]
        reference = next(link for link in links if link.links[0].startswith(f"{number}:"))
        # The note comes right after the link that references it.
        assert parent.elements.index(note) == parent.elements.index(reference) + 1


def _marked_text(pdf: bytes) -> dict[tuple[int, int], bytes]:
    """The text shown in each marked-content sequence of each page's own content, by
    (page, MCID)."""
    found: dict[tuple[int, int], bytes] = {}
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for index, page in enumerate(doc.pages):
            mcid: int | None = None
            for step in pikepdf.parse_content_stream(page.obj):
                name = str(step.operator)
                if name == "BDC" and "/MCID" in step.operands[1]:
                    mcid = int(step.operands[1].MCID)
                    found[index, mcid] = b""
                elif name == "EMC":
                    mcid = None
                elif name == "Tj" and mcid is not None:
                    found[index, mcid] += bytes(step.operands[0])
    return found


def test_markers_and_note_numbers_are_labels_of_their_own(seed_pdf: bytes) -> None:
    tree = document(seed_pdf)
    items = [node for node in tree.walk() if node.role == "LI"]
    notes = [node for node in tree.walk() if node.role == "Note"]
    assert items and notes
    # The marks of an item (a note) begin as its label's and go on as its body's: no
    # empty sequence of the body before the label.
    for item in items:
        marker, body = item.elements
        assert (marker.role, body.role) == ("Lbl", "LBody")
        (mcid,) = marker.kids
        assert isinstance(mcid, int) and body.kids[0] == mcid + 1
    for note in notes:
        label, mcid, *_ = note.kids
        assert isinstance(label, Node) and label.role == "Lbl"
        assert isinstance(mcid, int) and label.kids == [mcid - 1]


def test_a_links_text_is_the_content_of_its_link_element(seed_pdf: bytes) -> None:
    tree = document(seed_pdf)
    text = _marked_text(seed_pdf)
    references = [
        (parent, link)
        for parent in tree.walk()
        for link in parent.elements
        if link.role == "Link" and parent.role == "P" and link.links[0][0].isdigit()
    ]
    assert references
    for parent, link in references:
        (mcid,) = [kid for kid in link.kids if isinstance(kid, int)]
        (contents,) = link.links
        number = contents.split(":")[0]
        # The superscript number is the link's content, not its paragraph's.
        assert number.encode() in {value for (_, m), value in text.items() if m == mcid}
        position = parent.kids.index(link)
        assert isinstance(parent.kids[position - 1], int)  # the text before it…
        assert parent.kids[position + 1] == next(
            note for note in parent.elements if note.role == "Note"
        )
        assert any(isinstance(kid, int) for kid in parent.kids[position + 1 :])  # …and after


def _hostile(tmp: Path) -> Path:
    """The validator's hostile report: links in notes (drawn in the page's notes form),
    in a table, a list and a quote, a note over pages."""
    source = tmp / "content" / "2024-07" / "hostile.md"
    source.parent.mkdir(parents=True)
    front = (
        "---\ntitle: Feindliche Eingabe\ndate: 2024-07-05\nlanguage: de\n"
        "office: {name: Auslandsbüro Kasachstan, city: Astana}\n---\n\n"
    )
    source.write_text(front + HOSTILE + "Text. " * 400 + "\n\n" + HOSTILE_NOTES, "utf-8")
    return source


@pytest.mark.parametrize("path", [*REPORTS, None], ids=lambda p: p.name if p else "hostile")
def test_every_link_has_its_text_and_its_annotation(path: Path | None, tmp_path: Path) -> None:
    tree = document(_tagged(path or _hostile(tmp_path))[1])
    links = [node for node in tree.walk() if node.role == "Link"]
    assert links
    for link in links:
        assert any(isinstance(kid, int) for kid in link.kids), link
        assert link.links, link  # the OBJR of its annotation(s)
    if path is None:  # the URLs in the notes too
        notes = [node for node in tree.walk() if node.role == "Note"]
        assert all(any(kid.role == "Link" for kid in note.walk()) for note in notes)


def test_two_links_to_one_address_on_a_line_are_two_links(tmp_path: Path) -> None:
    source = tmp_path / "content" / "2024-07" / "links.md"
    source.parent.mkdir(parents=True)
    source.write_text(
        "---\ntitle: Links\ndate: 2024-07-05\nlanguage: de\n"
        "office: {name: Auslandsbüro Kasachstan, city: Astana}\n---\n\n"
        "Siehe [hier](https://example.org/) und [dort](https://example.org/).\n",
        "utf-8",
    )
    paragraph = [n for n in document(_tagged(source)[1]).elements if n.role == "P"][-1]
    links = [kid for kid in paragraph.elements if kid.role == "Link"]
    # Each its own text and annotation: not one box over both and the text between.
    assert [len(link.links) for link in links] == [1, 1]
    assert all(isinstance(link.kids[0], int) for link in links)


def test_marked_content_never_nests_and_text_objects_lie_within_marks(seed_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(seed_pdf)) as doc:
        streams: list[pikepdf.Object] = [page.obj for page in doc.pages]
        streams += [x for page in doc.pages for x in page.Resources.get("/XObject", {}).values()]
        for stream in streams:
            marks: list[bool] = []  # the open sequences: has it an MCID?
            text_at: int | None = None  # how many were open at the text object's BT
            for step in pikepdf.parse_content_stream(stream):
                name = str(step.operator)
                if name in ("BDC", "BMC"):
                    identified = name == "BDC" and "/MCID" in step.operands[1]
                    assert not (identified and any(marks)), "an MCID inside another's"
                    marks.append(identified)
                elif name == "EMC":
                    assert text_at is None or len(marks) > text_at, "EMC of a mark outside BT"
                    marks.pop()
                elif name == "BT":
                    text_at = len(marks)
                elif name == "ET":
                    assert len(marks) == text_at, "a mark begun in a text object is open"
                    text_at = None
            assert marks == []


def test_the_rich_example_tags_tables_figures_and_quotes() -> None:
    _, pdf = _tagged(RICH)
    nodes = list(document(pdf).walk())
    roles = [node.role for node in nodes]
    for role in ("Table", "THead", "TBody", "TR", "TH", "TD", "Figure", "Caption", "BlockQuote"):
        assert role in roles
    for node in nodes:
        if node.role == "TH":
            assert node.scope == "/Column"
        if node.role == "Figure":
            assert node.alt and node.alt.strip()  # the caption's text, unless the model has one
        if node.role == "TR":
            assert {kid.role for kid in node.elements} <= {"TH", "TD"}


def test_every_marked_content_is_in_the_parent_tree_and_back(seed_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(seed_pdf)) as doc:
        root = doc.Root.StructTreeRoot
        nums = list(root.ParentTree.Nums)
        parents = {int(key): value for key, value in zip(nums[::2], nums[1::2], strict=True)}
        assert bool(doc.Root.MarkInfo.Marked)
        assert bool(doc.Root.ViewerPreferences.DisplayDocTitle)
        assert str(doc.Root.Lang) == "en"
        streams: list[tuple[int, pikepdf.Object]] = []
        for page in doc.pages:
            assert page.obj.Tabs == Name.S
            streams.append((int(page.obj.StructParents), page.obj))
            for xobject in page.Resources.get("/XObject", {}).values():
                if "/StructParents" in xobject:
                    streams.append((int(xobject.StructParents), xobject))
            for annotation in page.obj.get("/Annots", Array()):
                assert str(annotation.Contents)
                link = parents[int(annotation.StructParent)]
                assert Name.Link == link.S
        for key, stream in streams:
            mcids = _mcids(stream)
            assert mcids == list(range(len(mcids)))
            assert len(parents[key]) == len(mcids)
            for element in parents[key]:
                assert element.Type == Name.StructElem


def _mcids(stream: pikepdf.Object) -> list[int]:
    return [
        int(step.operands[1].MCID)
        for step in pikepdf.parse_content_stream(stream)
        if step.operator == pikepdf.Operator("BDC") and "/MCID" in step.operands[1]
    ]


_PAINTS = {"Tj", "TJ", "'", '"', "Do", "re", "S", "f", "F", "f*", "B", "b", "sh"}


def _unmarked(stream: pikepdf.Object) -> list[str]:
    """Operators that draw something outside any marked content (nor inside a form)."""
    depth, found = 0, []
    for step in pikepdf.parse_content_stream(stream):
        name = str(step.operator)
        if name in ("BDC", "BMC"):
            depth += 1
        elif name == "EMC":
            depth -= 1
        elif name in _PAINTS and depth == 0:
            found.append(name)
    return found


def test_nothing_is_drawn_outside_marked_content(seed_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(seed_pdf)) as doc:
        for page in doc.pages:
            # A page's forms (furniture, notes) are shown unmarked: they mark inside.
            assert [op for op in _unmarked(page.obj) if op != "Do"] == []
            for xobject in page.Resources.get("/XObject", {}).values():
                assert _unmarked(xobject) in ([], ["Do"])  # the page number's own form


def test_page_furniture_is_an_artifact(seed_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(seed_pdf)) as doc:
        furniture = doc.pages[1].Resources.XObject["/FormXob.lb-furniture-2"]
        kinds = [
            str(step.operands[1].get("/Subtype", step.operands[1].get("/Type")))
            for step in pikepdf.parse_content_stream(furniture)
            if step.operator == pikepdf.Operator("BDC")
        ]
    assert kinds == ["/Header", "/Footer"]


def test_the_structure_is_appended_to_the_layouts_pdf(seed_report: Report) -> None:
    rendered = render(seed_report)
    tagged = render_tagged(seed_report).pdf
    assert tagged.startswith(rendered.pdf) and tagged.count(b"%%EOF") == 2
    with pikepdf.open(io.BytesIO(tagged)) as doc:
        assert doc.check_pdf_syntax() == []
        assert "/StructTreeRoot" in doc.Root


def test_a_plain_build_declares_pdf_ua_only(seed_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(seed_pdf)) as doc:
        xmp = ET.fromstring(doc.Root.Metadata.read_bytes())
    namespaces = {"pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}
    assert xmp.findtext(".//pdfuaid:part", namespaces=namespaces) == "1"
    assert b"pdfaid:" not in ET.tostring(xmp)


def test_the_archive_copy_declares_both_levels(archived: bytes) -> None:
    with pikepdf.open(io.BytesIO(archived)) as doc:
        text = doc.Root.Metadata.read_bytes().decode()
        assert "/StructTreeRoot" in doc.Root
    assert re.search(r"<pdfaid:part>2</pdfaid:part>\s*<pdfaid:conformance>A<", text)
    assert "<pdfuaid:part>1</pdfuaid:part>" in text
    assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in text


def test_an_untagged_pdf_is_not_archived(seed_report: Report) -> None:
    with pytest.raises(NotArchivableError, match="not tagged"):
        to_pdfa(render_pdf(seed_report), archive_info(seed_report))


def test_untagged_layout_draws_no_marks(seed_report: Report) -> None:
    # What the benchmark compares against: the same pages without any tagging work.
    plain = render(seed_report, tagged=False)
    assert plain.structure is None
    assert b"BDC" not in _contents(plain.pdf)
    assert b"BDC" in _contents(render(seed_report).pdf)


def _contents(pdf: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return b"".join(page.obj.Contents.read_bytes() for page in doc.pages)


def test_a_table_over_pages_has_its_header_once_and_repeats_it_as_artifact(
    tmp_path: Path,
) -> None:
    rows = "".join(f"| Region {i} | {i * 1000} |\n" for i in range(1, 90))
    source = tmp_path / "content" / "2024-09" / "tabelle.md"
    source.parent.mkdir(parents=True)
    source.write_text(
        "---\ntitle: Tabelle\ndate: 2024-09-12\nlanguage: de\n"
        "office: {name: Auslandsbüro Kasachstan, city: Astana}\n---\n\n"
        f"| Gebiet | Einwohner |\n|---|---|\n{rows}",
        encoding="utf-8",
    )
    pdf = render_tagged(read_report(source).report).pdf
    (table,) = [node for node in document(pdf).walk() if node.role == "Table"]
    headers = [node for node in table.walk() if node.role == "TH"]
    assert [len(node.kids) for node in headers] == [1, 1]  # drawn for the first page only
    assert sum(node.role == "TD" for node in table.walk()) == 2 * 89
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) > 1
        repeated = doc.pages[1].obj.Contents.read_bytes()
    assert repeated.count(b"/Artifact <</Type /Pagination>> BDC") == 2


def _with_figures(report: Report, **changes: object) -> Report:
    """``report`` with ``changes`` on every figure: the attributes the figure syntax's
    text alternative gives the model (issue 16, point 2)."""

    def blocks(items: tuple[Block, ...]) -> tuple[Block, ...]:
        out: list[Block] = []
        for block in items:
            if isinstance(block, Figure):
                block = block.model_copy(update=changes)
            elif isinstance(block, Section):
                block = block.model_copy(update={"blocks": blocks(block.blocks)})
            out.append(block)
        return tuple(out)

    return report.model_copy(update={"body": blocks(report.body)})


@pytest.mark.parametrize(
    ("changes", "alts"),
    [
        ({"alt_text": "Ein Stausee bei Niedrigwasser"}, {"Ein Stausee bei Niedrigwasser"}),
        ({"decorative": True}, set()),
    ],
)
def test_the_models_alternative_text_wins_and_decorative_images_are_artifacts(
    changes: dict[str, object], alts: set[str]
) -> None:
    report = _with_figures(read_report(RICH).report, **changes)
    nodes = list(document(render_tagged(report).pdf).walk())
    assert {node.alt for node in nodes if node.role == "Figure"} == alts
    # Captions stay content: the three figures' and the table's.
    assert sum(node.role == "Caption" for node in nodes) == 4


def _languages(report: Report, theme: Theme | None = None) -> tuple[str, list[Node]]:
    """The document's /Lang and the elements that have one of their own."""
    pdf = render_tagged(report, theme).pdf
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        language = str(doc.Root.Lang)
    return language, [node for node in document(pdf).walk() if node.lang is not None]


def test_parts_in_the_reports_language_have_no_lang_of_their_own(seed_report: Report) -> None:
    assert _languages(seed_report.model_copy(update={"label": None})) == ("en", [])


def test_labels_a_theme_lacks_for_the_reports_language_are_tagged_as_english(
    seed_report: Report,
) -> None:
    # The default theme has no French labels: label and imprint (licence too) in English.
    french = seed_report.model_copy(update={"language": "fr", "label": None})
    language, parts = _languages(french)
    assert language == "fr"
    assert [(node.role, node.lang) for node in parts] == [("P", "en"), ("Sect", "en")]
    label = document(render_tagged(french).pdf).elements[0]
    assert parts[0] == label  # the header block's label and office
    # A label of the front matter is the report's own.
    _, parts = _languages(french.model_copy(update={"label": "Rapport"}))
    assert [(node.role, node.lang) for node in parts] == [("Sect", "en")]


def test_caption_labels_a_theme_lacks_for_the_reports_language_are_english_spans() -> None:
    # No French labels: "Figure 1:" and "Table 1:" are English inside French captions.
    french = read_report(RICH).report.model_copy(update={"language": "fr"})
    pdf = render_tagged(french).pdf
    shown: dict[tuple[int, str, int], str] = {}  # page, tag, MCID (a form has its own)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for index, page in enumerate(doc.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    key = (index, char["tag"], char["mcid"])
                    shown[key] = shown.get(key, "") + char["text"]
    captions = [node for node in document(pdf).walk() if node.role == "Caption"]
    labels = []
    for caption in captions:
        span, rest, *_ = caption.kids
        assert isinstance(span, Node) and (span.role, span.lang) == ("Span", "en")
        assert span.page is not None and caption.page == span.page
        (mcid,) = span.kids
        assert isinstance(mcid, int) and isinstance(rest, int) and caption.page is not None
        labels.append(shown[span.page, "Span", mcid])
        assert shown[caption.page, "Caption", rest].strip()  # the caption's own text
    assert sorted(labels) == ["Figure 1:", "Figure 2:", "Figure 3:", "Table 1:"]
    # A figure without a caption: its alternative text is the label, in its language.
    figures = [
        node
        for node in document(
            render_tagged(_with_figures(french, caption=(), alt_text=None)).pdf
        ).walk()
        if node.role == "Figure"
    ]
    assert [(node.alt, node.lang) for node in figures] == [
        (f"Figure {number}", "en") for number in (1, 2, 3)
    ]
    # In the report's own language, or with French labels, no Span.
    for report, theme in ((french.model_copy(update={"language": "de"}), None), (french, _fr())):
        pdf = render_tagged(report, theme).pdf
        assert not [node for node in document(pdf).walk() if node.role == "Span"]


def _fr() -> Theme:
    theme = load_theme()
    french = theme.labels["en"].model_copy(update={"figure": "Figure", "table": "Tableau"})
    return theme.model_copy(update={"labels": {**theme.labels, "fr": french}})


def test_a_licence_line_in_another_language_is_tagged_with_it(seed_report: Report) -> None:
    # French labels, but the licence template has no French text: it falls back to English.
    theme = load_theme()
    french_labels = theme.labels["en"].model_copy(update={"imprint": "Mentions légales"})
    theme = theme.model_copy(update={"labels": {**theme.labels, "fr": french_labels}})
    french = seed_report.model_copy(update={"language": "fr", "label": None})
    _, parts = _languages(french, theme)
    (licence,) = parts
    assert (licence.role, licence.lang) == ("P", "en")
    imprint = document(render_tagged(french, theme).pdf).elements[-1]
    assert imprint.role == "Sect" and imprint.elements[-1] == licence

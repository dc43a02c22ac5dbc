"""Laid-out PDF + its structure → a tagged PDF (PDF/UA-1), with pikepdf; same bytes each run.

The layout stage draws every piece of real content inside ``BDC``/``EMC`` marks with an
MCID and everything else as an artifact, and hands over the
:class:`~lagebericht.layout.structure.StructureTree` the marks belong to. Here it becomes
the PDF's logical structure:

- the StructTreeRoot with the elements in reading order (Document, H1…H3, P, L/LI/LBody,
  Table/THead/TBody/TR/TH/TD, Figure with /Alt, Caption, BlockQuote, Note with its /ID,
  Link with the object reference of its annotation), its ParentTree and IDTree;
- /StructParents on every page and /StructParent on every link annotation, which also
  gets its description (/Contents);
- /MarkInfo, /Tabs /S on every page, DisplayDocTitle, /Lang;
- the XMP metadata with the PDF/UA identification (and the Info entries to match).

The changes are appended to the layout's PDF as an incremental update (its bytes stay as
they are): writing the whole file again with qpdf took more than the 10 % of a build that
tagging may cost (issue 16); :func:`~lagebericht.archive.pdfa.to_pdfa` writes the archive
copy whole, as before.

Heading levels never skip in the tree (a ``###`` before any ``##`` becomes H2), as in the
bookmarks. An element nothing of which reached the page is left out.
"""

from __future__ import annotations

import dataclasses
import io
from typing import TYPE_CHECKING

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, String

from lagebericht.archive.info import ArchiveError, ArchiveInfo
from lagebericht.archive.pdfa import archive_info, set_metadata
from lagebericht.layout.structure import Annotation, ContentPiece, Element, StructureTree
from lagebericht.model import Report
from lagebericht.theme import Theme

if TYPE_CHECKING:
    from lagebericht.layout.document import RenderedPdf


def render_tagged(report: Report, theme: Theme | None = None) -> RenderedPdf:
    """``report`` laid out (default theme unless given) as a tagged PDF: what a build
    writes without ``--pdfa``."""
    from lagebericht.layout import render  # reportlab: slow to import

    return with_structure(render(report, theme), report)


def with_structure(rendered: RenderedPdf, report: Report) -> RenderedPdf:
    """The laid-out ``report`` with its structure written into its PDF."""
    if rendered.structure is None:
        raise ArchiveError("the layout drew no structure to tag the PDF with")
    pdf = tag_pdf(rendered.pdf, rendered.structure, archive_info(report))
    return dataclasses.replace(rendered, pdf=pdf, structure=None)


def tag_pdf(pdf: bytes, structure: StructureTree, info: ArchiveInfo) -> bytes:
    """``pdf`` (as the layout wrote it, with the marks of ``structure``) as a tagged PDF
    with the metadata of ``info``. Raises :class:`ArchiveError` for an unreadable PDF."""
    try:
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            size = int(doc.trailer.Size)
            changed = write_structure(doc, structure)
            set_metadata(doc, info.resolve(doc), pdfa_level=None)
            return pdf + _update(doc, pdf, size, changed)
    except pikepdf.PdfError as err:
        raise ArchiveError(f"not a readable PDF: {err}") from err


def _update(doc: Pdf, pdf: bytes, size: int, changed: set[int]) -> bytes:
    """An incremental update of ``pdf`` (ISO 32000-1, 7.5.6): the objects numbered from
    ``size`` on (new) and those in ``changed``, a cross-reference section for them and a
    trailer. A quarter of the time qpdf takes to write the whole file again, and the
    same bytes for the same input."""
    previous = int(pdf.rstrip().rsplit(b"startxref", 1)[1].split()[0])
    out = bytearray()
    offsets: dict[int, int] = {}
    for obj in doc.objects:
        number = obj.objgen[0]
        if number < size and number not in changed:
            continue
        offsets[number] = len(pdf) + len(out)
        out += b"%d 0 obj\n" % number
        if isinstance(obj, pikepdf.Stream):
            raw = obj.read_raw_bytes()
            head = Dictionary(dict(obj.stream_dict.items()))
            head.Length = len(raw)
            out += head.unparse() + b"\nstream\n" + raw + b"\nendstream"
        else:
            out += obj.unparse(resolved=True)
        out += b"\nendobj\n"
    xref = len(pdf) + len(out)
    out += b"xref\n"
    numbers = sorted(offsets)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] + 1 == number:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        out += b"%d %d\n" % (run[0], len(run))
        out += b"".join(b"%010d 00000 n\r\n" % offsets[number] for number in run)
    trailer = Dictionary(dict(doc.trailer.items()))
    trailer.Size = max(size, numbers[-1] + 1)
    trailer.Prev = previous
    out += b"trailer\n" + trailer.unparse() + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def write_structure(doc: Pdf, structure: StructureTree) -> set[int]:
    """Add ``structure`` to ``doc`` as its structure tree (see the module's description);
    the numbers of the objects that were there and are changed."""
    writer = _StructureWriter(doc, structure)
    writer.write()
    return writer.changed


class _StructureWriter:
    def __init__(self, doc: Pdf, structure: StructureTree) -> None:
        self.doc = doc
        self.structure = structure
        self.pages = [page.obj for page in doc.pages]
        # The element of each MCID, by ParentTree key: a page's own content has the
        # page's index, a form of the page (layout/canvas.py) and each annotation a key
        # after the pages'.
        self.marked: dict[int, dict[int, Dictionary]] = {}
        self.annotations: dict[int, Dictionary] = {}
        self.forms: dict[tuple[int, str], int] = {}
        self.next_key = len(self.pages)
        # The catalog, every page; the annotations and forms given a key.
        self.changed = {doc.Root.objgen[0], *(page.objgen[0] for page in self.pages)}
        self.ids: list[tuple[str, Dictionary]] = []
        self.heading = 1  # the title is the H1

    def write(self) -> None:
        doc = self.doc
        self._check_annotations()
        root = doc.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        tree = self.structure.root
        for _, note in sorted(self.structure.notes.items()):
            if note.parent is None and note.has_content:  # drawn, its reference was not
                note.parent = tree
                tree.kids.append(note)
        document = self._element(tree, root)
        root.K = Array([document])
        entries: dict[int, object] = dict(self.annotations)
        for key, mcids in self.marked.items():
            entries[key] = Array([mcids[mcid] for mcid in range(len(mcids))])
        nums = Array()
        for key, entry in sorted(entries.items()):
            nums.append(key)
            nums.append(entry)
        root.ParentTree = doc.make_indirect(Dictionary(Nums=nums))
        root.ParentTreeNextKey = self.next_key
        if self.ids:
            names = Array()
            for identifier, element in sorted(self.ids, key=lambda pair: pair[0]):
                names.append(String(identifier))
                names.append(element)
            root.IDTree = doc.make_indirect(Dictionary(Names=names))
        catalog = doc.Root
        catalog.StructTreeRoot = root
        catalog.MarkInfo = Dictionary(Marked=True)
        preferences = catalog.get("/ViewerPreferences", Dictionary())
        preferences.DisplayDocTitle = True
        catalog.ViewerPreferences = preferences
        for index, page_object in enumerate(self.pages):
            page_object.Tabs = Name.S
            if index in self.marked:
                page_object.StructParents = index

    def _check_annotations(self) -> None:
        """Every annotation of every page is a link the layout recorded, in order."""
        counts = self.structure.annotation_counts()
        for index, page in enumerate(self.pages):
            found = len(page.get("/Annots", Array()))
            if found != counts.get(index, 0):
                raise ArchiveError(
                    f"page {index + 1} has {found} annotations, the layout recorded "
                    f"{counts.get(index, 0)} links"
                )

    def _element(self, element: Element, parent: Dictionary) -> Dictionary:
        role = self._role(element)
        node = self.doc.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name("/" + role), P=parent)
        )
        if element.alt is not None:
            node.Alt = String(element.alt)
        if element.lang is not None:
            node.Lang = String(element.lang)
        if element.scope is not None:
            node.A = Dictionary(O=Name.Table, Scope=Name("/" + element.scope))
        if element.note is not None:
            identifier = f"note-{element.note}"
            node.ID = String(identifier)
            self.ids.append((identifier, node))
        kids = Array()
        page: int | None = None
        for kid in element.kids:
            if isinstance(kid, Element):
                if kid.has_content:
                    kids.append(self._element(kid, node))
            elif isinstance(kid, ContentPiece):
                self.marked.setdefault(self._key(kid), {})[kid.mcid] = node
                if page is None:
                    page = kid.page
                    node.Pg = self.pages[page]
                if kid.form is not None:
                    form = self._form(kid.page, kid.form)
                    kids.append(
                        Dictionary(Type=Name.MCR, Pg=self.pages[kid.page], Stm=form, MCID=kid.mcid)
                    )
                elif kid.page == page:
                    kids.append(kid.mcid)
                else:
                    kids.append(Dictionary(Type=Name.MCR, Pg=self.pages[kid.page], MCID=kid.mcid))
            else:
                kids.append(self._link(kid, node))
        node.K = kids
        return node

    def _key(self, piece: ContentPiece) -> int:
        """The ParentTree key of the content stream ``piece`` is drawn in."""
        if piece.form is None:
            return piece.page
        key = self.forms.get((piece.page, piece.form))
        if key is None:
            key = self.forms[piece.page, piece.form] = self.next_key
            self.next_key += 1
            form = self._form(piece.page, piece.form)
            form.StructParents = key
            self.changed.add(form.objgen[0])
        return key

    def _form(self, page: int, name: str) -> pikepdf.Object:
        """The form XObject ``name`` of ``page`` (reportlab calls it ``FormXob.name``)."""
        try:
            return self.pages[page].Resources.XObject["/FormXob." + name]
        except (AttributeError, KeyError) as err:
            raise ArchiveError(f"page {page + 1} has no form {name}") from err

    def _role(self, element: Element) -> str:
        """The element's role; a heading at most one level below the one before."""
        role = element.role
        if len(role) == 2 and role[0] == "H" and role[1].isdigit():
            level = min(int(role[1]), self.heading + 1) if role != "H1" else 1
            self.heading = level
            return f"H{level}"
        return role

    def _link(self, kid: Annotation, link: Dictionary) -> Dictionary:
        page = self.pages[kid.page]
        annotation = page.Annots[kid.index]
        key = self.next_key
        self.next_key += 1
        self.annotations[key] = link
        annotation.StructParent = key
        annotation.Contents = String(kid.contents)
        self.changed.add(annotation.objgen[0])
        return Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page)


__all__ = ["render_tagged", "tag_pdf", "with_structure", "write_structure"]

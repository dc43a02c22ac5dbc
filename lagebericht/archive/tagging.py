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

pikepdf reads the layout's PDF and changes its pages, annotations, forms and metadata; the
structure's own objects are written as text. Both are appended to the layout's PDF as an
incremental update (its bytes stay as they are): writing the whole file again with qpdf,
or building the elements as qpdf objects, cost more than the 10 % of a build that tagging
may cost (issue 16, benchmarks/README.md); :func:`~lagebericht.archive.pdfa.to_pdfa`
writes the archive copy whole, as before.

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
            set_metadata(doc, info.resolve(doc), pdfa_level=None)
            first = max(size, *(obj.objgen[0] + 1 for obj in doc.objects))
            writer = _StructureWriter(doc, structure, first)
            writer.write()
            return _updated(doc, pdf, size, writer)
    except pikepdf.PdfError as err:
        raise ArchiveError(f"not a readable PDF: {err}") from err


def _updated(doc: Pdf, pdf: bytes, size: int, writer: _StructureWriter) -> bytes:
    """``pdf`` with an incremental update (ISO 32000-1, 7.5.6): the objects qpdf made from
    ``size`` on (the metadata), those the writer changed and the structure's own objects,
    a cross-reference section for them and a trailer. Far less work than writing the
    whole file again, and the same bytes for the same input. Joined once from blocks of
    objects, each object's text dropped once in its block: a long report's structure
    is tens of megabytes, not to be held in several large copies at once."""
    previous = int(pdf.rstrip().rsplit(b"startxref", 1)[1].split()[0])
    objects: dict[int, bytes] = {}
    for obj in doc.objects:
        number = obj.objgen[0]
        if number < size and number not in writer.changed:
            continue
        if isinstance(obj, pikepdf.Stream):
            raw = obj.read_raw_bytes()
            head = Dictionary(dict(obj.stream_dict.items()))
            head.Length = len(raw)
            objects[number] = head.unparse() + b"\nstream\n" + raw + b"\nendstream"
        else:
            objects[number] = obj.unparse(resolved=True)
    catalog = doc.Root.objgen[0]
    # The catalog points to the structure tree, an object qpdf does not know of.
    objects[catalog] = objects[catalog].rstrip()[:-2] + b" /StructTreeRoot %d 0 R >>" % (
        writer.root
    )
    objects.update(writer.objects)
    writer.objects.clear()
    # In blocks of objects: a join over hundreds of thousands of pieces holds a buffer
    # description for each (80 bytes) while it copies them.
    out = [pdf]
    at = len(pdf)
    offsets: dict[int, int] = {}
    block: list[bytes] = []
    for number in sorted(objects):
        offsets[number] = at
        block.append(b"%d 0 obj\n%s\nendobj\n" % (number, objects.pop(number)))
        at += len(block[-1])
        if len(block) == _BLOCK:
            out.append(b"".join(block))
            block = []
    out.append(b"".join(block))
    xref = at
    out.append(b"xref\n")
    runs: list[list[int]] = []
    for number in sorted(offsets):
        if runs and runs[-1][-1] + 1 == number:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        out.append(b"%d %d\n" % (run[0], len(run)))
        out.append(b"".join(b"%010d 00000 n\r\n" % offsets[number] for number in run))
    trailer = Dictionary(dict(doc.trailer.items()))
    trailer.Size = max(size, max(offsets) + 1)
    trailer.Prev = previous
    out.append(b"trailer\n" + trailer.unparse() + b"\nstartxref\n%d\n%%%%EOF\n" % xref)
    return b"".join(out)


_BLOCK = 1024  # objects joined at a time


def _text(value: str) -> bytes:
    """A PDF text string: UTF-16BE with its byte order mark, in hex (any character)."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _ref(number: int) -> bytes:
    return b"%d 0 R" % number


class _StructureWriter:
    """The structure tree as PDF objects of its own (numbered from ``first``), written as
    text: building them as qpdf objects took most of the time tagging costs. The pages,
    annotations and forms it refers to are changed in ``doc`` (see :attr:`changed`)."""

    def __init__(self, doc: Pdf, structure: StructureTree, first: int) -> None:
        self.doc = doc
        self.structure = structure
        self.pages = [page.obj for page in doc.pages]
        self.page_numbers = [page.objgen[0] for page in self.pages]
        self.next_number = first
        self.objects: dict[int, bytes] = {}
        # The element of each MCID, by ParentTree key: a page's own content has the
        # page's index, a form of the page (layout/canvas.py) and each annotation a key
        # after the pages'.
        self.marked: dict[int, dict[int, int]] = {}
        self.annotations: dict[int, int] = {}
        self.forms: dict[tuple[int, str], int] = {}
        self.next_key = len(self.pages)
        self.ids: list[tuple[str, int]] = []
        self.heading = 1  # the title is the H1
        # The catalog, every page; the annotations and forms given a key.
        self.changed = {doc.Root.objgen[0], *self.page_numbers}
        self.root = self._number()

    def _number(self) -> int:
        number = self.next_number
        self.next_number += 1
        return number

    def write(self) -> None:
        self._check_annotations()
        tree = self.structure.root
        for _, note in sorted(self.structure.notes.items()):
            if note.parent is None and note.has_content:  # drawn, its reference was not
                note.parent = tree
                tree.kids.append(note)
        document = self._element(tree, self.root)
        nums = []
        for key in sorted([*self.marked, *self.annotations]):
            if key in self.annotations:
                entry = _ref(self.annotations[key])
            else:
                mcids = self.marked[key]
                entry = b"[" + b" ".join(_ref(mcids[m]) for m in range(len(mcids))) + b"]"
            nums.append(b"%d %s" % (key, entry))
        parent_tree = self._number()
        self.objects[parent_tree] = b"<< /Nums [" + b" ".join(nums) + b"] >>"
        root = b"<< /Type /StructTreeRoot /K [%s] /ParentTree %s /ParentTreeNextKey %d" % (
            _ref(document),
            _ref(parent_tree),
            self.next_key,
        )
        if self.ids:
            id_tree = self._number()
            names = b" ".join(
                b"(%s) %s" % (identifier.encode("ascii"), _ref(number))
                for identifier, number in sorted(self.ids)
            )
            self.objects[id_tree] = b"<< /Names [" + names + b"] >>"
            root += b" /IDTree " + _ref(id_tree)
        self.objects[self.root] = root + b" >>"
        catalog = self.doc.Root
        catalog.MarkInfo = Dictionary(Marked=True)
        preferences = catalog.get("/ViewerPreferences", Dictionary())
        preferences.DisplayDocTitle = True
        catalog.ViewerPreferences = preferences
        for index, page in enumerate(self.pages):
            page.Tabs = Name.S
            if index in self.marked:
                page.StructParents = index

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

    def _element(self, element: Element, parent: int) -> int:
        number = self._number()
        head = b"<< /Type /StructElem /S /%s /P %s" % (
            self._role(element).encode("ascii"),
            _ref(parent),
        )
        if element.alt is not None:
            head += b" /Alt " + _text(element.alt)
        if element.lang is not None:
            head += b" /Lang " + _text(element.lang)
        if element.scope is not None:
            head += b" /A << /O /Table /Scope /%s >>" % element.scope.encode("ascii")
        if element.note is not None:
            identifier = f"note-{element.note}"
            head += b" /ID (%s)" % identifier.encode("ascii")
            self.ids.append((identifier, number))
        kids: list[bytes] = []
        page: int | None = None
        for kid in element.kids:
            if isinstance(kid, Element):
                if kid.has_content:
                    kids.append(_ref(self._element(kid, number)))
            elif isinstance(kid, ContentPiece):
                self.marked.setdefault(self._key(kid), {})[kid.mcid] = number
                if page is None:
                    page = kid.page
                    head += b" /Pg " + _ref(self.page_numbers[page])
                if kid.form is not None:
                    form = self._form(kid.page, kid.form).objgen[0]
                    kids.append(
                        b"<< /Type /MCR /Pg %s /Stm %s /MCID %d >>"
                        % (_ref(self.page_numbers[kid.page]), _ref(form), kid.mcid)
                    )
                elif kid.page == page:
                    kids.append(b"%d" % kid.mcid)
                else:
                    kids.append(
                        b"<< /Type /MCR /Pg %s /MCID %d >>"
                        % (_ref(self.page_numbers[kid.page]), kid.mcid)
                    )
            else:
                kids.append(self._link(kid, number))
        self.objects[number] = head + b" /K [" + b" ".join(kids) + b"] >>"
        return number

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

    def _link(self, kid: Annotation, link: int) -> bytes:
        page = self.pages[kid.page]
        annotation = page.Annots[kid.index]
        key = self.next_key
        self.next_key += 1
        self.annotations[key] = link
        annotation.StructParent = key
        annotation.Contents = String(kid.contents)
        self.changed.add(annotation.objgen[0])
        return b"<< /Type /OBJR /Obj %s /Pg %s >>" % (
            _ref(annotation.objgen[0]),
            _ref(self.page_numbers[kid.page]),
        )


__all__ = ["render_tagged", "tag_pdf", "with_structure"]

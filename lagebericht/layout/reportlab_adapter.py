"""The one place the layout reaches into reportlab's private names.

reportlab's public API (flowables with ``wrap``/``split``/``draw``, frames' ``add`` and
``split``, the document template's ``handle_*`` events) cannot express true footnotes,
floats or balanced columns: those need a frame's cursor and bottom limit, the document
template's pending flowables and a few marks reportlab leaves on flowables. Every such
name is reached through a function or class here, each saying why it is needed, so that
a reportlab release that renames one breaks in this module only. The contract test
(``tests/layout/test_reportlab_contract.py``) checks each of them against the installed
reportlab; pyproject.toml allows only the reportlab releases it was tested with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.rl_accel import fp_str
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import BaseDocTemplate, Flowable, Frame
from reportlab.platypus import flowables as rl_flowables

from lagebericht.layout.tagging import carry_tag, placing

# -- stacking flowables ---------------------------------------------------------------


def list_wrap_on(
    flowables: Sequence[Flowable], width: float, canv: Canvas | None
) -> tuple[float, float]:
    """Width and height of ``flowables`` stacked as a frame stacks them (spaces between
    them merged): reportlab has no public measure of a group (``_listWrapOn``)."""
    # Looked up on each call: a reportlab without it fails here, not at import.
    width_, height = rl_flowables._listWrapOn(list(flowables), width, canv)
    return float(width_), float(height)


def group_content(flowable: Flowable) -> list[Flowable]:
    """The flowables a ``KeepTogether`` holds, else ``[flowable]``: to measure or split a
    group by its parts (``_content``, which reportlab gives no accessor)."""
    content: list[Flowable] = getattr(flowable, "_content", [flowable])
    return content


def table_row_heights(table: Flowable) -> list[float]:
    """A wrapped ``Table``'s row heights: the height of its first rows (``_rowHeights``)."""
    return list(table._rowHeights)


def table_cells(table: Flowable) -> list[list[object]]:
    """A ``Table``'s (or a split part's) cell values, row by row: the notes its cells
    reference (``_cellvalues``)."""
    return list(table._cellvalues)


def fix_table_row_heights(table: Flowable) -> None:
    """Measure each row of a ``Table`` once, as reportlab measures it, and give the heights
    to the table as if it had been made with ``rowHeights=``.

    reportlab measures rows of no given height each time the table, or the part left
    after a page, is wrapped, and looks for the next unmeasured row from the first one
    each time: a table of n rows took n² steps on every page. Given, the heights are taken
    as they are, and the parts of a split table inherit them (``_argH``). Left to reportlab
    where its measuring differs: spanned cells (``_spanCmds``), widths not fixed
    (``_argW``), a cell too wide for its column (its error then comes as before). The cells
    are measured by reportlab's own ``_cellListProcess`` and ``_listCellGeom`` with each
    cell's style (``_cellStyles``) and the minimum heights (``_minRowHeights``).
    """
    given: list[float | None] = table._argH
    if table._spanCmds or None not in given:
        return
    widths: list[object] = table._argW
    if not all(isinstance(width, int | float) for width in widths):
        return
    heights: list[float] = []
    rows = zip(table._cellvalues, table._cellStyles, strict=True)
    for index, (values, styles) in enumerate(rows):
        height = 0.0
        for column, (value, style, width) in enumerate(zip(values, styles, widths, strict=True)):
            if isinstance(value, list | tuple | Flowable):
                value = values[column] = table._cellListProcess(value, width, None)
                used, tall = table._listCellGeom(value, width, style)
                if used + style.leftPadding + style.rightPadding > width:
                    return
            else:
                lines = ("" if value is None else str(value)).split("\n")
                tall = (style.leading or 1.2 * style.fontsize) * len(lines)
            height = max(height, tall + style.bottomPadding + style.topPadding)
        minimum = table._minRowHeights[index] if table._minRowHeights else 0
        heights.append(max(minimum, height))
    table._rowHeights = table._argH = heights


# -- frames ---------------------------------------------------------------------------
# A frame keeps its geometry and its cursor in private attributes only; footnotes and
# floats need both.


def frame_of(flowable: Flowable) -> Frame | None:
    """The frame adding or splitting ``flowable`` right now, if any (``_frame``): a group
    decides how to split by whether that frame is still empty."""
    return getattr(flowable, "_frame", None)


def frame_at_top(frame: Frame | None) -> bool:
    """Nothing placed in ``frame`` yet on this page (``_atTop``); False for no frame."""
    return bool(getattr(frame, "_atTop", False))


def frame_cursor(frame: Frame) -> float:
    """Where the next flowable's top goes (``_y``): the height left to fill."""
    return float(frame._y)


def frame_limit(frame: Frame) -> float:
    """The lowest y a flowable may reach (``_y1p``); notes at the foot raise it."""
    return float(frame._y1p)


def set_frame_limit(frame: Frame, y: float) -> None:
    """Raise (or restore) the lowest y a flowable may reach: room kept for footnotes
    (``_y1p``; reportlab's ``add`` and ``split`` test against it)."""
    frame._y1p = y


def restore_frame_limit(frame: Frame) -> None:
    """Recompute the frame's geometry (``_geom``): its limit back at its own bottom, after
    notes raised it on the previous page (reportlab's page reset leaves it raised)."""
    frame._geom()


def frame_content_top(frame: Frame) -> float:
    """The top inside the frame's padding (``_y2 - _topPadding``)."""
    return float(frame._y2 - frame._topPadding)


def frame_content_bottom(frame: Frame) -> float:
    """The bottom inside the frame's padding (``_y1 + _bottomPadding``): notes are set
    upwards from it."""
    return float(frame._y1 + frame._bottomPadding)


def frame_content_left(frame: Frame) -> float:
    """The left edge inside the frame's padding (``_x1 + _leftPadding``)."""
    return float(frame._x1 + frame._leftPadding)


def frame_available_width(frame: Frame) -> float:
    """The width a flowable gets in ``frame`` (``_getAvailableWidth``, indents included)."""
    return float(frame._getAvailableWidth())


def frame_available_height(frame: Frame) -> float:
    """The frame's whole height inside its padding (``_aH``)."""
    return float(frame._aH)


class PageHookFrame(Frame):  # type: ignore[misc]
    """A frame with public hooks for the two private steps a footnote frame extends:
    reportlab resets a frame at the start of each of its pages with ``_reset`` (also from
    ``__init__``) and places a flowable with ``_add`` (``add`` is an alias of it).

    It also marks what it draws as content of the flowable's structure element, and
    gives the parts of a flowable it splits the whole's element (see
    :mod:`lagebericht.layout.tagging`)."""

    def _reset(self) -> None:
        super()._reset()
        self.page_started()

    def page_started(self) -> None:
        """Called after reportlab reset the frame for a new page (and on creation)."""

    def _add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        return self.place(flowable, canv, trySplit)

    add = _add

    def place(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        """Draw ``flowable`` at the cursor as reportlab does: 1 if placed, 0 if it does
        not fit. Override to change placing; call this for reportlab's own."""
        return placing(flowable, canv, lambda: int(Frame._add(self, flowable, canv, trySplit)))

    def split(self, flowable: Flowable, canv: Canvas) -> list[Flowable]:
        return carry_tag(flowable, Frame.split(self, flowable, canv))


# -- the document template ------------------------------------------------------------


def count_placed_flowable(doc: BaseDocTemplate) -> None:
    """Count a flowable placed outside ``handle_flowable`` (a float) on this page
    (``_curPageFlowableCount``): reportlab treats a page with none as empty."""
    doc._curPageFlowableCount += 1


def pending_flowables(doc: BaseDocTemplate) -> list[Flowable]:
    """The document template's own list of flowables it places before the story goes on
    (``_hanging``, where a frame's page-top flowables go), itself: what a float placed
    while a frame begins leaves to flow goes at its front."""
    hanging: list[Flowable] = doc._hanging
    return hanging


def was_postponed(flowable: Flowable) -> bool:
    """Has reportlab already moved ``flowable`` on because it did not fit a frame
    (``_postponed``)? A second time it gives up with a LayoutError."""
    return bool(getattr(flowable, "_postponed", 0))


def forget_postponed(flowable: Flowable) -> None:
    """Let ``flowable`` be moved on once more (deletes ``_postponed``): a short column is
    no test of whether it fits anywhere."""
    del flowable._postponed


# -- kerned text ---------------------------------------------------------------------


def show_kerned(tx: PDFTextObject, text: str, kerns: Sequence[tuple[int, float]]) -> None:
    """Show ``text`` at the text object's current point, as ``textOut`` does, moving
    each character ``text[i]`` of ``kerns`` by its value (thousandths of an em; negative:
    closer) in one ``TJ``.

    reportlab shows text without kerning and has no public way to put numbers between
    the strings of a ``TJ``. This writes what ``textOut`` writes for a TrueType font
    (``splitString`` per subset, as ``pdfbase.ttfonts`` documents it) into the text
    object's code (``_code``), keeping its current subset (``_curSubset``) and point
    (``_x``) as ``textOut`` does; the document (``_doc``) names the subsets, and the
    canvas escapes strings for them (``_escape``)."""
    canv = tx._canvas
    doc = canv._doc
    escape = canv._escape
    font = pdfmetrics.getFont(tx._fontname)
    shown: list[str] = []
    code: list[str] = []
    at = 0  # the kern due next
    position = 0  # of the chunk's first character in ``text``
    for subset, chunk in font.splitString(text, doc):
        if subset != tx._curSubset:
            if shown:
                code.append(_shown(shown))
                shown = []
            name = font.getSubsetInternalName(subset, doc)
            code.append(f"{name} {fp_str(tx._fontsize)} Tf {fp_str(tx._leading)} TL")
            tx._curSubset = subset
        cut = 0  # one byte a character in a subset's string
        end = position + len(chunk)
        while at < len(kerns) and kerns[at][0] < end:
            index, value = kerns[at]
            if index - position > cut:
                shown.append(f"({escape(chunk[cut : index - position])})")
                cut = index - position
            shown.append(fp_str(-value))
            at += 1
        shown.append(f"({escape(chunk[cut:])})")
        position = end
    if shown:
        code.append(_shown(shown))
    tx._code.append(" ".join(code))
    tx._x += canv.stringWidth(text, tx._fontname, tx._fontsize)


def _shown(shown: list[str]) -> str:
    """A ``Tj`` of one string, as ``textOut`` writes it, else a ``TJ`` of strings and
    numbers."""
    if len(shown) == 1 and shown[0].startswith("("):
        return f"{shown[0]} Tj"
    return f"[{' '.join(shown)}] TJ"


# -- the canvas -----------------------------------------------------------------------


def page_operators(canv: Canvas) -> list[str]:
    """The operators drawn on the canvas's current page so far, the list itself
    (``_code``): a page holding only what every page starts with is not written at all,
    which needs them compared and cleared."""
    operators: list[str] = canv._code
    return operators


def set_creation_moment(canv: Canvas, moment: dt.datetime) -> None:
    """Write ``moment`` (in UTC) as the PDF's /CreationDate and /ModDate: reportlab takes
    them from its document's time stamp (``_doc._timeStamp``), which invariant mode (for
    identical bytes) sets to 2000-01-01."""
    utc = moment.astimezone(dt.UTC)
    stamp = TimeStamp(1)
    stamp.t = utc.timestamp()
    stamp.lt = utc.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0  # the offset is written as +00'00'
    stamp.tzname = "UTC"
    canv._doc._timeStamp = stamp

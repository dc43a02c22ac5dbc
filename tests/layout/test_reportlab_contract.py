"""The reportlab private names lagebericht relies on are there, in the shape it uses them.

reportlab makes no promise about names starting with ``_``. Each contract below names the
private names one function or class of ``lagebericht.layout.reportlab_adapter`` reaches
and checks them on the installed reportlab: present, callable with the parameters passed,
set on a fresh Frame, BaseDocTemplate or Canvas after the calls that set them, and doing
what the adapter says. A release that drops or changes one fails here with the name, the
reportlab version and what needs it, instead of as a wrong layout.

Apart from them: the document template's event handlers placement.py overrides or
calls, and the rule that no module but the adapter reaches reportlab's private names.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import inspect
import io
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import reportlab
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

import lagebericht
import lagebericht.layout

ADAPTER = "lagebericht.layout.reportlab_adapter"
PACKAGE = Path(lagebericht.__file__).parent
ADAPTER_FILE = PACKAGE / "layout" / "reportlab_adapter.py"
KNOWN_EXCEPTIONS = frozenset({ADAPTER_FILE})
ROBOTO = PACKAGE.parent / "templates" / "auslandsbuero" / "fonts" / "Roboto-Regular.ttf"


def adapter() -> ModuleType:
    # Imported by each check, not at the top: an import the adapter makes that fails is
    # reported by the contract that names it.
    return importlib.import_module(ADAPTER)


def parameters(function: Callable[..., Any]) -> list[str]:
    return list(inspect.signature(function).parameters)


def expect_parameters(function: Callable[..., Any], names: list[str]) -> None:
    found = parameters(function)
    assert found[: len(names)] == names, f"parameters {found}, expected to start with {names}"


class Block(Flowable):  # type: ignore[misc]
    """A flowable of a fixed size that cannot be split."""

    def __init__(self, height: float, width: float = 10.0) -> None:
        super().__init__()
        self.block_width, self.block_height = width, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.block_width, self.block_height

    def draw(self) -> None:
        pass


def canvas() -> Canvas:
    return Canvas(io.BytesIO(), invariant=1)


def bare_frame(height: float = 100.0) -> Frame:
    return Frame(0, 0, 100, height, leftPadding=0, bottomPadding=0, rightPadding=0, topPadding=0)


# -- the contracts of the adapter -------------------------------------------------------


def check_list_wrap_on() -> None:
    listwrap = importlib.import_module("reportlab.platypus.flowables")._listWrapOn
    expect_parameters(listwrap, ["F", "availWidth", "canv"])
    assert adapter().list_wrap_on([Spacer(10, 20), Spacer(30, 40)], 100, None) == (30.0, 60.0)


def check_group_content() -> None:
    parts = [Spacer(1, 1), Spacer(1, 2)]
    content = adapter().group_content(KeepTogether(parts))
    assert isinstance(content, list), f"KeepTogether._content is a {type(content).__name__}"
    assert [id(p) for p in content] == [id(p) for p in parts], "_content is not its flowables"
    single = Spacer(1, 1)
    assert adapter().group_content(single) == [single]


def check_table_row_heights() -> None:
    table = Table([["a"], ["b"], ["c"]])
    table.wrap(100, 1000)
    heights = adapter().table_row_heights(table)
    assert len(heights) == 3 and all(h > 0 for h in heights), f"_rowHeights {heights}"
    assert sum(heights) == pytest.approx(table.wrap(100, 1000)[1])


def check_table_cells() -> None:
    data = [["a", "b"], ["c", "d"]]
    assert adapter().table_cells(Table(data)) == data


def check_fix_table_row_heights() -> None:
    style = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10)
    texts = ["a", "ein langer Text, der in seiner Zelle umbricht " * 3, "b\nc"]
    data = [[Paragraph(text, style), text] for text in texts]
    ours, theirs = Table(data, colWidths=[80, 80]), Table(data, colWidths=[80, 80])
    adapter().fix_table_row_heights(ours)
    theirs.wrap(160, 1000)
    assert ours._argH == theirs._rowHeights, "the rows measured not as reportlab does"
    assert ours.wrap(160, 1000) == theirs.wrap(160, 1000)
    parts = ours.split(160, 30)
    assert len(parts) == 2 and None not in parts[1]._argH, "a split part does not inherit"


def check_frame_geometry() -> None:
    a = adapter()
    frame = Frame(10, 20, 200, 300, leftPadding=1, bottomPadding=2, rightPadding=3, topPadding=4)
    for name in ("_x1", "_y1", "_y2", "_y", "_y1p", "_aH", "_atTop"):
        assert hasattr(frame, name), f"a new Frame has no {name}"
    assert a.frame_content_top(frame) == 316.0
    assert a.frame_content_bottom(frame) == 22.0
    assert a.frame_content_left(frame) == 11.0
    assert a.frame_cursor(frame) == 316.0, "the cursor of a fresh frame is not at its top"
    assert a.frame_limit(frame) == 22.0, "the limit of a fresh frame is not at its bottom"
    assert a.frame_available_height(frame) == 294.0
    expect_parameters(Frame._getAvailableWidth, ["self"])
    assert a.frame_available_width(frame) == 196.0
    assert a.frame_at_top(frame), "a fresh frame is not at its top (_atTop)"
    assert not a.frame_at_top(None)
    assert frame.add(Block(16), canvas())
    assert a.frame_cursor(frame) == 300.0, "the cursor does not move down as flowables go in"
    assert not a.frame_at_top(frame), "_atTop stays set after a flowable was added"


def check_frame_limit() -> None:
    a = adapter()
    expect_parameters(Frame._geom, ["self"])
    frame = bare_frame()
    a.set_frame_limit(frame, 60.0)
    assert a.frame_limit(frame) == 60.0
    assert not frame.add(Block(50), canvas()), "add ignores a raised limit (_y1p)"
    a.restore_frame_limit(frame)
    assert a.frame_limit(frame) == 0.0, "_geom does not put the limit back at the bottom"
    assert frame.add(Block(50), canvas())


def check_frame_of() -> None:
    seen: list[object] = []

    class Splittable(Block):
        def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
            seen.append(adapter().frame_of(self))
            return []

    frame = bare_frame()
    frame.split(Splittable(500), canvas())
    assert seen == [frame], "a flowable being split does not know its frame (_frame)"
    assert adapter().frame_of(Block(1)) is None


def check_page_hook_frame() -> None:
    expect_parameters(Frame._reset, ["self"])
    expect_parameters(Frame._add, ["self", "flowable", "canv", "trySplit"])
    assert Frame.add is Frame._add, "Frame.add is no longer the alias of _add"
    events: list[str] = []

    class Counting(adapter().PageHookFrame):  # type: ignore[misc]
        def page_started(self) -> None:
            events.append("page")

        def place(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
            placed = super().place(flowable, canv, trySplit)
            events.append(f"place {placed}")
            return int(placed)

    frame = Counting(0, 0, 100, 100, id="counting")
    assert events == ["page"], f"creating a frame gave {events}, not one reset (_reset)"
    doc = BaseDocTemplate(io.BytesIO(), pagesize=(200, 200))
    doc.addPageTemplates([PageTemplate("p", [frame])])
    doc.build([Block(60), Block(60)])
    assert events.count("page") == 1 + doc.page, f"not reset once a page (_reset): {events}"
    assert "place 0" in events and events.count("place 1") == 2, f"add skipped place: {events}"


class Recording(BaseDocTemplate):  # type: ignore[misc]
    """Runs ``check`` with itself and the flowable after each Block is placed."""

    def __init__(self, check: Callable[[Recording, Block], None]) -> None:
        super().__init__(io.BytesIO(), pagesize=(300, 300))
        self.check = check
        self.addPageTemplates(
            [PageTemplate("p", [Frame(0, 200, 300, 50, id="short"), Frame(0, 0, 300, 190)])]
        )

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Block):
            self.check(self, flowable)


def check_page_flowable_count() -> None:
    counts: list[int] = []

    def count(doc: Recording, flowable: Block) -> None:
        before = doc._curPageFlowableCount
        adapter().count_placed_flowable(doc)
        counts.append(doc._curPageFlowableCount - before)

    Recording(count).build([Block(10)])
    assert counts == [1], "_curPageFlowableCount is not counted up"
    source = inspect.getsource(BaseDocTemplate.handle_pageEnd)
    assert "_curPageFlowableCount" in source, "handle_pageEnd no longer reads it"


def check_pending_flowables() -> None:
    story, early = Block(10), Block(20)
    placed: list[Block] = []

    class Inserting(BaseDocTemplate):  # type: ignore[misc]
        def handle_frameBegin(self, resume: int = 0, pageTopFlowables: Any = None) -> None:
            super().handle_frameBegin(resume, pageTopFlowables)
            if not placed and early not in adapter().pending_flowables(self):
                adapter().pending_flowables(self).insert(0, early)

        def afterFlowable(self, flowable: Flowable) -> None:
            if isinstance(flowable, Block):
                placed.append(flowable)

    doc = Inserting(io.BytesIO(), pagesize=(300, 300))
    doc.addPageTemplates([PageTemplate("p", [Frame(0, 0, 300, 300)])])
    doc.build([story])
    assert placed == [early, story], "a flowable put into _hanging is not placed first"


def check_postponed() -> None:
    marks: list[tuple[float, bool]] = []

    def postponed(doc: Recording, flowable: Block) -> None:
        marks.append((flowable.block_height, adapter().was_postponed(flowable)))
        if adapter().was_postponed(flowable):
            adapter().forget_postponed(flowable)
            assert not adapter().was_postponed(flowable), "deleting _postponed did not take"

    # Too tall for the short first frame: moved on to the second one, marked.
    Recording(postponed).build([Block(100), Block(10)])
    assert marks == [(100, True), (10, False)], f"_postponed is not set: {marks}"


def check_creation_moment() -> None:
    canv = canvas()
    assert hasattr(canv._doc, "_timeStamp"), "a Canvas's document has no _timeStamp"
    for name in ("t", "lt", "YMDhms", "dhh", "dmm", "tzname"):
        assert hasattr(canv._doc._timeStamp, name), f"TimeStamp has no {name}"
    adapter().set_creation_moment(canv, dt.datetime(2024, 7, 5, 12, 30, tzinfo=dt.UTC))
    canv.showPage()
    canv.save()
    pdf = canv.getpdfdata()
    assert b"/CreationDate (D:20240705123000+00'00')" in pdf, "the time stamp is not written"
    assert b"/ModDate (D:20240705123000+00'00')" in pdf


def check_page_operators() -> None:
    canv = canvas()
    operators = adapter().page_operators(canv)
    assert operators == [], f"a fresh page holds {operators}"
    canv.line(0, 0, 10, 10)
    assert operators and operators is adapter().page_operators(canv), "not the page's list"
    operators.clear()
    canv.showPage()
    canv.save()  # a page of nothing: reportlab still writes it, but with empty content


def check_show_kerned() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = TTFont("contract-roboto", str(ROBOTO))
    pdfmetrics.registerFont(font)
    text = "Tee (Аз) «\\»"  # ASCII, Cyrillic, a character the PDF string escapes
    canv = canvas()
    theirs, ours = canv.beginText(10, 20), canv.beginText(10, 20)
    for tx in (theirs, ours):
        tx.setFont("contract-roboto", 12)
        tx.setWordSpace(1.5)
    theirs.textOut(text)
    theirs.textOut("Тот")
    adapter().show_kerned(ours, text, ())
    adapter().show_kerned(ours, "Тот", ())
    assert ours.getCode() == theirs.getCode(), "without kerns, not what textOut writes"
    assert ours.getX() == theirs.getX(), "the current point does not move as textOut's (_x)"
    # with kerns: one TJ, the numbers between the strings, the subset font set once
    kerned = canv.beginText(10, 20)
    kerned.setFont("contract-roboto", 12)
    adapter().show_kerned(kerned, "Tea", ((1, -80.0), (2, 20.5)))
    code = kerned.getCode()
    assert code.endswith("Tf 14.4 TL [(T) 80 (e) -20.5 (a)] TJ ET"), f"kerned: {code!r}"
    # drawn: the second glyph moved by the kern
    out = io.BytesIO()
    page = Canvas(out, invariant=1)
    line = page.beginText(100, 100)
    line.setFont("contract-roboto", 20)
    adapter().show_kerned(line, "AVA", ((1, -100.0),))
    page.drawText(line)
    page.save()
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(io.BytesIO(out.getvalue())) as pdf:
        xs = [round(ch["x0"], 2) for ch in pdf.pages[0].chars]
    a = pdfmetrics.stringWidth("A", "contract-roboto", 20)
    assert xs[1] == pytest.approx(100 + a - 2.0, abs=0.01), f"glyphs drawn at {xs}"


@dataclass(frozen=True)
class Contract:
    names: tuple[str, ...]  # reportlab's private names, as ``Owner._name``
    needed_by: tuple[str, ...]  # what of the adapter needs them
    check: Callable[[], None]

    @property
    def attributes(self) -> set[str]:
        return {name.rpartition(".")[2] for name in self.names}


CONTRACTS = (
    Contract(("reportlab.platypus.flowables._listWrapOn",), ("list_wrap_on",), check_list_wrap_on),
    Contract(("KeepTogether._content",), ("group_content",), check_group_content),
    Contract(("Table._rowHeights",), ("table_row_heights",), check_table_row_heights),
    Contract(("Table._cellvalues",), ("table_cells",), check_table_cells),
    Contract(
        (
            "Table._argH",
            "Table._argW",
            "Table._spanCmds",
            "Table._cellStyles",
            "Table._minRowHeights",
            "Table._cellListProcess",
            "Table._listCellGeom",
        ),
        ("fix_table_row_heights",),
        check_fix_table_row_heights,
    ),
    Contract(
        (
            "Frame._x1",
            "Frame._y1",
            "Frame._y2",
            "Frame._y",
            "Frame._aH",
            "Frame._atTop",
            "Frame._leftPadding",
            "Frame._topPadding",
            "Frame._bottomPadding",
            "Frame._getAvailableWidth",
        ),
        (
            "frame_cursor",
            "frame_at_top",
            "frame_content_top",
            "frame_content_bottom",
            "frame_content_left",
            "frame_available_width",
            "frame_available_height",
        ),
        check_frame_geometry,
    ),
    Contract(
        ("Frame._y1p", "Frame._geom"),
        ("frame_limit", "set_frame_limit", "restore_frame_limit"),
        check_frame_limit,
    ),
    Contract(("Flowable._frame",), ("frame_of",), check_frame_of),
    Contract(("Frame._reset", "Frame._add"), ("PageHookFrame",), check_page_hook_frame),
    Contract(
        ("BaseDocTemplate._curPageFlowableCount",),
        ("count_placed_flowable",),
        check_page_flowable_count,
    ),
    Contract(("BaseDocTemplate._hanging",), ("pending_flowables",), check_pending_flowables),
    Contract(("Flowable._postponed",), ("was_postponed", "forget_postponed"), check_postponed),
    Contract(
        ("Canvas._doc", "PDFDocument._timeStamp"), ("set_creation_moment",), check_creation_moment
    ),
    Contract(("Canvas._code",), ("page_operators",), check_page_operators),
    Contract(
        (
            "PDFTextObject._canvas",
            "PDFTextObject._code",
            "PDFTextObject._curSubset",
            "PDFTextObject._fontname",
            "PDFTextObject._fontsize",
            "PDFTextObject._leading",
            "PDFTextObject._x",
            "Canvas._doc",
            "Canvas._escape",
        ),
        ("show_kerned",),
        check_show_kerned,
    ),
)


def failure(names: tuple[str, ...], needed_by: str, detail: str) -> str:
    return (
        f"reportlab {reportlab.Version} removed or changed {', '.join(names)}, "
        f"which {needed_by} needs ({detail})"
    )


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.needed_by[0])
def test_reportlab_keeps_what_the_adapter_needs(contract: Contract) -> None:
    try:
        contract.check()
    except (AssertionError, AttributeError, ImportError, TypeError, KeyError) as error:
        users = " and ".join(f"{ADAPTER}.{name}" for name in contract.needed_by)
        pytest.fail(failure(contract.names, users, f"{type(error).__name__}: {error}"))


def test_every_part_of_the_adapter_has_a_contract() -> None:
    module = adapter()
    parts = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
        and value.__module__ == ADAPTER
    }
    covered = {name for contract in CONTRACTS for name in contract.needed_by}
    assert parts - covered == set(), "adapter functions without a contract in this file"
    assert covered - parts == set(), "contracts naming what the adapter no longer has"


def test_a_failing_contract_names_the_name_the_version_and_the_user() -> None:
    name = "reportlab.platypus.flowables._listWrapOn"
    message = failure((name,), f"{ADAPTER}.list_wrap_on", "gone")
    assert f"reportlab {reportlab.Version} removed or changed {name}," in message
    assert "which lagebericht.layout.reportlab_adapter.list_wrap_on needs" in message


# -- reportlab's event handlers placement.py overrides or calls ------------------------
# Public (reportlab's user guide describes them), but their parameters are relied on.

HANDLERS = {
    "handle_pageBegin": ["self"],
    "handle_frameBegin": ["self", "resume", "pageTopFlowables"],
    "handle_frameEnd": ["self", "resume"],
    "handle_flowable": ["self", "flowables"],
    "handle_nextPageTemplate": ["self", "pt"],
    "handle_currentFrame": ["self", "fx", "resume"],
    "handle_pageBreak": ["self", "slow"],
}


@pytest.mark.parametrize("name", sorted(HANDLERS))
def test_reportlab_keeps_the_event_handlers_placement_uses(name: str) -> None:
    found = getattr(BaseDocTemplate, name, None)
    user = "lagebericht.layout.placement.FloatingDocTemplate"
    if found is None or parameters(found) != HANDLERS[name]:
        got = parameters(found) if found is not None else "no such method"
        pytest.fail(failure((f"BaseDocTemplate.{name}",), user, f"found {got}"))


# -- nothing but the adapter reaches reportlab's private names ----------------------------

HOOKS = {"_reset", "_add"}  # PageHookFrame's overrides: reportlab calls them
ATTRIBUTES = {name for contract in CONTRACTS for name in contract.attributes}
_REFLECTION = {"getattr", "hasattr", "setattr", "delattr"}


def private_reportlab_imports(source: str) -> Iterator[tuple[int, str]]:
    """``(line, name)`` of each private name (or module) ``source`` imports from reportlab."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
            module = node.module or ""
            for part in module.split("."):
                if part.startswith("_"):
                    yield node.lineno, module
            for alias in node.names:
                if alias.name.startswith("_"):
                    yield node.lineno, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "reportlab" and any(p.startswith("_") for p in parts):
                    yield node.lineno, alias.name


def private_reportlab_attributes(source: str) -> Iterator[tuple[int, str]]:
    """``(line, name)`` of each use of a reportlab private attribute the adapter reaches
    (``x._y1p``, ``getattr(x, "_atTop")``)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ATTRIBUTES:
            yield node.lineno, node.attr
        elif isinstance(node, ast.FunctionDef) and node.name in HOOKS:
            yield node.lineno, node.name
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _REFLECTION
        ):
            for argument in node.args[1:2]:
                if isinstance(argument, ast.Constant) and argument.value in ATTRIBUTES:
                    yield node.lineno, str(argument.value)


def test_the_scans_find_private_names() -> None:
    source = (
        "from reportlab.platypus.flowables import _listWrapOn, Flowable\n"
        "import reportlab.pdfbase._fontdata\n"
        "from reportlab.lib._rl_accel import fp_str\n"
        "def f(frame, flowable):\n"
        "    frame._y1p = frame._y\n"
        "    return getattr(flowable, '_postponed', 0)\n"
        "class F:\n"
        "    def _reset(self): pass\n"
    )
    assert list(private_reportlab_imports(source)) == [
        (1, "_listWrapOn"),
        (2, "reportlab.pdfbase._fontdata"),
        (3, "reportlab.lib._rl_accel"),
    ]
    assert sorted(private_reportlab_attributes(source)) == [
        (5, "_y"),
        (5, "_y1p"),
        (6, "_postponed"),
        (8, "_reset"),
    ]


def test_only_the_adapter_reaches_reportlab_private_names() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in KNOWN_EXCEPTIONS:
            continue
        source = path.read_text(encoding="utf-8")
        for line, name in [
            *private_reportlab_imports(source),
            *private_reportlab_attributes(source),
        ]:
            found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {name}")
    assert not found, f"reportlab private names outside {ADAPTER} (route them through it):\n" + (
        "\n".join(found)
    )


def layout_classes() -> Iterator[type]:
    """The classes of the layout's modules (not of its subpackages)."""
    for info in pkgutil.iter_modules(lagebericht.layout.__path__):
        if info.ispkg:
            continue
        module = importlib.import_module(f"lagebericht.layout.{info.name}")
        for value in vars(module).values():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                yield value


def test_layout_classes_do_not_shadow_reportlab_private_names() -> None:
    """A private method or attribute of a reportlab subclass must not share its name with
    one of reportlab's (a release that adds ``Frame._band`` would be silently overridden);
    only the adapter overrides reportlab's private methods, on purpose."""
    clashes = []
    for cls in layout_classes():
        bases = [b for b in cls.__mro__[1:] if b.__module__.startswith("reportlab")]
        if not bases or cls.__module__ == ADAPTER:
            continue
        for name in vars(cls):
            private = name.startswith("_") and not name.startswith("__")
            if private and any(name in vars(base) for base in bases):
                clashes.append(f"{cls.__module__}.{cls.__qualname__}.{name}")
    assert not clashes, "private names that override reportlab's: " + ", ".join(clashes)

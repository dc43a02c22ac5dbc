"""Size limits that keep a hostile or mistaken input from exhausting memory or time.

``LAGEBERICHT_MAX_REPORT_BYTES`` (environment; default 2 MB) bounds a report file: a real
report is a few dozen kilobytes, so a bigger file is a mistake (a pasted export, a binary)
and is refused before it is read. The environment is used rather than an option so that
build worker processes and ``watch`` see the same limit without passing it around.
"""

from __future__ import annotations

import os

MAX_REPORT_BYTES_VARIABLE = "LAGEBERICHT_MAX_REPORT_BYTES"
DEFAULT_MAX_REPORT_BYTES = 2_000_000

MAX_YAML_VALUES = 100_000
"""Values in one YAML file after aliases are expanded (an alias bomb expands to billions)."""
MAX_YAML_DEPTH = 100
"""Nesting of lists and mappings in one YAML file; the front matter needs three levels."""


def max_report_bytes() -> int:
    """The report size limit in bytes (a bad value in the environment: the default)."""
    return _limit_from_environment(MAX_REPORT_BYTES_VARIABLE, DEFAULT_MAX_REPORT_BYTES)


def describe_bytes(size: int) -> str:
    """``2 MB``, ``512 kB`` or ``300 bytes``: a limit as people say it."""
    if size >= 1_000_000 and size % 100_000 == 0:
        return f"{size / 1_000_000:g} MB"
    if size >= 1_000 and size % 100 == 0:
        return f"{size / 1_000:g} kB"
    return f"{size} bytes"


MAX_LINE_CHARS = 300
"""One-line fields (title, report label, office name, author…) are set in the page header,
the running header or the imprint: a longer value is a paste gone wrong and cannot be laid
out on a line or two."""


MAX_YAML_ALIASES = 1_000
"""Uses of aliases (``*name``) in one YAML file: a data file repeats a block a few times; a
long list of aliases to one long text is a way round the size limits."""

MAX_TEMPLATE_STEPS = 1_000_000
"""Loop iterations plus calls while a report template renders; a monthly report's template
loops over a few hundred rows."""
MAX_TEMPLATE_SECONDS = 10
"""Wall time for rendering one report template."""
MAX_TEMPLATE_INT_BITS = 100_000
"""Size of a whole number a template may compute (about 30,000 digits)."""
MAX_CAPTURED_FACTOR = 4
"""Text collected by a template's ``{% set %}`` blocks and macros, in report size limits."""
MAX_COPY_WORK = 200_000_000
"""Characters or items copied by one filter that copies over and over: ``wordwrap`` copies
the rest of a long word for each piece it cuts, ``sum`` of lists the total for each list."""


# Files other than the report: each kind bounded by what a real one needs, so that a wrong
# or hostile file is refused before it is read rather than parsed for minutes.
MAX_OFFICE_BYTES = 100_000
"""An office file holds a dozen one-line fields: a few hundred bytes."""
MAX_DATA_BYTES_VARIABLE = "LAGEBERICHT_MAX_DATA_BYTES"
DEFAULT_MAX_DATA_BYTES = 5_000_000
"""A template's data file (YAML or CSV): tables for a report, not a database export."""
MAX_IMAGE_BYTES = 40 * 1024 * 1024
"""A PNG or JPEG figure; larger files are not report figures but accidents."""
MAX_SVG_BYTES = 2_000_000
"""An SVG figure: a map or chart is a few hundred kilobytes; parsing and drawing take
time in proportion to the size."""
MAX_PIXELS = 60_000_000
"""Pixels of one raster image (a figure, or one an SVG draws): decoding more would take
gigabytes of memory."""
MAX_DECODED_IMAGE_BYTES = 120_000_000
"""Memory one decoded raster may take (width × height × bytes per pixel): the layout and
the PDF writer hold a few copies of it. A camera photo of 24 Mpx in RGB takes 72 MB."""
MAX_SVG_RASTER_PIXELS = MAX_DECODED_IMAGE_BYTES // 4
"""Pixels of a raster an SVG draws: it is decoded as RGBA (4 bytes a pixel)."""
MAX_SVG_ELEMENTS = 10_000
"""Elements of one SVG (shapes, groups, texts): a chart has hundreds, a detailed map a few
thousand; svglib takes a fifth of a millisecond for each."""
MAX_SVG_NUMBER = 1e9
"""Largest coordinate or length in an SVG (a map in metres reaches 2e7); more cannot be
written into a PDF once the drawing is scaled to the page."""
MIN_SVG_SIZE = 1e-3
"""Smallest width or height of an SVG in points: scaling a smaller one to the page would
blow its coordinates past what a PDF can hold."""
MAX_INLINE_NESTING = 20
"""Emphasis, strong text and links nested in one another; real text nests two or three
(a link in bold in italics). A run of ``*`` can nest thousands deep, and each level costs
a step of recursion in every stage after the parser."""
MAX_BLOCKS = 15_000
"""Paragraphs, list items, headings and table rows of one report's body (notes not
counted): a report of thirty pages has a few hundred. The layout takes a third of a
millisecond for each, so a body of 100,000 one-line list items would take half a minute;
such a file is an export gone wrong, not a report."""
MAX_PROBLEMS_PER_FILE = 20
"""Problems printed for one file; the rest are counted (99,000 alias errors would print
megabytes that nobody reads)."""


def max_data_bytes() -> int:
    """The data-file size limit in bytes (a bad value in the environment: the default)."""
    return _limit_from_environment(MAX_DATA_BYTES_VARIABLE, DEFAULT_MAX_DATA_BYTES)


def _limit_from_environment(variable: str, default: int) -> int:
    value = os.environ.get(variable, "").strip().replace("_", "")
    try:
        limit = int(value)
    except ValueError:
        return default
    return limit if limit > 0 else default


BUILD_SECONDS_VARIABLE = "LAGEBERICHT_BUILD_SECONDS"
DEFAULT_BUILD_SECONDS = 60.0
"""Wall time one report's build may take (``--timeout``, the environment, ``[build]
timeout``); a report over it fails, the batch goes on."""
BUILD_MEMORY_VARIABLE = "LAGEBERICHT_BUILD_MEMORY"
DEFAULT_BUILD_MEMORY_MIB = 1024
"""Memory (MiB) one report's build may take on top of what the process holds when it
starts it (``--memory``, the environment, ``[build] memory``)."""

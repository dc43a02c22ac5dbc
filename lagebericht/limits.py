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
    value = os.environ.get(MAX_REPORT_BYTES_VARIABLE, "").strip().replace("_", "")
    try:
        limit = int(value)
    except ValueError:
        return DEFAULT_MAX_REPORT_BYTES
    return limit if limit > 0 else DEFAULT_MAX_REPORT_BYTES


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

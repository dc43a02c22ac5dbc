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


BUILD_SECONDS_VARIABLE = "LAGEBERICHT_BUILD_SECONDS"
DEFAULT_BUILD_SECONDS = 60.0
"""Wall time one report's build may take (``--timeout``, the environment, ``[build]
timeout``); a report over it fails, the batch goes on."""
BUILD_MEMORY_VARIABLE = "LAGEBERICHT_BUILD_MEMORY"
DEFAULT_BUILD_MEMORY_MIB = 1024
"""Memory (MiB) one report's build may take on top of what the process holds when it
starts it (``--memory``, the environment, ``[build] memory``)."""

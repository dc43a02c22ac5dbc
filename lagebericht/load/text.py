"""File bytes → text: UTF-8 (with or without BOM), newlines normalised to ``\\n``."""

from __future__ import annotations

import codecs
from pathlib import Path

from lagebericht.problems import InputError, Problem


def decode_text(path: Path, data: bytes) -> str:
    """Decode ``data`` read from ``path`` as UTF-8; a bad byte is an error at its position."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError([_bad_byte(path, data, error.start)]) from None
    # Word processors on Windows save CRLF, old Mac editors CR alone: both mean a line end.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _bad_byte(path: Path, data: bytes, offset: int) -> Problem:
    line = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    # Count characters, not bytes, so the column matches what an editor shows.
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Problem(
        path,
        line,
        column,
        f"file is not UTF-8 text: byte 0x{data[offset]:02X} cannot be read; "
        "save the file with the encoding UTF-8",
    )

"""File bytes → text: UTF-8 (with or without BOM), newlines normalised to ``\\n``, characters
to their composed form (Unicode NFC)."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from lagebericht.problems import Code, InputError, Problem


def decode_text(path: Path, data: bytes) -> str:
    """Decode ``data`` read from ``path`` as UTF-8; a bad byte is an error at its position."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError([_bad_byte(path, data, error.start)]) from None
    # Word processors on Windows save CRLF, old Mac editors CR alone: both mean a line end.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems = [_control(path, text, match.start()) for match in _CONTROLS.finditer(text)]
    if problems:
        raise InputError(problems[:_MAX_CONTROLS])
    # "й" written as и + U+0306 (text copied out of a PDF, some macOS programs): the same
    # text, but reportlab would draw the breve where the font puts it for a lowercase
    # letter, and neither the hyphenation dictionaries nor the kerning know the pair.
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


# C0 and C1 control characters other than tab and line end: never typed on purpose (a NUL
# from a broken export, a bell pasted from a terminal); the Markdown parser would turn a NUL
# into U+FFFD and the PDF would show a box or nothing.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROLS = 10


def _control(path: Path, text: str, offset: int) -> Problem:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    code = ord(text[offset])
    return Problem(
        path,
        line,
        column,
        f"the control character U+{code:04X} is not text; remove it (it may come from "
        "copying out of another program)",
        code=Code.ENCODING,
    )


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
        code=Code.ENCODING,
    )

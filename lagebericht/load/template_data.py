"""The data files named in a template report's ``data:`` list, read for its template.

Each file must lie in the report's folder or below it (checked after resolving symlinks, so
a link cannot reach out). A file is exposed by its stem: ``daten/kennzahlen.csv`` →
``kennzahlen``.

- YAML (``.yaml``, ``.yml``): one mapping, read like the front matter, so every scalar is
  text except ``null`` and ``true``/``false`` (``8.4`` is the text ``"8.4"``; the
  ``number`` filter and Jinja's ``float``/``int`` filters turn it into a number).
- CSV (``.csv``): UTF-8 (a BOM is fine), the first row names the columns; a list of
  mappings, one per row, values as text. Columns are separated by ``,`` or, if the header
  has more of them, by ``;`` (spreadsheets in German locales save that way).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path, PurePosixPath, PureWindowsPath

from lagebericht.load.files import on_disk, read_data_file
from lagebericht.load.text import decode_text
from lagebericht.load.yaml_tree import KeyPath, Location, parse_yaml_mapping
from lagebericht.problems import Code, InputError, Problem

_YAML = (".yaml", ".yml")
_CSV = (".csv",)
RESERVED = frozenset({"report", "data"})
"""Names the template sees besides the data files' stems."""


def read_data_files(
    report: Path, entries: object, locations: Mapping[KeyPath, Location]
) -> dict[str, object]:
    """``{stem: value}`` for the ``data:`` value of the report at ``report``.

    ``locations`` are the front matter's; problems about an entry point at its line.
    Raises :class:`InputError` with every problem found.
    """
    if entries is None:
        return {}
    if not isinstance(entries, list) or not all(isinstance(entry, str) for entry in entries):
        line, column = locations.get(("data",), (1, 1))
        raise InputError(
            [
                Problem(
                    report, line, column, "data: expected a list of file names", code=Code.DATA_FILE
                )
            ]
        )
    data: dict[str, object] = {}
    problems: list[Problem] = []
    for index, entry in enumerate(entries):
        line, column = locations.get(("data", index), (1, 1))
        try:
            path = _data_path(report, entry)
            stem = _stem(Path(entry))  # as written: the file may be named decomposed
            if stem in data or stem in RESERVED:
                taken = "reserved" if stem in RESERVED else "already used by another data file"
                raise _EntryError(f"the name `{stem}` is {taken}; rename the file")
            data[stem] = _read(path)
        except _EntryError as error:
            problems.append(
                Problem(report, line, column, f"data: {entry}: {error}", code=Code.DATA_FILE)
            )
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return data


class _EntryError(Exception):
    """Something wrong with one ``data:`` entry, reported at its line."""


def _data_path(report: Path, entry: str) -> Path:
    """The data file named by ``entry``, as the author would write it (not resolved)."""
    if not entry.strip():
        raise _EntryError("the file name is empty")
    if PurePosixPath(entry).is_absolute() or PureWindowsPath(entry).is_absolute():
        raise _EntryError("write the path relative to the report's folder, not absolute")
    folder = report.parent
    path = on_disk(folder / entry)
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        raise _EntryError("no such file beside the report") from None
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop (Python < 3.13)
        raise _EntryError(f"cannot read the file: {error}") from None
    if not resolved.is_relative_to(folder.resolve()):
        raise _EntryError(
            "the file is outside the report's folder; data files must lie in the "
            "report's folder or below it"
        )
    if not resolved.is_file():
        raise _EntryError("not a file")
    return path


def _stem(path: Path) -> str:
    return path.name[: -len(path.suffix)] if path.suffix else path.name


def _read(path: Path) -> object:
    suffix = path.suffix.lower()
    if suffix not in (*_YAML, *_CSV):
        raise _EntryError(
            f"unknown type of data file `{path.suffix or path.name}`; use .yaml, .yml or .csv"
        )
    text = decode_text(path, read_data_file(path))
    if suffix in _YAML:
        return parse_yaml_mapping(path, text, 1, (1, 1), "data file").data
    return read_csv(path, text)


def read_csv(path: Path, text: str) -> list[dict[str, str]]:
    """Rows of a CSV text as mappings by column name; raises :class:`InputError`."""
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows: list[dict[str, str]] = []
    problems: list[Problem] = []
    try:
        columns = next(reader, None)
        if not columns or not any(name.strip() for name in columns):
            raise InputError(
                [
                    Problem(
                        path,
                        1,
                        None,
                        "CSV: the first line must name the columns",
                        code=Code.DATA_FILE,
                    )
                ]
            )
        names = [name.strip() for name in columns]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates or "" in names:
            what = (
                f"the column `{duplicates[0]}` appears twice"
                if duplicates
                else "a column has no name"
            )
            raise InputError(
                [Problem(path, 1, None, f"CSV: {what} in the first line", code=Code.DATA_FILE)]
            )
        for row in reader:
            if not any(value.strip() for value in row):
                continue  # a blank line
            if len(row) != len(names):
                problems.append(
                    Problem(
                        path,
                        reader.line_num,
                        None,
                        f"CSV: {len(row)} values, but the first line names {len(names)} columns",
                        code=Code.DATA_FILE,
                    )
                )
                continue
            rows.append(dict(zip(names, row, strict=True)))
    except csv.Error as error:
        raise InputError(
            [Problem(path, reader.line_num or 1, None, f"CSV: {error}", code=Code.DATA_FILE)]
        ) from None
    if problems:
        raise InputError(problems)
    return rows

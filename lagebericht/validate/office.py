"""Resolve ``office:``: a key of an ``offices/<key>.yaml`` file, or an inline mapping."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from lagebericht.load import RawDocument
from lagebericht.load.yaml_tree import YamlMapping, read_yaml_file
from lagebericht.model import Office
from lagebericht.problems import InputError, Problem
from lagebericht.validate.messages import closest, describe, expected
from lagebericht.validate.pydantic_errors import validation_problems

OFFICES_FOLDER = "offices"


def resolve_office(raw: RawDocument) -> tuple[Office | None, list[Problem]]:
    """The report's office, or the problems that prevent it (in the report or office file)."""
    value = raw.front_matter.get("office")
    line, column = raw.locations.get(("office",), (1, 1))
    if "office" not in raw.front_matter:
        return None, [Problem(raw.path, 1, 1, f"office: missing; expected {expected('office')}")]
    if isinstance(value, dict):
        inline = YamlMapping(value, raw.locations, raw.key_locations)
        return _validated(raw.path, inline, ("office",))
    if not isinstance(value, str) or not value.strip():
        message = f"office: expected {expected('office')}, got {describe(value)}"
        return None, [Problem(raw.path, line, column, message)]
    key = value.strip()
    folder = find_offices_folder(raw.path)
    if folder is None:
        message = (
            f'office: cannot look up "{key}": no `{OFFICES_FOLDER}` folder beside the report '
            f"or in a folder above it; add {OFFICES_FOLDER}/{key}.yaml or write the office "
            "as a mapping with `name:`"
        )
        return None, [Problem(raw.path, line, column, message)]
    known = sorted(path.stem for path in folder.glob("*.yaml") if path.is_file())
    if key not in known:
        match = closest(key, known)
        message = (
            f'office: unknown office "{key}"'
            + (f'; did you mean "{match}"?' if match else "")
            + f"; known offices: {', '.join(known) or 'none'} (files in {folder})"
        )
        return None, [Problem(raw.path, line, column, message)]
    try:
        mapping = read_yaml_file(folder / f"{key}.yaml", what="office file")
    except InputError as error:
        return None, list(error.problems)
    return _validated(folder / f"{key}.yaml", mapping, ())


def find_offices_folder(report: Path) -> Path | None:
    """The ``offices/`` folder of the nearest ancestor folder of ``report`` that has one."""
    for folder in _ancestors(report):
        candidate = folder / OFFICES_FOLDER
        if candidate.is_dir():
            return candidate
    return None


def _ancestors(report: Path) -> Iterator[Path]:
    # Relative paths stay relative as long as possible, so messages name short paths.
    start = report.parent
    if start.is_absolute() or ".." in start.parts:
        start = start.resolve()
        yield from (start, *start.parents)
        return
    yield from (start, *start.parents)
    yield from Path.cwd().parents


def _validated(
    path: Path, mapping: YamlMapping, prefix: tuple[str | int, ...]
) -> tuple[Office | None, list[Problem]]:
    try:
        return Office.model_validate(mapping.data), []
    except ValidationError as error:
        return None, validation_problems(
            error, Office, path, mapping.locations, mapping.key_locations, prefix
        )

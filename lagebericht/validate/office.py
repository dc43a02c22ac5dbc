"""Resolve ``office:``: a key of an ``offices/<key>.yaml`` file, or an inline mapping."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from lagebericht.limits import MAX_OFFICE_BYTES, describe_bytes
from lagebericht.load import RawDocument
from lagebericht.load.files import read_regular
from lagebericht.load.offices import OFFICES_FOLDER, find_offices_folder, project_root
from lagebericht.load.text import decode_text
from lagebericht.load.yaml_tree import YamlMapping, key_path_name, parse_yaml_mapping
from lagebericht.model import Office
from lagebericht.problems import Code, InputError, Problem
from lagebericht.validate.front_matter import line_field_problems
from lagebericht.validate.messages import expected
from lagebericht.validate.pydantic_errors import validation_problems
from lagebericht.wording import closest, describe

__all__ = ["OFFICES_FOLDER", "find_offices_folder", "resolve_office"]


def resolve_office(raw: RawDocument) -> tuple[Office | None, list[Problem]]:
    """The report's office, or the problems that prevent it (in the report or office file)."""
    value = raw.front_matter.get("office")
    line, column = raw.locations.get(("office",), (1, 1))
    if "office" not in raw.front_matter:
        return None, [
            Problem(
                raw.path,
                1,
                1,
                f"office: missing; expected {expected('office')}",
                code=Code.MISSING_FIELD,
            )
        ]
    if isinstance(value, dict):
        inline = YamlMapping(value, raw.locations, raw.key_locations)
        return _validated(raw.path, inline, ("office",))
    if not isinstance(value, str) or not value.strip():
        message = f"office: expected {expected('office')}, got {describe(value)}"
        return None, [Problem(raw.path, line, column, message, code=Code.INVALID_VALUE)]
    key = value.strip()
    folder = find_offices_folder(raw.path)
    if folder is None:
        message = (
            f'office: cannot look up "{key}": no `{OFFICES_FOLDER}` folder beside the report '
            f"or in a folder above it inside the project folder {project_root(raw.path)} "
            "(a link out of it is not followed); "
            f"add {OFFICES_FOLDER}/{key}.yaml or write the office as a mapping with `name:`"
        )
        return None, [Problem(raw.path, line, column, message, code=Code.UNKNOWN_OFFICE)]
    known = sorted(path.stem for path in folder.glob("*.yaml") if path.is_file())
    if key not in known:
        match = closest(key, known)
        message = (
            f'office: unknown office "{key}"'
            + (f'; did you mean "{match}"?' if match else "")
            + f"; known offices: {', '.join(known) or 'none'} (files in {folder})"
        )
        return None, [Problem(raw.path, line, column, message, code=Code.UNKNOWN_OFFICE)]
    office_file = folder / f"{key}.yaml"
    if not office_file.resolve().is_relative_to(folder.resolve()):
        # A link out of the folder could make error messages show another file's text.
        message = (
            f"office: the office file {office_file} is a link to a file outside "
            f"{folder}; copy the file into the folder instead"
        )
        return None, [Problem(raw.path, line, column, message, code=Code.UNKNOWN_OFFICE)]
    try:
        mapping = _read_office_file(office_file)
    except InputError as error:
        return None, list(error.problems)
    return _validated(office_file, mapping, ())


def _read_office_file(path: Path) -> YamlMapping:
    too_large = (
        f"the office file is larger than {describe_bytes(MAX_OFFICE_BYTES)}; an office file "
        "holds a dozen one-line fields: is it the right file?"
    )
    data = read_regular(path, MAX_OFFICE_BYTES, too_large)
    return parse_yaml_mapping(path, decode_text(path, data), 1, (1, 1), "office file")


def _validated(
    path: Path, mapping: YamlMapping, prefix: tuple[str | int, ...]
) -> tuple[Office | None, list[Problem]]:
    try:
        office = Office.model_validate(mapping.data)
    except ValidationError as error:
        return None, validation_problems(
            error, Office, path, mapping.locations, mapping.key_locations, prefix
        )
    fields = Office.model_fields
    too_long = line_field_problems(path, mapping.data, mapping.locations, fields, prefix)
    if too_long:
        return None, too_long
    if office.web is not None and not _is_web_address(office.web):
        line, column = mapping.locations.get((*prefix, "web"), (1, 1))
        name = key_path_name((*prefix, "web"))
        message = (
            f"{name}: expected {expected('web')} starting with https:// or http:// "
            f"(or none, like www.example.org), got {describe(office.web)}"
        )
        return None, [Problem(path, line, column, message, code=Code.INVALID_VALUE)]
    return office, []


_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
_WEB_SCHEMES = frozenset({"http", "https"})


def _is_web_address(web: str) -> bool:
    """``https://…``, ``http://…`` or an address without a scheme (``www.example.org``).

    The imprint links to it: ``javascript:``, ``file:`` or ``data:`` must never become a
    link in the PDF. ``example.org:8080`` is a host with a port, not a scheme.
    """
    match = _SCHEME.match(web)
    if match is None:
        return True
    scheme = match.group(1)
    if scheme.lower() in _WEB_SCHEMES:
        return True
    return "." in scheme and web[match.end() : match.end() + 1].isdigit()

"""Map a pydantic ``ValidationError`` back to the YAML lines the author wrote."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from lagebericht.load import KeyPath, Location
from lagebericht.load.yaml_tree import key_path_name
from lagebericht.problems import Code, Problem
from lagebericht.validate.messages import expected
from lagebericht.wording import describe, did_you_mean


def validation_problems(
    error: ValidationError,
    model: type[BaseModel],
    path: Path,
    locations: Mapping[KeyPath, Location],
    key_locations: Mapping[KeyPath, Location],
    prefix: KeyPath = (),
) -> list[Problem]:
    """One problem per pydantic error of validating ``model`` at ``prefix`` of the YAML tree."""
    return [
        _problem(details, model, path, locations, key_locations, prefix)
        for details in error.errors()
    ]


def _problem(
    details: ErrorDetails,
    model: type[BaseModel],
    path: Path,
    locations: Mapping[KeyPath, Location],
    key_locations: Mapping[KeyPath, Location],
    prefix: KeyPath,
) -> Problem:
    loc = tuple(details["loc"])
    full = (*prefix, *loc)
    name = key_path_name(full)
    field = next((part for part in reversed(full) if isinstance(part, str)), "")
    kind = details["type"]
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        line, column = key_locations.get(full) or _nearest(locations, full)
        message = f"{name}: unknown field{did_you_mean(field, known)}"
        return Problem(path, line, column, message, code=Code.UNKNOWN_FIELD)
    if kind == "missing":
        # Nothing to point at: point at the mapping that should have held the field.
        line, column = _nearest(locations, full[:-1])
        message = f"{name}: missing; expected {expected(field)}"
        return Problem(path, line, column, message, code=Code.MISSING_FIELD)
    line, column = _nearest(locations, full)
    if kind == "value_error":
        reason = str(details.get("ctx", {}).get("error", details["msg"]))
        message = f"{name}: {reason}; expected {expected(field)}"
        return Problem(path, line, column, message, code=Code.INVALID_VALUE)
    found = describe(details.get("input"))
    message = f"{name}: expected {expected(field)}, got {found}"
    return Problem(path, line, column, message, code=Code.INVALID_VALUE)


def _nearest(locations: Mapping[KeyPath, Location], key_path: KeyPath) -> Location:
    """The position of ``key_path`` or, if it is not written in the file, of its parent."""
    for end in range(len(key_path), -1, -1):
        if key_path[:end] in locations:
            return locations[key_path[:end]]
    return (1, 1)


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the (nested) model found at ``loc``, for "did you mean" suggestions."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, str):
            info = current.model_fields.get(part)
            current = _model_in(info.annotation) if info else None
    return list(current.model_fields) if current else []


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The model class inside an annotation such as ``Person | None`` or ``tuple[Person, ...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for argument in typing.get_args(annotation):
            found = _model_in(argument)
            if found is not None:
                return found
    return None

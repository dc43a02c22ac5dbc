"""Wording shared by every check, of reports and themes alike: how a found value is shown,
and which known name a misspelt one most likely meant."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable


def describe(value: object) -> str:
    """A found value as the author would recognise it: ``"5 July 2024"``, ``a list``…"""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (fields with values)"
    return str(value)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice that ``word`` most likely misspells, if any is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``; did you mean "title"?`` for a close match, else the known choices; never empty."""
    options = sorted(choices)
    match = closest(word, options)
    if match is not None:
        return f'; did you mean "{match}"?'
    return "; known fields: " + ", ".join(options)

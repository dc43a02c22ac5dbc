"""``lagebericht schema``: the JSON Schema of the front matter, for editors and linters."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The dialect pydantic generates."""
TITLE = "lagebericht report front matter"


def _tidy(node: Any) -> Any:
    """Descriptions as single lines with Markdown code marks (editors show them in hovers)."""
    if isinstance(node, dict):
        return {
            key: " ".join(value.split()).replace("``", "`")
            if key == "description" and isinstance(value, str)
            else _tidy(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    return node


def body_note() -> str:
    """What the schema cannot check but an author of the front matter needs next: the
    body's figure syntax with its alternative text (the one body construct with a
    required part beyond Markdown)."""
    from lagebericht.validate.figures_block import ALT_KEY, DECORATIVE

    return (
        "The Markdown body below the front matter is not described by this schema. A figure "
        'there is a paragraph of its own: `![Caption](bilder/karte.png "Credit")` and, on the '
        f"line below, `{ALT_KEY}: what the image shows` for readers who cannot see it "
        f"(`{ALT_KEY}: {DECORATIVE}` for an image that only decorates)."
    )


def front_matter_schema() -> dict[str, Any]:
    """``FrontMatter.model_json_schema()`` with ``$schema``, a title, tidied descriptions
    and, in the top description, :func:`body_note`."""
    from lagebericht.model import FrontMatter

    schema: dict[str, Any] = _tidy(FrontMatter.model_json_schema())
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = TITLE
    schema["description"] = f"{schema['description']} {body_note()}"
    return schema


def schema_json() -> str:
    """The schema as text: sorted keys, indent 2, final newline, so that it diffs well and
    is the same bytes on every run."""
    return json.dumps(front_matter_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

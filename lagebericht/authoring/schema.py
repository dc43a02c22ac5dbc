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


def front_matter_schema() -> dict[str, Any]:
    """``FrontMatter.model_json_schema()`` with ``$schema``, a title and tidied descriptions."""
    from lagebericht.model import FrontMatter

    schema: dict[str, Any] = _tidy(FrontMatter.model_json_schema())
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = TITLE
    return schema


def schema_json() -> str:
    """The schema as text: sorted keys, indent 2, final newline, so that it diffs well and
    is the same bytes on every run."""
    return json.dumps(front_matter_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

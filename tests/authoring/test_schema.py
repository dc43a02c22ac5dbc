"""``lagebericht schema``: valid, documented, deterministic JSON Schema of the front matter."""

from __future__ import annotations

import json
from pathlib import Path

from lagebericht.authoring.schema import schema_json
from lagebericht.model import FrontMatter

from .conftest import MakeTree, run


def test_schema_documents_every_field() -> None:
    schema = json.loads(schema_json())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "lagebericht report front matter"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(FrontMatter.model_fields)
    assert set(schema["required"]) == {"date", "language", "office", "title"}
    for name, prop in schema["properties"].items():
        assert prop["description"], name
        assert "\n" not in prop["description"] and "``" not in prop["description"]
    assert schema["properties"]["date"]["format"] == "date"
    assert "kasachstan" in schema["properties"]["office"]["description"]
    assert schema["$defs"]["Office"]["required"] == ["name"]


def test_schema_is_byte_identical_and_sorted() -> None:
    first, second = schema_json(), schema_json()
    assert first == second
    assert first.endswith("}\n")
    assert (
        first == json.dumps(json.loads(first), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )


def test_schema_command_prints_to_stdout() -> None:
    ran = run(["schema"])
    assert ran.status == 0
    assert ran.out == schema_json()
    assert ran.err == ""


def test_schema_command_writes_a_file(tree: MakeTree) -> None:
    root = tree({})
    ran = run(["schema", "-o", "editor/front-matter.schema.json"])
    assert ran.status == 0, ran.err
    written = (root / "editor/front-matter.schema.json").read_bytes()
    assert written == schema_json().encode("utf-8")
    assert ran.out == f"wrote {Path('editor/front-matter.schema.json')}\n"


def test_schema_command_reports_an_unwritable_file(tree: MakeTree) -> None:
    tree({"blocker": "a file, not a folder"})
    ran = run(["schema", "-o", "blocker/schema.json"])
    assert ran.status == 1
    assert ran.err.startswith("lagebericht schema: cannot write blocker/schema.json")

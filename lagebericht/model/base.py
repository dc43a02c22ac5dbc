"""Shared configuration of every content model."""

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    """Immutable and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Documented(Frozen):
    """A :class:`Frozen` model of the front matter, whose attribute docstrings become the
    field descriptions of the exported JSON Schema and of ``lagebericht new``.

    Only these models read them: pydantic parses the class source for that, which slows
    every build's start.
    """

    model_config = ConfigDict(use_attribute_docstrings=True)

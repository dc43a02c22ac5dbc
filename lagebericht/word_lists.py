"""The ``nohyphen:`` word lists of themes and reports: words the layout never hyphenates.

An entry is one word (a hyphenated compound such as ``Kassym-Schomart`` counts as one); it
is compared casefolded with each word of the text and with each part of a hyphenated
compound, so ``Guterres`` keeps "Guterres" and "Guterres-Plan" whole.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

MAX_NOHYPHEN_CHARS = 100  # longer than any word: a pasted sentence, not a name


def _one_word(value: str) -> str:
    word = value.strip()
    if not word:
        raise ValueError("a word must not be empty")
    if any(ch.isspace() for ch in word):
        raise ValueError(f"one word per entry, without spaces: {word!r}")
    if len(word) > MAX_NOHYPHEN_CHARS:
        raise ValueError(f"at most {MAX_NOHYPHEN_CHARS} characters, this is {len(word):,}")
    return word


NohyphenWord = Annotated[
    str,
    AfterValidator(_one_word),
    Field(json_schema_extra={"pattern": r"^\S+$", "maxLength": MAX_NOHYPHEN_CHARS}),
]

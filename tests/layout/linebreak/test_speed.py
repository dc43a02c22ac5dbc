"""Time linear in the paragraph: a 1.9 MB paragraph and an 80,000-character word each set
within 10 s (the issue's bound; ``-m slow``, measured in benchmarks/README.md), and in the
default run smaller ones whose work grows no faster than the text — counted, not timed,
so that a busy machine cannot fail them."""

from __future__ import annotations

import random
import time
import tracemalloc

import pytest

from lagebericht.layout.hyphenation import hyphenator_for
from lagebericht.layout.linebreak.builder import Run, Setting, build_items
from lagebericht.layout.linebreak.knuth_plass import Breaking, Parameters, break_lines

MEASURE = 420.0
SENTENCE = (
    "Die Mitgliedstaaten bekräftigten ihr Engagement für die Zusammenarbeit, 700 000 "
    "Einwohner; „Astana“ ist die Hauptstadt (seit 1997) und China-Russland am 20. März "
    "2019 um 40 % mehr — siehe https://example.org/bericht/2019?id=5. Он был в Москве."
)


CYRILLIC_WORD = "ы" * 80_000
# Letters of three scripts, punctuation, combining marks, joiners, dashes and emoji: the
# builder's slow paths (no plain word, grapheme clusters).
MIXED_WORD = "".join(
    random.Random(1).choice("aЖж9.,:;!?()«»\u0301\u200d-/–—漢字😀") for _ in range(80_000)
)
URL = ("https://example.org/" + "/".join(f"segment{i}?q={i}&x=y" for i in range(4000)))[:80_000]


def paragraph(characters: int) -> str:
    rnd = random.Random(characters)
    words = SENTENCE.split()
    text = " ".join(rnd.choice(words) for _ in range(characters // 5))
    return text[:characters].rstrip()


def set_text(text: str, font: str) -> tuple[Breaking, float]:
    started = time.process_time()  # CPU time: other processes on the machine do not count
    items = build_items([Run(text, font, 10)], MEASURE, Setting("de", hyphenator_for("de")))
    result = break_lines(items, [MEASURE], Parameters(emergency_stretch=20))
    return result, time.process_time() - started


def test_work_grows_linearly(font: str) -> None:
    small, _ = set_text(paragraph(20_000), font)
    large, _ = set_text(paragraph(80_000), font)
    assert large.visits < 4.6 * small.visits


def test_a_long_word_is_set_in_linear_work(font: str) -> None:
    small, _ = set_text("a" * 5_000, font)
    large, _ = set_text("a" * 20_000, font)
    assert large.visits < 4.6 * small.visits


@pytest.mark.slow
@pytest.mark.parametrize("word", [CYRILLIC_WORD, MIXED_WORD, URL], ids=["cyrillic", "mixed", "url"])
def test_an_80000_character_word_within_10_seconds(font: str, word: str) -> None:
    assert len(word) == 80_000
    result, seconds = set_text(word, font)
    assert seconds < 10, f"{seconds:.1f} s"
    assert len(result.lines) > 100


@pytest.mark.slow
def test_time_grows_linearly(font: str) -> None:
    set_text(paragraph(2000), font)  # warm the caches (dictionary, widths)
    _, small = set_text(paragraph(100_000), font)
    _, large = set_text(paragraph(400_000), font)
    assert large < 8 * small  # loosely: a quadratic breaker takes 16 times


@pytest.mark.slow
def test_a_1_9_megabyte_paragraph_within_10_seconds(font: str) -> None:
    result, seconds = set_text(paragraph(1_900_000), font)
    assert seconds < 10, f"{seconds:.1f} s"
    assert len(result.lines) > 10_000


def test_the_breaker_needs_little_memory_beyond_the_items(font: str) -> None:
    # Prefix sums and breaks in arrays of numbers, not lists of objects: a 1.9 MB
    # paragraph has a million items.
    items = build_items(
        [Run(paragraph(50_000), font, 10)], MEASURE, Setting("de", hyphenator_for("de"))
    )
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        break_lines(items, [MEASURE], Parameters(emergency_stretch=20))
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert peak < 100 * len(items), f"{peak / len(items):.0f} bytes per item"

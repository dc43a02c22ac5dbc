"""Report templates are bounded while they run: sizes are checked before values are built.

Each hostile template of issue 14 is refused with a message at its template line, and the
peak memory while trying stays small (the sizes asked for are gigabytes, so a check after
building would show). Normal templates keep working.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

import lagebericht.load.template_bounds
from lagebericht.load import read_document
from lagebericht.problems import InputError, Problem
from tests.files import WriteFiles
from tests.load.test_template import BODY_LINE, FRONT, Extra, render, write

PEAK_LIMIT = 40_000_000
"""Bytes Python may allocate while refusing a template (compiling one takes a few MB)."""


@pytest.fixture(autouse=True)
def _default_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAGEBERICHT_MAX_REPORT_BYTES", raising=False)


@pytest.fixture
def few_steps(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A low step limit, so that tests of endless work end in milliseconds."""
    monkeypatch.setattr(lagebericht.load.template_bounds, "MAX_TEMPLATE_STEPS", 5_000)
    yield


def refused(
    files: WriteFiles, body: str, extra: Extra = None, front: str = FRONT, *, measure: bool = True
) -> Problem:
    """The one problem reading the template gives; the peak memory stays small (measured
    unless ``measure`` is false: tracing makes Python several times slower)."""
    path = write(files, body, extra, front)
    if measure:
        tracemalloc.start()
    try:
        with pytest.raises(InputError) as caught:
            read_document(path)
        _, peak = tracemalloc.get_traced_memory()  # (0, 0) when not tracing
    finally:
        tracemalloc.stop()
    assert peak < PEAK_LIMIT, f"{peak:,} bytes allocated before refusing"
    problems = caught.value.problems
    assert len(problems) == 1, problems
    assert problems[0].path == path
    return problems[0]


# --- values built by operators, methods and filters ------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "'%0999999999d' % 1",
        "'%.999999999f' % 1",
        "'%*d' % (999999999, 1)",
        "'%(a)999999999s' % {'a': 1}",
        "'%999999999s' | format(1)",
        "'x'.center(999999999)",
        "'x'.ljust(999999999)",
        "'x'.rjust(width=999999999)",
        "'7'.zfill(999999999)",
        "('\\t' * 1000).expandtabs(9999999)",
        "'{:>999999999}'.format(1)",
        "'{:{w}}'.format(1, w=999999999)",
        "'{x:.999999999f}'.format_map({'x': 1})",
        "'x' | center(999999999)",
        "('a\\n' * 1000) | indent(9999999)",
        "('a' * 100000).replace('', 'x' * 1000)",
        "('a' * 100000) | replace('a', 'x' * 1000)",
        "('x' * 1000).translate({120: 'y' * 100000})",
        "'x' * 1000000000",
        "[1] * 1000000000",
        "('x' * 1500000) + ('x' * 1500000)",
        "('x' * 1500000) ~ ('x' * 1500000)",
        "9 ** 99999999",
        "(7 ** 50000) * (7 ** 50000)",
        "[1] | batch(999999999, 0) | list",
        "[1] | slice(999999999, 0) | list",
        "lipsum(100000, max=1000)",
        "['a', 'b'] | map('center', 999999999) | list",
        "('x' | center(1000)) | wordwrap(1, wrapstring='-' * 10000)",
        "([[1] * 1000] * 2000) | sum(start=[])",
        "'%0999999999d'.encode() % 1",
        "'x'.encode() * 999999999",
        "'x'.encode().center(999999999)",
        "''.encode().join([('x' * 10000).encode()] * 1000)",
        "('http://a.de ' * 10000) | urlize(target='_' * 1000)",
    ],
)
def test_values_too_large_are_refused_before_they_are_built(
    files: WriteFiles, expression: str
) -> None:
    found = refused(files, f"a\n\n{{{{ {expression} }}}}\n")
    assert found.line == BODY_LINE + 2
    assert found.message.startswith("template: not allowed: "), found.message


def test_the_message_names_the_limit(files: WriteFiles) -> None:
    found = refused(files, "{{ 'x'.center(999999999) }}\n")
    assert found.message == (
        "template: not allowed: `.center()` would make 999,999,999 characters or items, "
        "more than the 2,000,000 a report may have (LAGEBERICHT_MAX_REPORT_BYTES)"
    )
    assert found.format().endswith(f"bericht.md.j2:{BODY_LINE}: {found.message}")


def test_the_limit_follows_the_report_size_limit(
    files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert render(files, "{{ 'x'.center(50000) | length }}").body == "50000"
    monkeypatch.setenv("LAGEBERICHT_MAX_REPORT_BYTES", "10000")
    found = refused(files, "{{ 'x'.center(50000) | length }}")
    assert "more than the 10,000 a report may have" in found.message


def test_joining_many_references_to_a_long_text(files: WriteFiles) -> None:
    # A list of references is small in memory; the joined text is not.
    body = "{% set long = 'x' * 20000 %}\n{% set many = [long] * 2000 %}\n"
    assert refused(files, body + "{{ many | join }}\n").line == BODY_LINE + 2
    assert refused(files, body + "{{ ''.join(many) }}\n").line == BODY_LINE + 2
    generated = body + "{{ many | map('string') | join(', ') }}\n"
    assert refused(files, generated).line == BODY_LINE + 2
    assert refused(files, body + "{{ ''.join(many | map('string')) }}\n").line == BODY_LINE + 2


@pytest.mark.parametrize(
    "printed",
    ["nested", "nested | string", "nested | tojson", "nested | pprint", "'%s' % (nested,)"],
)
def test_printing_a_nested_list_that_is_huge_as_text(files: WriteFiles, printed: str) -> None:
    body = "{% set nested = [['x' * 1000000] * 1000] * 1000 %}\n\n" + f"{{{{ {printed} }}}}\n"
    found = refused(files, body)
    assert found.line == BODY_LINE + 2
    assert "would make" in found.message


def test_yaml_aliases_of_a_long_text_joined(files: WriteFiles) -> None:
    # The data file itself is refused: too many aliases, at the line that uses one.
    aliases = "".join("  - *long\n" for _ in range(2000))
    data = f"long: &long {'x' * 20000}\nmany:\n{aliases}"
    front = FRONT.replace("daten/werte.yaml", "daten/viel.yaml")
    with pytest.raises(InputError) as caught:
        render(files, "{{ viel.many | join }}\n", front=front, extra={"r/daten/viel.yaml": data})
    [found] = caught.value.problems
    assert found.path.name == "viel.yaml"
    assert found.line == 2
    assert "more than 1,000 uses of aliases" in found.message


def test_squaring_in_a_loop(files: WriteFiles) -> None:
    body = (
        "{% set ns = namespace(x=3) %}\n"
        "{% for i in range(40) %}\n"
        "{% set ns.x = ns.x * ns.x %}\n"
        "{% endfor %}\n"
    )
    found = refused(files, body)
    assert found.line == BODY_LINE + 2
    assert "digits" in found.message


@pytest.mark.parametrize("operator", ["~", "+"])
def test_doubling_a_text_in_a_loop(files: WriteFiles, operator: str) -> None:
    body = (
        "{% set ns = namespace(s='x') %}\n"
        "{% for i in range(60) %}\n"
        f"{{% set ns.s = ns.s {operator} ns.s %}}\n"
        "{% endfor %}\n"
    )
    assert refused(files, body).line == BODY_LINE + 2


def test_doubling_a_text_in_a_set_block(files: WriteFiles) -> None:
    body = (
        "{% set ns = namespace(s='x') %}\n"
        "{% for i in range(60) %}\n"
        "{% set ns.s %}{{ ns.s }}{{ ns.s }}{% endset %}\n"
        "{% endfor %}\n"
    )
    assert refused(files, body).line == BODY_LINE + 2


def test_literal_text_collected_in_a_loop(
    files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAGEBERICHT_MAX_REPORT_BYTES", "10000")
    body = "{% set s %}\n{% for i in range(100) %}\n" + "x" * 1000 + "\n{% endfor %}{% endset %}\n"
    found = refused(files, body)
    assert found.line == BODY_LINE + 2
    assert "collects more than 40,000 characters" in found.message


def test_wordwrap_of_a_long_word(files: WriteFiles) -> None:
    started = time.monotonic()
    found = refused(files, "a\n{{ ('x' * 1000000) | wordwrap(1) }}\n")
    assert time.monotonic() - started < 2
    assert found.line == BODY_LINE + 1
    assert "wordwrap" in found.message


def test_wordwrap_with_a_long_wrapstring(files: WriteFiles) -> None:
    found = refused(files, "a\n{{ ('a ' * 100000) | wordwrap(1, wrapstring='-' * 100) }}\n")
    assert found.line == BODY_LINE + 1


# --- work and output, counted as they grow ---------------------------------------------------


def test_a_small_template_with_a_long_output(files: WriteFiles) -> None:
    # 174 bytes rendering a 4 MB paragraph: stopped at the 2 MB report limit.
    body = "{% for i in range(40000) %}{{ 'Lorem ipsum dolor sit amet ' * 4 }}{% endfor %}\n"
    found = refused(files, "a\n" + body)
    assert found.line == BODY_LINE + 1
    assert "longer than 2 MB, the limit for a report" in found.message


def test_the_output_limit_is_the_report_size_limit(
    files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "{% for i in range(1000) %}xxxxxxxxxx{% endfor %}\n"
    assert len(render(files, body).body) == 10_000
    monkeypatch.setenv("LAGEBERICHT_MAX_REPORT_BYTES", "5000")
    assert "longer than 5 kB" in refused(files, body).message


def test_line_markers_do_not_count_as_output(
    files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAGEBERICHT_MAX_REPORT_BYTES", "3000")
    body = "{% for i in range(1000) %}\nx\n{% endfor %}\n"  # each "x\n" carries a marker
    assert len(render(files, body).body) == 2000


@pytest.mark.usefixtures("few_steps")
@pytest.mark.parametrize(
    "body",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
        "{% for i in range(100000) %}{% for j in range(100000) if false %}{% endfor %}"
        "{% endfor %}\n",
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
        "{{ f(40) }}\n",
        "{% set items = range(100000) | list %}"
        "{% for i in items %}{% for j in items %}{% endfor %}{% endfor %}\n",
    ],
    ids=["nested-loops", "nested-filtered-loops", "macro-fan-out", "loops-over-a-list"],
)
def test_endless_work_is_stopped(files: WriteFiles, body: str) -> None:
    found = refused(files, "a\n" + body)
    assert found.line == BODY_LINE + 1
    assert "loop iterations and calls" in found.message


def test_the_time_limit(files: WriteFiles, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lagebericht.load.template_bounds, "MAX_TEMPLATE_SECONDS", 0)
    body = "a\n{% for i in range(5000) %}{% endfor %}\n"
    found = refused(files, body)
    assert found.line == BODY_LINE + 1
    assert "longer than 0 s" in found.message


# --- normal templates ------------------------------------------------------------------------


def test_normal_formatting_still_works(files: WriteFiles) -> None:
    body = (
        "{{ '%05d|%-4s|%.2f' % (42, 'ab', 3.14159) }} {{ '{:>6}|{:.1f}'.format('x', 2.25) }} "
        "{{ 'x' | center(5) }}| {{ [1, 2, 3] | join(', ') }} {{ 'abc'.replace('b', 'xx') }} "
        "{{ 'a b c' | wordwrap(3) | replace('\\n', '/') }} {{ 'ab' ~ 3 }} {{ 2 ** 10 * 3 }} "
        "{{ [1] + [2] }} {{ 'ab' * 2 }} {{ '%(n)s' | format(n=1) }} {{ [1, 2, 3] | batch(2) "
        "| list }} {{ 'x'.zfill(3) }} {{ range(3) | map('string') | join }} "
        "{{ 'see https://a.de' | urlize(target='_blank') }}"
    )
    assert render(files, body).body == (
        "00042|ab  |3.14      x|2.2   x  | 1, 2, 3 axxc a b/c ab3 3072 [1, 2] abab 1 "
        "[[1, 2], [3]] 00x 012 "
        'see <a href="https://a.de" rel="noopener" target="_blank">https://a.de</a>'
    )


def test_loop_variables_still_work(files: WriteFiles) -> None:
    body = (
        "{% for e in werte.ereignisse %}{{ loop.index }}/{{ loop.length }}"
        "{% if loop.last %}.{% else %}, {% endif %}{% endfor %} "
        "{% for i in [[1, [2]], [3]] recursive %}{% if i is iterable %}{{ loop(i) }}"
        "{% else %}{{ i }}{% endif %}{% endfor %} "
        "{% for i in range(5) if i is odd %}{{ i }}{% endfor %}"
    )
    assert render(files, body).body == "1/2, 2/2. 123 13"


def test_the_example_report_renders_within_the_bounds() -> None:
    root = Path(__file__).resolve().parents[2]
    raw = read_document(root / "content/2024-08/astana-monatsbericht.md.j2")
    assert "## Kennzahlen" in raw.body


# --- full sizes ------------------------------------------------------------------------------


@pytest.mark.slow
def test_full_size_aliases_and_join(files: WriteFiles) -> None:
    aliases = "".join("  - *long\n" for _ in range(99000))
    data = f"long: &long {'x' * 20000}\nmany:\n{aliases}"
    front = FRONT.replace("daten/werte.yaml", "daten/viel.yaml")
    path = write(files, "{{ viel.many | join }}\n", {"r/daten/viel.yaml": data}, front)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert "uses of aliases" in caught.value.problems[0].message


@pytest.mark.slow
@pytest.mark.parametrize(
    "body",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
        "{{ f(40) }}\n",
        "{% for i in range(100000) %}{{ ('x' * 100000) | wordwrap(1) | length }}{% endfor %}\n",
    ],
)
def test_full_size_work_ends_within_seconds(files: WriteFiles, body: str) -> None:
    started = time.monotonic()
    found = refused(files, body, measure=False)
    assert time.monotonic() - started < 10
    assert found.line == BODY_LINE

"""Templated reports (``*.md.j2``): data files, sandbox, and errors at the right file line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lagebericht.load import RawDocument, read_document
from lagebericht.problems import InputError, Problem
from lagebericht.validate import read_report
from tests.files import WriteFiles

ROOT = Path(__file__).resolve().parents[2]

FRONT = """---
title: Monatsbericht
date: 2024-08-30
language: de
office: {name: Auslandsbüro Kasachstan}
data:
  - daten/werte.yaml
---
"""
BODY_LINE = 9  # the first line after FRONT
DATA_LINE = 7  # the `- daten/werte.yaml` entry

WERTE = """quelle: Nationalbank
inflation: 8.4
leer:
ereignisse:
  - titel: Zinsentscheidung
    text: Leitzins unverändert.
  - titel: Haushalt
    text: Entwurf gebilligt.
"""


Extra = dict[str, str | bytes] | None


def write(files: WriteFiles, body: str, extra: Extra = None, front: str = FRONT) -> Path:
    folder = files({"r/bericht.md.j2": front + body, "r/daten/werte.yaml": WERTE, **(extra or {})})
    return folder / "r" / "bericht.md.j2"


def render(files: WriteFiles, body: str, extra: Extra = None, front: str = FRONT) -> RawDocument:
    return read_document(write(files, body, extra, front))


def problem(files: WriteFiles, body: str, extra: Extra = None, front: str = FRONT) -> Problem:
    with pytest.raises(InputError) as caught:
        render(files, body, extra, front)
    found = caught.value.problems
    assert len(found) == 1, found
    return found[0]


# --- rendering -----------------------------------------------------------------------------


def test_yaml_data_by_stem_and_in_data(files: WriteFiles) -> None:
    raw = render(
        files,
        "Quelle: {{ werte.quelle }} / {{ data['werte'].quelle }}\n"
        "{% for e in werte.ereignisse %}\n"
        "- **{{ e.titel }}:** {{ e.text }}\n"
        "{% endfor %}\n"
        "Ende\n",
    )
    assert raw.body == (
        "Quelle: Nationalbank / Nationalbank\n"
        "- **Zinsentscheidung:** Leitzins unverändert.\n"
        "- **Haushalt:** Entwurf gebilligt.\n"
        "Ende\n"
    )
    assert raw.body_line == BODY_LINE


def test_yaml_scalars_are_text(files: WriteFiles) -> None:
    raw = render(files, "{{ werte.inflation is string }} {{ werte.inflation | float + 1 }}")
    assert raw.body == "True 9.4"


def test_csv_data_is_a_list_of_rows(files: WriteFiles) -> None:
    front = FRONT.replace("daten/werte.yaml", "kennzahlen.csv")
    csv = "\ufeffname;wert\nInflation;8.4\n\nLeitzins;14.25\n".encode()
    raw = render(
        files,
        "{% for k in kennzahlen %}{{ k.name }}={{ k.wert | number }}|{% endfor %}",
        front=front,
        extra={"r/kennzahlen.csv": csv},
    )
    assert raw.body == "Inflation=8,4|Leitzins=14,25|"


def test_csv_with_commas_and_quotes(files: WriteFiles) -> None:
    front = FRONT.replace("daten/werte.yaml", "k.csv")
    csv = 'name,text\nA,"eins, zwei"\n'
    raw = render(files, "{{ k[0].text }}", front=front, extra={"r/k.csv": csv})
    assert raw.body == "eins, zwei"


def test_report_is_the_front_matter(files: WriteFiles) -> None:
    raw = render(files, "{{ report.title }}, {{ report.date | date }}, {{ report.data[0] }}")
    assert raw.body == "Monatsbericht, 30. August 2024, daten/werte.yaml"


def test_number_and_date_filters_follow_the_language(files: WriteFiles) -> None:
    body = "{{ 1234567.891 | number }} {{ '8.4' | number(2) }} {{ 3 | number(1) }} " + (
        "{{ '2024-08-06' | date }} {{ report.date | date('MMMM yyyy') }}"
    )
    assert render(files, body).body == "1.234.567,891 8,40 3,0 6. August 2024 August 2024"
    english = FRONT.replace("language: de", "language: en")
    assert render(files, body, front=english).body == (
        "1,234,567.891 8.40 3.0 August 6, 2024 August 2024"
    )


def test_a_plain_md_file_is_never_rendered(files: WriteFiles) -> None:
    text = FRONT + "{{ nicht_definiert }} {% for %}\n"
    path = files({"r/bericht.md": text}) / "r" / "bericht.md"
    raw = read_document(path)
    assert raw.body == "{{ nicht_definiert }} {% for %}\n"
    assert raw.template_lines is None


def test_text_captured_by_set_is_unchanged(files: WriteFiles) -> None:
    # The line markers must not leak into values the template compares.
    raw = render(files, "{% set s %}abc{% endset %}{{ s == 'abc' }} {{ s | length }}\n")
    assert raw.body == "True 3\n"


def test_template_without_data(files: WriteFiles) -> None:
    front = FRONT.replace("data:\n  - daten/werte.yaml\n", "")
    assert render(files, "{{ report.language }}", front=front).body == "de"


# --- line numbers of the rendered text ------------------------------------------------------


def test_each_rendered_line_knows_its_template_line(files: WriteFiles) -> None:
    raw = render(
        files,
        "{% set n = 2 %}\n"  # BODY_LINE: leaves no line behind
        "Erste Zeile\n"
        "{% for e in werte.ereignisse %}\n"
        "- {{ e.titel }}\n"  # BODY_LINE + 3, rendered twice
        "{% endfor %}\n"
        "{# ein\nKommentar #}\n"
        "{{ 'a\\nb' }} Ende\n",  # BODY_LINE + 7: a value with a newline stays on this line
    )
    assert raw.body.split("\n") == [
        "Erste Zeile",
        "- Zinsentscheidung",
        "- Haushalt",
        "a",
        "b Ende",
        "",
    ]
    assert raw.template_lines is not None
    first = BODY_LINE
    assert raw.template_lines.file_lines == (
        first + 1,
        first + 3,
        first + 3,
        first + 7,
        first + 7,
        first + 8,
    )


def test_markdown_problem_in_rendered_text_points_at_the_template_line(files: WriteFiles) -> None:
    body = "Absatz.\n\n{% for e in werte.ereignisse %}\n# {{ e.titel }}\n\n{% endfor %}\n"
    with pytest.raises(InputError) as caught:
        read_report(write(files, body))
    (found,) = caught.value.problems  # rendered twice by the loop, reported once
    assert (found.line, found.column) == (BODY_LINE + 3, None)
    assert "heading level 1" in found.message
    assert found.message.endswith("(in the text this template line renders)")


def test_problems_of_a_plain_file_are_not_moved(files: WriteFiles) -> None:
    text = FRONT.replace("data:\n  - daten/werte.yaml\n", "") + "Absatz.\n\n# Titel\n"
    path = files({"r/bericht.md": text}) / "r" / "bericht.md"
    with pytest.raises(InputError) as caught:
        read_report(path)
    (found,) = caught.value.problems
    assert (found.line, found.column) == (9, None)  # 6 lines of front matter, then 2 lines
    assert "template" not in found.message


# --- template errors ------------------------------------------------------------------------


def test_syntax_error_at_its_file_line(files: WriteFiles) -> None:
    found = problem(files, "Absatz.\n\n{% for e in werte.ereignisse %}\n- {{ e.titel }}\n")
    assert found.path.name == "bericht.md.j2"
    assert found.line == BODY_LINE + 3  # where the template ends without {% endfor %}
    assert found.message.startswith("template syntax error: ")
    assert "endfor" in found.message


def test_syntax_error_in_an_expression(files: WriteFiles) -> None:
    found = problem(files, "a\nb\n{{ werte.quelle + }}\n")
    assert (found.line, found.column) == (BODY_LINE + 2, None)
    assert found.message.startswith("template syntax error: ")


def test_unknown_filter_is_reported_at_its_line(files: WriteFiles) -> None:
    found = problem(files, "a\n{{ werte.quelle | gibtsnicht }}\n")
    assert found.line == BODY_LINE + 1
    assert "gibtsnicht" in found.message


def test_undefined_name_at_the_line_where_it_appears(files: WriteFiles) -> None:
    found = problem(files, "Absatz.\n\nNoch einer.\nDie Quote: {{ quote }}.\n")
    assert found.line == BODY_LINE + 3
    assert "'quote' is undefined" in found.message
    assert "data, report, werte" in found.message


def test_undefined_attribute_inside_a_loop(files: WriteFiles) -> None:
    body = "{% for e in werte.ereignisse %}\n- {{ e.titel }}\n  {{ e.datum }}\n{% endfor %}\n"
    found = problem(files, body)
    assert found.line == BODY_LINE + 2
    assert "datum" in found.message


def test_undefined_inside_a_macro_points_into_the_macro(files: WriteFiles) -> None:
    body = "{% macro m() %}\n{{ fehlt }}\n{% endmacro %}\nText\n{{ m() }}\n"
    assert problem(files, body).line == BODY_LINE + 1


@pytest.mark.parametrize(
    "escape",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ werte.__class__ }}",
        "{{ report.update({'title': 'x'}) }}",
        "{{ werte.ereignisse.append(1) }}",
    ],
)
def test_sandbox_escapes_are_refused(files: WriteFiles, escape: str) -> None:
    found = problem(files, f"Absatz.\n{escape}\n")
    assert found.line == BODY_LINE + 1
    assert found.message.startswith("template: not allowed: ")


def test_include_is_refused(files: WriteFiles) -> None:
    found = problem(files, "a\n{% include 'daten/werte.yaml' %}\n")
    assert found.line == BODY_LINE + 1
    assert "a report template is one file" in found.message


def test_huge_output_is_stopped(files: WriteFiles) -> None:
    loops = (
        "{% for i in range(100000) %}{% for j in range(100) %}xxxxxxxxxx{% endfor %}{% endfor %}"
    )
    body = f"a\n{loops}\n"
    found = problem(files, body)
    assert found.line == BODY_LINE + 1
    assert "longer than 2 MB" in found.message


@pytest.mark.parametrize("expression", ["'x' * 1000000000", "[1] * 1000000000", "9 ** 99999999"])
def test_huge_values_are_refused_before_they_are_built(files: WriteFiles, expression: str) -> None:
    found = problem(files, f"a\n{{{{ {expression} }}}}\n")
    assert found.line == BODY_LINE + 1
    assert found.message.startswith("template: not allowed: ")


def test_endless_macro_recursion(files: WriteFiles) -> None:
    found = problem(files, "a\n{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}\n")
    assert found.line == BODY_LINE + 1
    assert "calls itself" in found.message


def test_range_is_bounded_by_the_sandbox(files: WriteFiles) -> None:
    found = problem(files, "{% for i in range(10**9) %}{% endfor %}\n")
    assert found.line == BODY_LINE
    assert "range" in found.message.lower()


def test_printing_null_is_an_error(files: WriteFiles) -> None:
    found = problem(files, "a\nb {{ werte.leer }}\n")
    assert found.line == BODY_LINE + 1
    assert "empty" in found.message


def test_arithmetic_on_text_suggests_float(files: WriteFiles) -> None:
    found = problem(files, "{{ werte.inflation + 1 }}\n")
    assert found.line == BODY_LINE
    assert "|float" in found.message


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("'acht' | number", "number: expected a number"),
        ("'30.8.2024' | date", "date: expected an ISO date"),
        ("1 | number(99)", "decimal places"),
    ],
)
def test_filter_errors(files: WriteFiles, expression: str, expected: str) -> None:
    found = problem(files, f"a\n{{{{ {expression} }}}}\n")
    assert found.line == BODY_LINE + 1
    assert expected in found.message


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("1 / 0", "ZeroDivisionError"),
        ("'{0}'.format()", "IndexError"),
        ("range(1, 5, 0)", "must not be zero"),
        ("'text' | dictsort", "items"),
    ],
)
def test_python_errors_of_an_expression_are_the_authors(
    files: WriteFiles, expression: str, expected: str
) -> None:
    found = problem(files, f"a\n{{{{ {expression} }}}}\n")
    assert found.line == BODY_LINE + 1
    assert expected in found.message


def test_a_bug_behind_a_template_is_not_the_authors_mistake(
    files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lagebericht.load.template

    def broken(language: object) -> dict[str, object]:
        def number(value: object) -> str:
            raise RuntimeError("a bug in a filter")

        return {"number": number}

    monkeypatch.setattr(lagebericht.load.template, "report_filters", broken)
    with pytest.raises(RuntimeError, match="a bug in a filter"):
        render(files, "{{ 1 | number }}\n")


# --- data files -----------------------------------------------------------------------------


def test_missing_data_file_at_its_data_entry(files: WriteFiles) -> None:
    front = FRONT.replace("daten/werte.yaml", "daten/fehlt.yaml")
    found = problem(files, "x\n", front=front)
    assert found.path.name == "bericht.md.j2"
    assert (found.line, found.column) == (DATA_LINE, 5)
    assert found.message == "data: daten/fehlt.yaml: no such file beside the report"


def test_invalid_yaml_data_file_at_its_own_line(files: WriteFiles) -> None:
    found = problem(files, "x\n", extra={"r/daten/werte.yaml": "a: 1\nb: [2\nc: 3\n"})
    assert found.path.parts[-2:] == ("daten", "werte.yaml")
    assert found.line == 3
    assert found.message.startswith("data file: YAML syntax error")


def test_yaml_data_file_must_be_a_mapping(files: WriteFiles) -> None:
    found = problem(files, "x\n", extra={"r/daten/werte.yaml": "- a\n- b\n"})
    assert found.path.name == "werte.yaml"
    assert found.line == 1
    assert "got a list" in found.message


def test_csv_row_with_too_many_values(files: WriteFiles) -> None:
    front = FRONT.replace("daten/werte.yaml", "k.csv")
    found = problem(files, "x\n", front=front, extra={"r/k.csv": "a,b\n1,2\n3,4,5\n"})
    assert found.path.name == "k.csv"
    assert found.line == 3
    assert "3 values" in found.message


def test_csv_without_header(files: WriteFiles) -> None:
    front = FRONT.replace("daten/werte.yaml", "k.csv")
    found = problem(files, "x\n", front=front, extra={"r/k.csv": "\n"})
    assert (found.path.name, found.line) == ("k.csv", 1)


def test_csv_that_is_not_utf8(files: WriteFiles) -> None:
    front = FRONT.replace("daten/werte.yaml", "k.csv")
    found = problem(files, "x\n", front=front, extra={"r/k.csv": "a\n\xe4\n".encode("latin-1")})
    assert (found.path.name, found.line) == ("k.csv", 2)
    assert "UTF-8" in found.message


def test_unknown_data_file_type(files: WriteFiles) -> None:
    front = FRONT.replace("daten/werte.yaml", "daten/werte.json")
    found = problem(files, "x\n", front=front, extra={"r/daten/werte.json": "{}"})
    assert (found.line, found.column) == (DATA_LINE, 5)
    assert "unknown type of data file `.json`" in found.message


@pytest.mark.parametrize("entry", ["../geheim.yaml", "daten/../../geheim.yaml"])
def test_data_outside_the_report_folder_is_refused(files: WriteFiles, entry: str) -> None:
    front = FRONT.replace("daten/werte.yaml", entry)
    found = problem(files, "x\n", front=front, extra={"geheim.yaml": "a: 1\n"})
    assert (found.line, found.column) == (DATA_LINE, 5)
    assert "outside the report's folder" in found.message


def test_absolute_data_path_is_refused(files: WriteFiles, tmp_path: Path) -> None:
    absolute = str(tmp_path / "r" / "daten" / "werte.yaml")
    found = problem(files, "x\n", front=FRONT.replace("daten/werte.yaml", absolute))
    assert found.line == DATA_LINE
    assert "not absolute" in found.message


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_symlink_pointing_out_is_refused(files: WriteFiles, tmp_path: Path) -> None:
    path = write(files, "x\n", extra={"geheim.yaml": "a: 1\n"})
    (path.parent / "daten" / "werte.yaml").unlink()
    (path.parent / "daten" / "werte.yaml").symlink_to(tmp_path / "geheim.yaml")
    with pytest.raises(InputError) as caught:
        read_document(path)
    (found,) = caught.value.problems
    assert found.line == DATA_LINE
    assert "outside the report's folder" in found.message


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_symlink_inside_the_folder_is_fine(files: WriteFiles) -> None:
    path = write(files, "{{ werte.quelle }}", extra={"r/andere.yaml": "quelle: Link\n"})
    (path.parent / "daten" / "werte.yaml").unlink()
    (path.parent / "daten" / "werte.yaml").symlink_to(path.parent / "andere.yaml")
    assert read_document(path).body == "Link"


def test_data_must_be_a_list(files: WriteFiles) -> None:
    front = FRONT.replace("data:\n  - daten/werte.yaml\n", "data: daten/werte.yaml\n")
    found = problem(files, "x\n", front=front)
    assert (found.line, found.column) == (6, 7)
    assert found.message == "data: expected a list of file names"


def test_two_data_files_with_one_stem(files: WriteFiles) -> None:
    front = FRONT.replace("  - daten/werte.yaml\n", "  - daten/werte.yaml\n  - werte.csv\n")
    found = problem(files, "x\n", front=front, extra={"r/werte.csv": "a\n1\n"})
    assert found.line == DATA_LINE + 1
    assert "already used" in found.message


def test_every_bad_data_entry_is_reported(files: WriteFiles) -> None:
    front = FRONT.replace("  - daten/werte.yaml\n", "  - a.yaml\n  - b.txt\n")
    with pytest.raises(InputError) as caught:
        render(files, "x\n", front=front, extra={"r/b.txt": ""})
    assert [p.line for p in caught.value.problems] == [DATA_LINE, DATA_LINE + 1]


# --- the example in content/ ----------------------------------------------------------------


def test_the_example_monthly_report_renders_and_validates() -> None:
    path = ROOT / "content" / "2024-08" / "astana-monatsbericht.md.j2"
    valid = read_report(path)
    assert valid.warnings == ()
    report = valid.report
    assert (report.label, report.language, report.title) == (
        "Monatsbericht",
        "de",
        "Monatsbericht August 2024",
    )
    raw = read_document(path)
    assert "{{" not in raw.body and "{%" not in raw.body
    assert "- **Inflation (gegenüber Vorjahresmonat):** 8,4 %" in raw.body
    assert "Beispieldaten" in raw.body

"""``lagebericht init``: a new project folder with its project file, an office file and a
sample report, so that a field office can build its first PDF at once.

Like ``lagebericht new`` for reports, the office file lists every field, each explained,
the ones not given commented out. Nothing is written unless all files can be (an existing
file is only replaced with ``force``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lagebericht.authoring.scaffold import (
    DEFAULT_LANGUAGE,
    Scaffold,
    ScaffoldError,
    check_language,
    field_comment,
    front_matter_text,
    yaml_quoted,
)
from lagebericht.authoring.slug import slugify
from lagebericht.limits import MAX_LINE_CHARS
from lagebericht.load.offices import OFFICES_FOLDER
from lagebericht.problems import UsageError

PROJECT_FILE = "lagebericht.toml"
CONTENT_FOLDER = "content"
OUTPUT_FOLDER = "output"

_KEY = re.compile(r"[a-z0-9][a-z0-9_-]*")
_MAX_KEY_CHARS = 60
_YAML_WORDS = frozenset({"true", "false", "null"})
"""Keys a report's ``office: KEY`` would read as a boolean or as nothing, not as text."""


@dataclass(frozen=True)
class OfficeDetails:
    """What ``init`` is told about the office; ``None``: not given (commented out)."""

    key: str
    name: str
    city: str | None = None
    country: str | None = None
    head: str | None = None


def check_key(key: str) -> str:
    """``key`` if it is a usable office key (a file name and a YAML word); raises
    :class:`UsageError` saying what is wrong and, where possible, a key that would do."""
    if _KEY.fullmatch(key) and len(key) <= _MAX_KEY_CHARS and key not in _YAML_WORDS:
        return key
    if not key:
        problem = "must not be empty"
    elif len(key) > _MAX_KEY_CHARS:
        problem = f"at most {_MAX_KEY_CHARS} characters, this is {len(key)}"
    elif key in _YAML_WORDS:
        problem = f"YAML reads `office: {key}` in a report as {key}, not as text"
    else:
        problem = (
            'use only lower-case letters a-z, digits, "-" and "_", starting with a letter or digit'
        )
    suggestion = slugify(key)
    hint = (
        f'; did you mean "{suggestion}"?'
        if suggestion != key and _KEY.fullmatch(suggestion) and suggestion not in _YAML_WORDS
        else ""
    )
    raise UsageError(
        f'--office: "{key}" cannot be an office key: {problem} (it names the file '
        f"{OFFICES_FOLDER}/KEY.yaml and is written in every report){hint}"
    )


def check_line(option: str, value: str | None, *, required: bool = False) -> str | None:
    """``value`` stripped, if it is one line of text a header or imprint can print."""
    if value is None and not required:
        return None
    text = (value or "").strip()
    if not text:
        if required:
            raise UsageError(f"{option}: must not be empty")
        return None
    if any(unicodedata.category(char) == "Cc" for char in text):
        raise UsageError(f"{option}: must be one line of text without control characters")
    if len(text) > MAX_LINE_CHARS:
        raise UsageError(f"{option}: at most {MAX_LINE_CHARS} characters, this is {len(text):,}")
    return text


def plan_project(
    root: Path,
    office: OfficeDetails,
    *,
    language: str = DEFAULT_LANGUAGE,
    today: dt.date | None = None,
) -> tuple[Scaffold, ...]:
    """The project file, the office file, the sample report's picture and the sample
    report below ``root``, in that order; nothing is written. Raises :class:`UsageError`
    for a bad key, text or language."""
    key = check_key(office.key)
    details = OfficeDetails(
        key,
        check_line("--name", office.name, required=True) or "",
        check_line("--city", office.city),
        check_line("--country", office.country),
        check_line("--head", office.head),
    )
    language = check_language(language)
    date = today or dt.date.today()
    sample = sample_for(language)
    content = root / CONTENT_FOLDER
    month = content / f"{date:%Y-%m}"
    return (
        Scaffold(root / PROJECT_FILE, project_file_text()),
        Scaffold(content / OFFICES_FOLDER / f"{key}.yaml", office_file_text(details)),
        Scaffold(month / sample_picture(key, language), SAMPLE_CHART),
        Scaffold(month / f"{key}-{sample.stem}.md", sample_report_text(key, date, language)),
    )


def existing(files: Sequence[Scaffold]) -> list[Path]:
    """The files of ``files`` that are there already."""
    return [file.path for file in files if file.path.exists() or file.path.is_symlink()]


def write_project(files: Sequence[Scaffold], *, force: bool = False) -> None:
    """Write every file; unless ``force``, write none if one of them exists.

    Raises :class:`ScaffoldError` naming the existing files, or the file that cannot be
    written.
    """
    from lagebericht.output import describe

    there = [] if force else existing(files)
    if there:
        names = ", ".join(str(path) for path in there)
        raise ScaffoldError(
            f"{names} already exist{'s' if len(there) == 1 else ''}; nothing was written "
            "(give --force to replace them)"
        )
    for file in files:
        try:
            file.path.parent.mkdir(parents=True, exist_ok=True)
            # "x" also refuses a file made since the check above.
            with file.path.open("w" if force else "x", encoding="utf-8", newline="\n") as out:
                out.write(file.text)
        except FileExistsError:
            raise ScaffoldError(f"{file.path} already exists; give --force to replace it") from None
        except OSError as err:
            raise ScaffoldError(f"cannot write {file.path}: {describe(err)}") from None


# --- the project file --------------------------------------------------------------------


def project_file_text() -> str:
    """``lagebericht.toml`` with every key at its default, each explained."""
    from lagebericht.theme.load import DEFAULT_THEME_NAME

    theme = f'"{DEFAULT_THEME_NAME}"'
    return f"""\
# lagebericht project file: every command run anywhere below this folder uses it.
# Made by `lagebericht init`. Every key is optional; the values shown are the defaults.
# Paths are relative to this file's folder.

[project]
content = "{CONTENT_FOLDER}"        # reports and offices/ live here
output = "{OUTPUT_FOLDER}"          # built PDFs (never inside the content folder)
theme = {theme:<19}# a built-in theme's name, or a theme folder relative to this file

[build]                    # defaults of `lagebericht build` (options on the command line win)
pdfa = false               # true: archival PDF/A-2a
strict = false             # true: a warning fails the report
# jobs = 2                 # worker processes; default: the number of cores
"""


# --- the office file ---------------------------------------------------------------------


def _office_examples(office: OfficeDetails) -> dict[str, str]:
    """Per field of :class:`~lagebericht.model.Office` its YAML: given values set, the
    others commented out with an example."""
    from lagebericht.model.report import Person

    def line(name: str, value: str | None, example: str) -> str:
        return f"{name}: {yaml_quoted(value)}" if value else f"# {name}: {yaml_quoted(example)}"

    role = field_comment(Person.model_fields["role"].description)
    head = (
        f"head:\n  name: {yaml_quoted(office.head)}\n  {role}\n"
        '  # role: "Leiterin des Auslandsbüros"'
        if office.head
        else '# head:\n#   name: "Dr. Anna Muster"\n#   role: "Leiterin des Auslandsbüros"'
    )
    return {
        "name": f"name: {yaml_quoted(office.name)}",
        "city": line("city", office.city, "Astana"),
        "country": line("country", office.country, "Kasachstan"),
        "head": head,
        "address": '# address:\n#   - "Musterstraße 1"\n#   - "010000 Astana"',
        "phone": line("phone", None, "+7 7172 000000"),
        "email": line("email", None, "buero@example.org"),
        "web": line("web", None, "https://www.example.org"),
    }


def office_file_text(office: OfficeDetails) -> str:
    """Every field of :class:`~lagebericht.model.Office`, in its order, under a comment
    saying what it is for; the fields not given commented out with an example."""
    from lagebericht.model import Office

    examples = _office_examples(office)
    lines = [
        f"# The office `{office.key}`: a report with `office: {office.key}` takes its",
        "# header line and imprint from here.",
        "# Made by `lagebericht init`. Only `name` is required. A line starting with # is a",
        "# comment: remove the '# ' in front of a field to use it.",
    ]
    for name, field in Office.model_fields.items():
        lines += ["", field_comment(field.description), examples.get(name, f"# {name}: …")]
    return "\n".join(lines) + "\n"


# --- the sample report -------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """The sample report in one language: file name ending, title and body."""

    stem: str
    title: str
    body: str


_SAMPLE_HEADING = (
    "# A sample report made by `lagebericht init`: build it to see what a report looks like,",
    "# then delete it and start your own with `lagebericht new`. A line starting with # is",
    "# a comment: remove the '# ' in front of a field to use it.",
)

_BODY_DE = """\
Dieser Beispielbericht wurde von *lagebericht init* angelegt. Er zeigt, was ein
Lagebericht enthalten kann; als Entwurf trägt jede Seite ein Wasserzeichen. Absätze
werden durch eine Leerzeile getrennt, **fett** und *kursiv* funktionieren wie gewohnt.

## Abschnitte und Argumente

Eine Zeile mit zwei Rauten beginnt einen Abschnitt, eine mit drei einen Unterabschnitt.
Ein Listenpunkt, der mit einem fetten Stichwort und einem Doppelpunkt beginnt, wird als
Argument gesetzt:[^fussnote]

- **Erstes Argument:** Die Begründung steht hinter dem Stichwort.
- **Zweites Argument:** Jeder Listenpunkt ist ein eigenes Argument.

Nummerierte Listen beginnen mit einer Zahl:

1. den Bericht schreiben,
2. ihn mit *lagebericht check* prüfen,
3. ihn mit *lagebericht build* als PDF setzen.

## Tabellen, Abbildungen und Zitate

| Jahr | Veranstaltungen | Teilnehmende |
|:-----|----------------:|-------------:|
| 2023 | 12 | 480 |
| 2024 | 15 | 1.020 |

Eine Abbildung ist ein Absatz für sich: in eckigen Klammern die Bildunterschrift, in runden
die Bilddatei (PNG, JPEG oder SVG) und in Anführungszeichen die Quelle. Die Zeile darunter
beginnt mit Alt und einem Doppelpunkt und sagt, was das Bild zeigt, für alle, die es nicht
sehen können; gedruckt wird sie nicht. Ein Bild, das nur schmückt, bekommt die Zeile
»Alt: decorative«.

![Veranstaltungen des Büros 2023 und 2024](PICTURE "Eigene Darstellung")
Alt: Säulendiagramm: 12 Veranstaltungen im Jahr 2023, 15 im Jahr 2024.

> Ein Zitat beginnt mit einem Größer-Zeichen und wird eingerückt gesetzt.

[^fussnote]: Fußnoten werden in der Reihenfolge ihres ersten Verweises nummeriert und
    unten auf der Seite gesetzt.
"""

_BODY_EN = """\
This sample report was made by *lagebericht init*. It shows what a situation report can
contain; as a draft, every page carries a watermark. Paragraphs are separated by an
empty line, **bold** and *italic* work as usual.

## Sections and arguments

A line starting with two hashes opens a section, one with three a subsection. A list
item that opens with a bold lead-in and a colon is set as an argument:[^note]

- **First argument:** The reasoning follows the lead-in.
- **Second argument:** Every list item is an argument of its own.

Numbered lists start with a number:

1. write the report,
2. check it with *lagebericht check*,
3. set it as a PDF with *lagebericht build*.

## Tables, figures and quotations

| Year | Events | Participants |
|:-----|-------:|-------------:|
| 2023 | 12 | 480 |
| 2024 | 15 | 1,020 |

A figure is a paragraph of its own: the caption in square brackets, the picture's file
(PNG, JPEG or SVG) in round ones and the credit in quotes. The line below it starts with
Alt and a colon and says what the picture shows, for readers who cannot see it; it is not
printed. A picture that only decorates gets the line "Alt: decorative".

![Events of the office in 2023 and 2024](PICTURE "Own work")
Alt: Bar chart: 12 events in 2023, 15 in 2024.

> A quotation starts with a greater-than sign and is set indented.

[^note]: Footnotes are numbered in the order of their first reference and set at the
    foot of the page.
"""

_SAMPLES = {
    "de": Sample("beispiel", "Beispiel eines Lageberichts", _BODY_DE),
    "en": Sample("example", "Sample situation report", _BODY_EN),
}


SAMPLE_CHART = """\
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="170" viewBox="0 0 400 170">
  <rect width="400" height="170" fill="#ffffff"/>
  <g font-family="sans-serif" font-size="12" fill="#1a1a1a" text-anchor="middle">
    <line x1="40" y1="140" x2="360" y2="140" stroke="#5f6b76" stroke-width="1"/>
    <rect x="90" y="44" width="70" height="96" fill="#9aa7b3"/>
    <rect x="240" y="20" width="70" height="120" fill="#0b3b66"/>
    <text x="125" y="38">12</text>
    <text x="275" y="14">15</text>
    <text x="125" y="158">2023</text>
    <text x="275" y="158">2024</text>
  </g>
</svg>
"""
"""The sample report's picture: a bar chart of the numbers in its table."""


def sample_picture(key: str, language: str) -> str:
    """The picture's path relative to the sample report, named after it like the report."""
    return f"bilder/{key}-{sample_for(language).stem}.svg"


def sample_for(language: str) -> Sample:
    """The sample in ``language``'s primary language; English for any other."""
    return _SAMPLES.get(language.split("-")[0].lower(), _SAMPLES["en"])


def sample_report_text(key: str, date: dt.date, language: str) -> str:
    """The sample report: the front matter as ``new`` writes it (a draft), an example body."""
    sample = sample_for(language)
    front = front_matter_text(key, date, sample.title, language, heading=_SAMPLE_HEADING)
    body = sample.body.replace("PICTURE", sample_picture(key, language))
    return f"---\n{front}---\n\n{body}"

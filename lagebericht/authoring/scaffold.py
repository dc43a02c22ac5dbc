"""``lagebericht new``: a new report file with commented front matter and a body skeleton.

The scaffold is valid as written (``lagebericht check`` passes), so an author can build it
at once and replace the ``TODO`` placeholders step by step. Until the placeholders and the
``draft: true`` line are gone, ``check`` warns about each, and ``--strict`` and ``--pdfa``
refuse the report (:mod:`lagebericht.validate.unfinished`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from lagebericht.authoring.slug import slugify
from lagebericht.problems import LageberichtError, UsageError

DEFAULT_LANGUAGE = "de"
PLACEHOLDER = "TODO"
"""Marks every text the author has to replace."""


class ScaffoldError(LageberichtError):
    """The report cannot be created as asked (unknown office, file exists): exit status 1."""


@dataclass(frozen=True)
class Scaffold:
    """A report file to be written."""

    path: Path
    text: str


def parse_date(text: str, today: dt.date | None = None) -> dt.date:
    """An ISO date (``2024-07-05``) or ``today``; raises :class:`UsageError`."""
    if text.strip().lower() == "today":
        return today or dt.date.today()
    try:
        # fromisoformat alone would also take 20240705 and week dates; authors write
        # the form the front matter uses.
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            raise ValueError(text)
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f'date: expected an ISO date like 2024-07-05 (or "today"), got "{text}"'
        ) from None


def check_language(tag: str) -> str:
    """``tag`` stripped, if it is a language tag the toolkit knows; raises :class:`UsageError`."""
    from lagebericht.validate.front_matter import is_known_language

    if not tag.strip() or not is_known_language(tag):
        raise UsageError(f'language: expected a language tag like de, en, ru or kk, got "{tag}"')
    return tag.strip()


def check_office(content: Path, key: str, report: Path) -> None:
    """Raise :class:`ScaffoldError` unless ``key`` names an office file that ``report``
    (a file to be created under ``content``) will find."""
    from lagebericht.validate.office import OFFICES_FOLDER, find_offices_folder
    from lagebericht.wording import closest

    folder = find_offices_folder(report)
    if folder is None:
        raise ScaffoldError(
            f"no {OFFICES_FOLDER}/ folder in {content} or a folder above it. To set up a "
            f"project in this folder, run: lagebericht init --office {shlex.quote(key)} "
            f'--name "Auslandsbüro …" (or create {content / OFFICES_FOLDER / (key + ".yaml")} '
            "with at least `name:`)"
        )
    known = sorted(path.stem for path in folder.glob("*.yaml") if path.is_file())
    if key not in known:
        match = closest(key, known)
        hint = f'; did you mean "{match}"?' if match else ""
        raise ScaffoldError(
            f'unknown office "{key}"{hint}; known offices: {", ".join(known) or "none"} '
            f"(files in {folder})"
        )


def plan_report(
    content: Path,
    office: str,
    date: dt.date,
    *,
    title: str | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> Scaffold:
    """The file ``content/YYYY-MM/<office>-<slug>.md`` and its text; nothing is written.

    The slug comes from the title, or is the date when there is no usable title.
    Raises :class:`UsageError` (bad language) or :class:`ScaffoldError` (unknown office).
    """
    language = check_language(language)
    if title is not None and not title.strip():
        raise UsageError("title: must not be empty")
    slug = slugify(title or "") or date.isoformat()
    path = content / f"{date:%Y-%m}" / f"{office}-{slug}.md"
    check_office(content, office, path)
    return Scaffold(path, report_text(office, date, title, language))


def write_scaffold(scaffold: Scaffold, *, force: bool = False) -> None:
    """Write the file, refusing to replace an existing one unless ``force``."""
    from lagebericht.output import describe

    try:
        scaffold.path.parent.mkdir(parents=True, exist_ok=True)
        # "x" refuses an existing file atomically, not only when checked beforehand.
        with scaffold.path.open("w" if force else "x", encoding="utf-8", newline="\n") as file:
            file.write(scaffold.text)
    except FileExistsError:
        raise ScaffoldError(
            f"{scaffold.path} already exists; choose another --title, or give --force to replace it"
        ) from None
    except OSError as err:
        raise ScaffoldError(f"cannot write {scaffold.path}: {describe(err)}") from None


def report_text(office: str, date: dt.date, title: str | None, language: str) -> str:
    """The whole scaffold: front matter, then the body skeleton."""
    return f"---\n{front_matter_text(office, date, title, language)}---\n\n{BODY}"


def yaml_quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: safe for colons, quotes, #.
    return json.dumps(text, ensure_ascii=False)


def _examples(office: str, date: dt.date, title: str | None, language: str) -> dict[str, str]:
    """Per field the YAML written for it; lines starting with ``#`` are left for the author
    to switch on."""
    return {
        "report": "# report: Lagebericht",
        "date": f"date: {date.isoformat()}",
        "language": f"language: {language}",
        "office": f"office: {office}",
        "title": f"title: {yaml_quoted(title or f'{PLACEHOLDER}: title of the report')}",
        "subtitle": f'# subtitle: "{PLACEHOLDER}: optional subtitle"',
        "authors": (
            "# authors:\n"
            '#   - name: "Dr. Anna Muster"\n'
            '#     role: "Leiterin des Auslandsbüros"\n'
            '#   - "Max Beispiel"'
        ),
        "summary": f'# summary: "{PLACEHOLDER}: one or two sentences that sum up the report."',
        "keywords": "# keywords: [Kasachstan, SOZ]",
        "classification": "# classification: Nur für den Dienstgebrauch",
        "draft": "draft: true  # delete this line when the report is final",
        "theme": "# theme: auslandsbuero-zweispaltig",
        "nohyphen": "# nohyphen: [Guterres, Tokajew]",
        "data": "# data: [figures.csv]",
    }


def field_comment(description: str | None) -> str:
    """A field's docstring as one comment line, with Markdown code marks."""
    text = " ".join((description or "").split()).replace("``", "`")
    return f"# {text}" if text else "#"


NEW_HEADING = (
    "# Made by `lagebericht new`. Replace every TODO. A line starting with # is a comment:",
    "# remove the '# ' in front of a field to use it.",
    "# A figure in the text below is a paragraph of its own: the image, and under it a line",
    '# saying what it shows for readers who cannot see it ("Alt: decorative" if it only',
    "# decorates):",
    '#   ![Caption](bilder/karte.png "Credit")',
    "#   Alt: What the image shows.",
)


def front_matter_text(
    office: str,
    date: dt.date,
    title: str | None,
    language: str,
    heading: tuple[str, ...] = NEW_HEADING,
) -> str:
    """Every field of :class:`~lagebericht.model.FrontMatter`, in its order, each under a
    comment saying what it is for; optional fields commented out with an example.
    ``heading``: the comment lines that open it."""
    from lagebericht.model import FrontMatter

    examples = _examples(office, date, title, language)
    lines = list(heading)
    for name, field in FrontMatter.model_fields.items():
        lines += ["", field_comment(field.description), examples.get(name, f"# {name}: …")]
    return "\n".join(lines) + "\n"


BODY = f"""\
{PLACEHOLDER}: The introduction: what happened, when and where, and why it matters. \
Paragraphs are separated by an empty line; *italic* and **bold** work as usual.

## {PLACEHOLDER}: First section heading

{PLACEHOLDER}: A paragraph leading into the points below.[^sources]

- **{PLACEHOLDER} Lead:** {PLACEHOLDER}: the argument. A list item that opens with a bold \
lead-in ending in a colon is printed as a bullet argument.
- **{PLACEHOLDER} Second lead:** {PLACEHOLDER}: the next argument.

[^sources]: {PLACEHOLDER}: A footnote, e.g. the sources; it is numbered automatically. \
Delete it and its reference if not needed.
"""
"""The body skeleton: intro, a section with bullet arguments, a footnote."""

"""The closing imprint: publisher, head of office, contact, web address and licence line.

The wording lives in the theme folder as Jinja2 templates (autoescaped: office data can
never inject markup); a theme that extends another inherits the templates it lacks.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import version
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.bccache import Bucket
from markupsafe import Markup

from lagebericht.cache import DAMAGED_ENTRY, DiskCache
from lagebericht.model import Office
from lagebericht.problems import Code, InputError, Problem
from lagebericht.text.places import country_name
from lagebericht.theme import Theme


class _BytecodeCache(FileSystemBytecodeCache):
    """Jinja2's own cache of compiled templates, in the disk cache: a template is compiled
    once, not in every process. Jinja2 checks each entry against its template's
    source; a damaged entry is compiled again and a folder that cannot be written is no
    error (Jinja2 itself would raise on both).

    Entries are named after Jinja2's version too: every installation of the user shares
    the folder, and Jinja2 checks only Python's version, while one Jinja2's compiled code
    may fail on another (3.1's calls ``environment.concat``, which 3.0 lacks)."""

    def __init__(self, directory: str) -> None:
        super().__init__(directory)
        self._jinja2 = version("Jinja2")

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{name}\0Jinja2 {self._jinja2}", filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except DAMAGED_ENTRY:  # its checksum is a pickle, the code marshalled
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            return


@cache
def _environment(folders: tuple[str, ...]) -> Environment:
    compiled = DiskCache.from_environment().folder_for("templates")
    return Environment(
        loader=FileSystemLoader(list(folders)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        bytecode_cache=None if compiled is None else _BytecodeCache(str(compiled)),
    )


def imprint_lines(theme: Theme, office: Office, publisher: str, language: str) -> list[str]:
    """The imprint as paragraph markup, one string per line of the template's output."""
    return [text for text, _ in imprint_parts(theme, office, publisher, language)]


def imprint_parts(
    theme: Theme, office: Office, publisher: str, language: str
) -> list[tuple[str, str | None]]:
    """The lines of :func:`imprint_lines`, each with the language it is in where the
    templates say so: the licence line's, if its template sets ``text_language`` (a
    template falls back to another language for a report in one it lacks) and the
    line is the licence alone; else None (the language of the theme's labels)."""
    env = _environment(tuple(str(f) for f in theme.folders))
    primary = language.split("-")[0].lower()
    if office.country:
        # The office file names its country once; each report prints it in its language.
        office = office.model_copy(update={"country": country_name(office.country, language)})
    try:
        # Already escaped by its own template; marked safe so it is not escaped twice.
        module = env.get_template("licence.xml.j2").make_module({"language": primary})
        licence = Markup(str(module))
        licence_language = getattr(module, "text_language", None)
        text = env.get_template("imprint.xml.j2").render(
            office=office,
            publisher=publisher,
            labels=theme.labels_for(language),
            licence=licence,
        )
    except TemplateSyntaxError as error:
        where = Path(error.filename or theme.folders[0] / "imprint.xml.j2")
        raise InputError(
            [Problem(where, error.lineno, None, f"template: {error.message}", code=Code.THEME)]
        ) from None
    except TemplateError as error:
        where = theme.folders[0]
        raise InputError(
            [Problem(where, None, None, f"template: {error}", code=Code.THEME)]
        ) from None
    known = str(licence_language) if licence_language else None
    return [
        (line.strip(), known if line.strip() == licence.strip() else None)
        for line in text.splitlines()
        if line.strip()
    ]

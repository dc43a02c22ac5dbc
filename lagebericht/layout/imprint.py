"""The closing imprint: publisher, head of office, contact, web address and licence line.

The wording lives in the theme folder as Jinja2 templates (autoescaped: office data can
never inject markup); a theme that extends another inherits the templates it lacks.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)
from markupsafe import Markup

from lagebericht.model import Office
from lagebericht.problems import InputError, Problem
from lagebericht.theme import Theme


@cache
def _environment(folders: tuple[str, ...]) -> Environment:
    return Environment(
        loader=FileSystemLoader(list(folders)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
    )


def imprint_lines(theme: Theme, office: Office, publisher: str, language: str) -> list[str]:
    """The imprint as paragraph markup, one string per line of the template's output."""
    env = _environment(tuple(str(f) for f in theme.folders))
    primary = language.split("-")[0].lower()
    try:
        # Already escaped by its own template; marked safe so it is not escaped twice.
        licence = Markup(env.get_template("licence.xml.j2").render(language=primary))
        text = env.get_template("imprint.xml.j2").render(
            office=office,
            publisher=publisher,
            labels=theme.labels_for(language),
            licence=licence,
        )
    except TemplateSyntaxError as error:
        where = Path(error.filename or theme.folders[0] / "imprint.xml.j2")
        raise InputError(
            [Problem(where, error.lineno, None, f"template: {error.message}")]
        ) from None
    except TemplateError as error:
        where = theme.folders[0]
        raise InputError([Problem(where, None, None, f"template: {error}")]) from None
    return [line.strip() for line in text.splitlines() if line.strip()]

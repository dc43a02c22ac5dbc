"""The closing imprint: publisher, head of office, contact, web address and licence line.

The wording lives in the theme folder as Jinja2 templates (autoescaped: office data can
never inject markup); this module only supplies the data and the words per language.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from lagebericht.model import Office

# The toolkit's own themes, beside the package in a source checkout.
THEMES_DIR = Path(__file__).resolve().parents[2] / "templates"

_LABELS = {
    "de": {"imprint": "Impressum", "publisher": "Herausgeber", "head": "Leitung", "phone": "Tel."},
    "en": {
        "imprint": "Imprint",
        "publisher": "Publisher",
        "head": "Head of office",
        "phone": "Tel.",
    },
    "ru": {
        "imprint": "Выходные данные",
        "publisher": "Издатель",
        "head": "Руководитель",
        "phone": "Тел.",
    },
    "kk": {"imprint": "Шығу деректері", "publisher": "Баспагер", "head": "Басшы", "phone": "Тел."},
}


@cache
def _environment(theme_dir: Path) -> Environment:
    return Environment(
        loader=FileSystemLoader(theme_dir),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=False,
    )


def imprint_lines(
    office: Office, publisher: str, language: str, theme_dir: Path = THEMES_DIR / "auslandsbuero"
) -> list[str]:
    """The imprint as paragraph markup, one string per line of the template's output."""
    primary = language.split("-")[0].lower()
    env = _environment(theme_dir)
    # Already escaped by its own template; marked safe so it is not escaped twice.
    licence = Markup(env.get_template("licence.xml.j2").render(language=primary))
    text = env.get_template("imprint.xml.j2").render(
        office=office,
        publisher=publisher,
        labels=_LABELS.get(primary, _LABELS["en"]),
        licence=licence,
    )
    return [line.strip() for line in text.splitlines() if line.strip()]

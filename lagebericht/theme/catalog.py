"""Which themes there are and where each comes from: the toolkit's built-in themes and a
project's own (``templates/<name>/`` in the project root, found first, so a project may
replace a built-in theme); and a theme asked for by NAME or PATH → its folder and ``Theme``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lagebericht.problems import InputError, LageberichtError, Problem
from lagebericht.theme.load import DEFAULT_THEME_NAME, THEMES_DIR, load_theme_folder
from lagebericht.theme.model import Theme

if TYPE_CHECKING:
    from lagebericht.load import RawDocument

BUILT_IN = "built-in"
PROJECT = "project"
THEME_FILE = "theme.yaml"


@dataclass(frozen=True)
class ThemeRequest:
    """A theme asked for, as written (a NAME or a PATH), and who asked where."""

    value: str
    where: Path
    """The file that names it (a report, the project file); for ``--theme`` a stand-in."""
    line: int | None = None
    column: int | None = None
    base: Path = Path(".")
    """The folder a relative PATH is relative to."""
    field: str = "theme"
    """How the asker calls it in messages (``theme``, ``--theme``)."""

    def problem(self, message: str) -> Problem:
        return Problem(self.where, self.line, self.column, f"{self.field}: {message}")


@dataclass(frozen=True)
class ThemeEntry:
    """One theme of the catalogue, as ``lagebericht themes`` lists it."""

    name: str
    folder: Path
    origin: str
    """:data:`BUILT_IN` or :data:`PROJECT`."""
    extends: str | None
    replaces_built_in: bool = False
    """A project theme with a built-in theme's name (which it hides)."""
    problem: Problem | None = None
    """Its ``theme.yaml`` could not be read."""


def requested_theme(raw: RawDocument) -> ThemeRequest | None:
    """The report's ``theme:`` as written, located; ``None`` if it names none (a value that
    is not text is left to the validation of the front matter)."""
    value = raw.front_matter.get("theme")
    if not isinstance(value, str) or not value.strip():
        return None
    line, column = raw.locations.get(("theme",), (1, 1))
    return ThemeRequest(value.strip(), raw.path, line, column, base=raw.path.parent)


def is_path(value: str) -> bool:
    """A theme given as a folder (``./mein-thema``, ``themes/x``) rather than by name."""
    return value.startswith(".") or "/" in value or "\\" in value or os.sep in value


class ThemeCatalog:
    """The themes a project can use, each loaded at most once."""

    def __init__(self, project_themes: Path | None = None, built_in: Path = THEMES_DIR) -> None:
        self.built_in = built_in
        # In a source checkout run from its root, templates/ *is* the built-in folder.
        same = project_themes is not None and _same(project_themes, built_in)
        self.project_themes = None if same else project_themes
        self.search: tuple[Path, ...] = (
            (self.project_themes, built_in) if self.project_themes else (built_in,)
        )
        self._loaded: dict[Path, Theme | InputError] = {}

    def names(self) -> list[str]:
        """Every theme's name, sorted."""
        return sorted({name for root in self.search for name in _theme_names(root)})

    def entries(self) -> list[ThemeEntry]:
        """Every theme, built-in first, then the project's, each sorted by name."""
        built_in = _theme_names(self.built_in)
        entries = [self._entry(self.built_in / name, BUILT_IN) for name in built_in]
        if self.project_themes is not None:
            for name in _theme_names(self.project_themes):
                entry = self._entry(self.project_themes / name, PROJECT)
                entries.append(_with_replaced(entry, name in built_in))
        return entries

    def folder_for(self, request: ThemeRequest) -> Path:
        """The folder of the theme asked for; raises :class:`InputError` located at the
        request, with "did you mean" over the known names."""
        value = request.value.strip()
        if is_path(value):
            folder = request.base / value
            if (folder / THEME_FILE).is_file():
                return folder
            message = f"no theme folder {folder} (a folder with {THEME_FILE})"
            raise InputError([request.problem(message)])
        for root in self.search:
            if (root / value / THEME_FILE).is_file():
                return root / value
        raise InputError([request.problem(self._unknown(value, request.base))])

    def load(self, request: ThemeRequest) -> Theme:
        """The theme asked for, loaded once per folder; raises :class:`InputError` (an
        unknown theme, or problems in its files)."""
        folder = self.folder_for(request)
        key = folder.resolve()
        if key not in self._loaded:
            try:
                self._loaded[key] = load_theme_folder(folder, self.search)
            except InputError as error:
                self._loaded[key] = error
        loaded = self._loaded[key]
        if isinstance(loaded, InputError):
            raise InputError(loaded.problems)
        return loaded

    def default_request(self) -> ThemeRequest:
        return ThemeRequest(DEFAULT_THEME_NAME, self.built_in / DEFAULT_THEME_NAME)

    def _unknown(self, value: str, base: Path) -> str:
        from lagebericht.wording import closest  # for errors only

        known = self.names()
        match = closest(value, known)
        message = f'unknown theme "{value}"'
        message += f'; did you mean "{match}"? ' if match is not None else "; "
        message += f"known themes: {', '.join(known) or 'none'}"
        if (base / value / THEME_FILE).is_file():
            message += f" (a theme folder is given as a path: ./{value})"
        return message

    def _entry(self, folder: Path, origin: str) -> ThemeEntry:
        from lagebericht.load.yaml_tree import read_yaml_file

        try:
            mapping = read_yaml_file(folder / THEME_FILE, "theme")
        except LageberichtError as error:
            problems = error.problems if isinstance(error, InputError) else ()
            first = (
                problems[0] if problems else Problem(folder / THEME_FILE, None, None, str(error))
            )
            return ThemeEntry(folder.name, folder, origin, None, problem=first)
        extends = mapping.data.get("extends")
        return ThemeEntry(
            folder.name, folder, origin, extends if isinstance(extends, str) else None
        )


def _theme_names(root: Path) -> list[str]:
    """The theme folders directly in ``root`` (those with a ``theme.yaml``), sorted."""
    try:
        children = list(root.iterdir())
    except OSError:
        return []
    return sorted(
        p.name for p in children if not p.name.startswith(".") and (p / THEME_FILE).is_file()
    )


def _with_replaced(entry: ThemeEntry, replaces: bool) -> ThemeEntry:
    from dataclasses import replace

    return replace(entry, replaces_built_in=replaces)


def _same(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False

"""Each report's theme: ``--theme`` over the report's ``theme:`` over the project file's
``theme`` over the default ``auslandsbuero``; each theme loaded once, and the build
stages that use it.

A theme named on the command line or in the project file is checked up front (it concerns
every report); a report's own ``theme:`` is checked with the report, whose build fails with
a located problem if the name is unknown.
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lagebericht.build import Pipeline, Validated
from lagebericht.problems import InputError, LageberichtError, Problem, UsageError
from lagebericht.theme.catalog import ThemeCatalog, ThemeRequest, requested_theme

if TYPE_CHECKING:
    from lagebericht.project import Project
    from lagebericht.theme import Theme

CLI_OPTION = "--theme"


@dataclass(frozen=True)
class ThemeChoice:
    """The theme a report is built with, or why it cannot be."""

    theme: Theme | None
    problems: tuple[Problem, ...] = ()
    """An unknown ``theme:`` in the report, or problems in its theme's files."""

    @property
    def folders(self) -> tuple[Path, ...]:
        """The theme's folders (its own, then those it extends): what a build reads."""
        return self.theme.folders if self.theme is not None else ()


class ThemeChooser:
    """Chooses and loads the theme of each report of one command's run."""

    def __init__(
        self,
        catalog: ThemeCatalog,
        forced: ThemeRequest | None = None,
        fallback: ThemeRequest | None = None,
    ) -> None:
        self.catalog = catalog
        self.forced = forced
        """``--theme``: wins over everything."""
        self.fallback = fallback or catalog.default_request()
        """The project file's ``theme``, else the default theme."""

    @classmethod
    def for_project(cls, project: Project, option: str | None = None) -> ThemeChooser:
        """The chooser for ``project`` and the ``--theme`` ``option``. Raises
        :class:`UsageError` for an unknown ``--theme`` and :class:`InputError` for an
        unknown or broken theme named there or in the project file."""
        catalog = ThemeCatalog(project.themes_folder)
        forced = None
        if option is not None:
            forced = ThemeRequest(option, Path(CLI_OPTION), base=Path("."), field=CLI_OPTION)
            try:
                catalog.folder_for(forced)
            except InputError as error:
                raise UsageError(error.problems[0].message) from None
        fallback = None
        if project.theme is not None and project.file is not None:
            fallback = ThemeRequest(
                project.theme, project.file, project.theme_line, None, base=project.root
            )
        chooser = cls(catalog, forced, fallback)
        catalog.load(chooser.forced or chooser.fallback)  # broken: said once, up front
        return chooser

    def choose(self, requested: ThemeRequest | None) -> ThemeChoice:
        """The theme for a report that asks for ``requested`` (its ``theme:``, if any)."""
        problems: list[Problem] = []
        if requested is not None:
            try:
                self.catalog.folder_for(requested)  # checked even when --theme wins
            except InputError as error:
                problems.extend(error.problems)
        chosen = self.forced or (requested if requested is not None else self.fallback)
        if problems and chosen is requested:
            return ThemeChoice(None, tuple(problems))
        try:
            theme = self.catalog.load(chosen)
        except InputError as error:
            return ThemeChoice(None, (*problems, *error.problems))
        return ThemeChoice(theme, tuple(problems))

    def choose_for(self, source: Path) -> ThemeChoice:
        """:meth:`choose` for the report file ``source``, reading its front matter."""
        from lagebericht.load import read_document

        try:
            requested = requested_theme(read_document(source))
        except LageberichtError:
            requested = None  # the build reports what is wrong with the file
        return self.choose(requested)

    def fresh(self) -> ThemeChooser:
        """The same choice with nothing loaded yet (``watch`` reloads after theme edits)."""
        return ThemeChooser(
            ThemeCatalog(self.catalog.project_themes, self.catalog.built_in),
            self.forced,
            self.fallback,
        )

    def theme_folders(self) -> tuple[Path, ...]:
        """Folders whose files may change any report's theme (what ``watch`` watches): the
        project's and the built-in themes, and a theme folder named by path."""
        named = []
        for request in (self.forced, self.fallback):
            if request is not None:
                with contextlib.suppress(InputError):
                    named.append(self.catalog.folder_for(request))
        return (*self.catalog.search, *named)


def pipeline_for(choice: ThemeChoice) -> Pipeline:
    """The build stages with the chosen theme; for a choice with problems, stages that
    report them (with the validation's own problems) so the report fails."""
    if not choice.problems:
        return Pipeline.for_theme(choice.theme)
    return Pipeline(read=functools.partial(_read_failing, problems=choice.problems))


def _read_failing(path: Path, problems: tuple[Problem, ...]) -> Validated:
    read = Pipeline().read
    try:
        read(path)
    except InputError as error:
        raise InputError([*error.problems, *problems]) from None
    raise InputError(problems)

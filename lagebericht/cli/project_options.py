"""What the commands take from the project (``lagebericht.toml``, found upwards from the
working folder): default content and output folders, ``build`` defaults, the theme.

Paths given on the command line are relative to the working folder as usual; the defaults
come from the project file, relative to its folder, so ``lagebericht build`` run anywhere
inside a project builds the project's content into the project's output.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lagebericht.load.offices import find_offices_folder
from lagebericht.problems import UsageError
from lagebericht.project import Project, current_project, folder_around

if TYPE_CHECKING:
    from lagebericht.theme_choice import ThemeChooser


def add_theme_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--theme",
        metavar="NAME|PATH",
        help="build with this theme (a built-in or project theme's name, or a theme folder); "
        "wins over the report's `theme:` and the project's theme",
    )


def project_of(args: argparse.Namespace) -> Project:
    """The project of the working folder, read once per command (raises
    :class:`~lagebericht.project.ProjectFileError`)."""
    project = getattr(args, "project", None)
    if not isinstance(project, Project):
        project = current_project()
        args.project = project
    return project


def content_paths(args: argparse.Namespace) -> list[Path]:
    """The PATH arguments, or the project's content folder."""
    paths: list[Path] = list(args.paths or ())
    return paths or [project_of(args).content]


def output_folder(args: argparse.Namespace) -> Path:
    """``-o DIR``, or the project's output folder."""
    given: Path | None = args.output
    return given if given is not None else project_of(args).output


def build_defaults(args: argparse.Namespace) -> None:
    """Fill in ``--jobs``, ``--pdfa`` and ``--strict`` not given with the project's
    ``[build]`` values (``check`` takes ``strict`` too, so that it predicts the build)."""
    project = project_of(args)
    if getattr(args, "jobs", 0) is None:
        args.jobs = project.jobs or os.cpu_count() or 1
    if getattr(args, "pdfa", False) is None:
        args.pdfa = project.pdfa
    if getattr(args, "strict", False) is None:
        args.strict = project.strict


def refuse_output_in_content(
    paths: Sequence[Path], out_dir: Path, project: Project, written: str = "PDFs"
) -> None:
    """Raise :class:`UsageError` if ``out_dir`` is or lies inside a folder being built, the
    content tree of a report being built (the folder holding its ``offices/``) or the
    project's content folder: nothing (``written`` says what) is written into the content
    tree."""
    folders = [path for path in paths if path.is_dir()]
    folders += _content_trees(paths)
    if project.file is not None:
        folders.append(project.content)
    folder = folder_around(out_dir, folders)
    if folder is None:
        return
    if project.file is None:
        fix = (
            "give an output folder outside it (-o DIR), or put a lagebericht.toml in the "
            "project folder (above the content folder) and build from anywhere inside it"
        )
    else:
        fix = f"give an output folder outside it (-o DIR) or change output in {project.file}"
    raise UsageError(
        f'the output folder "{out_dir}" lies inside "{folder}", a folder being built; '
        f"{written} are never written into the content tree: {fix}"
    )


def _content_trees(paths: Sequence[Path]) -> list[Path]:
    """The folders holding the ``offices/`` folder the reports under ``paths`` use."""
    trees = []
    for path in paths:
        # find_offices_folder starts at a report's folder: for a folder, the folder itself.
        offices = find_offices_folder(path / "report.md" if path.is_dir() else path)
        if offices is not None:
            trees.append(offices.parent)
    return trees


def theme_chooser(args: argparse.Namespace) -> ThemeChooser:
    """The theme of each report: ``--theme`` > the report's ``theme:`` > the project's."""
    from lagebericht.theme_choice import ThemeChooser

    return ThemeChooser.for_project(project_of(args), getattr(args, "theme", None))

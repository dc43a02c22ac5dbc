"""``lagebericht themes``: the themes a report can choose, where each comes from (built into
the toolkit, or the project's ``templates/<name>/``) and what it extends."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from lagebericht.cli.defaults import EXIT_FAILED, EXIT_OK
from lagebericht.cli.printer import Printer

_DESCRIPTION = """\
List the themes a report can use with `theme:` in its front matter, `theme` in
lagebericht.toml or --theme: the built-in themes and the project's own (folders
templates/<name>/ with a theme.yaml in the project folder), where each comes from and
which theme it extends. The last line names the theme reports get by default."""


def add_themes_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    debug_option: Callable[[argparse.ArgumentParser], None],
) -> None:
    themes = commands.add_parser(
        "themes",
        help="list the themes and where they come from",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    debug_option(themes)
    themes.set_defaults(run=run_themes)


def run_themes(args: argparse.Namespace, printer: Printer) -> int:
    from lagebericht.cli.project_options import project_of
    from lagebericht.theme.catalog import BUILT_IN, ThemeCatalog

    project = project_of(args)
    catalog = ThemeCatalog(project.themes_folder)
    entries = catalog.entries()
    rows = []
    for entry in entries:
        if entry.origin == BUILT_IN:
            origin = "built-in"
        else:
            origin = f"project {printer.path(entry.folder)}"
            if entry.replaces_built_in:
                origin += " (replaces the built-in theme)"
        extends = f"extends {entry.extends}" if entry.extends else ""
        rows.append((entry.name, origin, extends))
    name_width = max((len(name) for name, _, _ in rows), default=0)
    origin_width = max((len(origin) for _, origin, _ in rows), default=0)
    for name, origin, extends in rows:
        printer.out(f"{name:<{name_width}}  {origin:<{origin_width}}  {extends}".rstrip())
    if project.theme is not None and project.file is not None:
        where = f"{printer.path(project.file)}:{project.theme_line or 1}"
        printer.out(f"default: {project.theme} ({where})")
    else:
        printer.out(f"default: {catalog.default_request().value}")
    problems = [entry.problem for entry in entries if entry.problem is not None]
    printer.problems(problems)
    return EXIT_FAILED if problems else EXIT_OK

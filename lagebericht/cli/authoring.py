"""The authoring commands ``init``, ``new``, ``schema``, ``preview`` and ``watch``.

Each sets ``run`` to a function ``run(args, printer) -> exit status``, as every command
does. Everything heavy is imported inside the functions, so ``lagebericht --help`` stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from lagebericht.cli.defaults import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from lagebericht.cli.printer import Printer
from lagebericht.cli.project_options import (
    add_theme_option,
    build_defaults,
    content_paths,
    output_folder,
    project_of,
    refuse_output_in_content,
    theme_chooser,
)
from lagebericht.problems import LageberichtError, Problem, UsageError

if TYPE_CHECKING:
    from lagebericht.authoring.watch import Builder, Tracking, WatchEvent
    from lagebericht.theme_choice import ThemeChooser

_INIT_DESCRIPTION = """\
Set up a project for one field office in DIR (default: the working folder):
  lagebericht.toml                       the project file (every setting explained)
  content/offices/KEY.yaml               the office: every field explained, the given ones set
  content/YYYY-MM/KEY-beispiel.md        a sample report (a draft) that builds as it is
                                         (KEY-example.md, in English, for other languages)
Existing files are not replaced (exit status 1) unless --force is given; a bad KEY or
option is wrong usage (exit status 2)."""

_NEW_DESCRIPTION = """\
Create content/YYYY-MM/<office>-<title>.md: front matter with every field (optional ones
commented out, each explained), and a body skeleton with a section, bullet arguments and a
footnote. Replace the TODO placeholders; the file passes `lagebericht check` as it is (with
a warning for each placeholder and the draft line; --strict and --pdfa refuse them)."""

_SCHEMA_DESCRIPTION = """\
Print the JSON Schema of the front matter (for editors and linters that validate YAML
front matter); the same bytes on every run."""

_PREVIEW_DESCRIPTION = """\
Validate and lay out one report and write its pages as PNG pictures (page-1.png, ...),
by default into output/preview/<name>/. Problems are printed as in `check`."""

_WATCH_DESCRIPTION = """\
Build the reports (default: every report under content/) that are not up to date, then
rebuild a report whenever it, its office file, its data files or a theme file is saved.
What watch builds counts as up to date for `build`, as if `build` had made it. Ctrl-C
stops."""


def add_authoring_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    debug_option: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add ``init``, ``new``, ``schema``, ``preview`` and ``watch`` to the ``lagebericht``
    commands."""
    raw = argparse.RawDescriptionHelpFormatter

    init = commands.add_parser(
        "init",
        help="set up a project for a field office",
        description=_INIT_DESCRIPTION,
        formatter_class=raw,
    )
    init.add_argument(
        "folder", nargs="?", type=Path, default=Path("."), metavar="DIR", help="default: ."
    )
    init.add_argument(
        "--office",
        required=True,
        metavar="KEY",
        help="office key, e.g. kasachstan (a-z, 0-9, - and _)",
    )
    init.add_argument(
        "--name", required=True, metavar="NAME", help='e.g. "Auslandsbüro Kasachstan"'
    )
    init.add_argument("--city", metavar="C", help="seat of the office, e.g. Astana")
    init.add_argument("--country", metavar="C", help="country or region the office covers")
    init.add_argument("--head", metavar="H", help="head of office (name)")
    init.add_argument(
        "--language", metavar="L", default="de", help="of the sample report (default: de)"
    )
    init.add_argument("--force", action="store_true", help="replace existing files")
    debug_option(init)
    init.set_defaults(run=run_init)

    new = commands.add_parser(
        "new", help="start a new report file", description=_NEW_DESCRIPTION, formatter_class=raw
    )
    new.add_argument("office", metavar="OFFICE", help="office key (offices/<OFFICE>.yaml)")
    new.add_argument("date", metavar="DATE", help='report date, 2024-07-05, or "today"')
    new.add_argument("--title", metavar="T", help="title (also names the file)")
    new.add_argument("--language", metavar="L", default="de", help="language tag (default: de)")
    new.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        help="default: the project's content folder, else content/",
    )
    new.add_argument("--force", action="store_true", help="replace an existing file")
    debug_option(new)
    new.set_defaults(run=run_new)

    schema = commands.add_parser(
        "schema", help="JSON Schema of the front matter", description=_SCHEMA_DESCRIPTION
    )
    schema.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)"
    )
    debug_option(schema)
    schema.set_defaults(run=run_schema)

    preview = commands.add_parser(
        "preview", help="pages as PNG pictures", description=_PREVIEW_DESCRIPTION
    )
    preview.add_argument("file", type=Path, metavar="FILE", help="the report")
    preview.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="default: preview/<name>/ in the project's output folder (output/)",
    )
    preview.add_argument("--dpi", type=int, default=60, metavar="N", help="default: 60")
    preview.add_argument("--pages", metavar="1,2", help="only these pages (default: all)")
    preview.add_argument(
        "--strict", action=argparse.BooleanOptionalAction, help="treat warnings as errors"
    )
    add_theme_option(preview)
    debug_option(preview)
    preview.set_defaults(run=run_preview)

    watch = commands.add_parser(
        "watch", help="rebuild reports when they are saved", description=_WATCH_DESCRIPTION
    )
    watch.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="default: the project's content folder, else content/",
    )
    watch.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="default: the project's output folder, else output/",
    )
    watch.add_argument(
        "--strict", action=argparse.BooleanOptionalAction, help="treat warnings as errors"
    )
    add_theme_option(watch)
    debug_option(watch)
    watch.set_defaults(run=run_watch)


# --- init --------------------------------------------------------------------------------


def run_init(args: argparse.Namespace, out: Printer) -> int:
    from lagebericht.authoring.init import OfficeDetails, plan_project, write_project
    from lagebericht.authoring.scaffold import ScaffoldError

    root: Path = args.folder
    office = OfficeDetails(args.office, args.name, args.city, args.country, args.head)
    try:
        if root.exists() and not root.is_dir():
            raise UsageError(f"{root}: not a folder")
        files = plan_project(root, office, language=args.language)
        existed = {file.path for file in files if file.path.exists()}
        write_project(files, force=args.force)
    except UsageError as err:
        out.err(f"lagebericht init: {err}")
        return EXIT_USAGE
    except ScaffoldError as err:
        out.err(f"lagebericht init: {err}")
        return EXIT_FAILED
    project, office_file, picture, sample = files
    for file, what in (
        (project, "the project file"),
        (office_file, "the office: check its fields"),
        (picture, "the sample report's picture"),
        (sample, "a sample report: build it, then delete it"),
    ):
        verb = "replaced" if file.path in existed else "created"
        out.out(f"{verb} {out.path(file.path)}  ({what})")
    out.out(next_steps(root, office.key, sample.path.relative_to(root)))
    return EXIT_OK


def next_steps(root: Path, key: str, sample: Path) -> str:
    """The commands to run after ``init``, from the project folder."""
    import shlex

    here = root.resolve() == Path.cwd().resolve() if root.exists() else False
    lines = ["next:"]
    if not here:
        lines.append(f"  cd {shlex.quote(str(root))}")
    commands = (
        (f'lagebericht new {shlex.quote(key)} today --title "…"', "start a report"),
        ("lagebericht check", "validate every report under content/"),
        ("lagebericht build", "build their PDFs into output/"),
        (f"lagebericht preview {shlex.quote(sample.as_posix())}", "a report's pages as PNG"),
    )
    width = max(len(command) for command, _ in commands)
    lines += [f"  {command:<{width}}  # {what}" for command, what in commands]
    return "\n".join(lines)


# --- new ---------------------------------------------------------------------------------


def run_new(args: argparse.Namespace, out: Printer) -> int:
    from lagebericht.authoring.scaffold import (
        ScaffoldError,
        parse_date,
        plan_report,
        write_scaffold,
    )

    try:
        date = parse_date(args.date)
        content = args.content if args.content is not None else project_of(args).content
        scaffold = plan_report(content, args.office, date, title=args.title, language=args.language)
        existed = scaffold.path.exists()
        write_scaffold(scaffold, force=args.force)
    except UsageError as err:
        out.err(f"lagebericht new: {err}")
        return EXIT_USAGE
    except ScaffoldError as err:
        out.err(f"lagebericht new: {err}")
        return EXIT_FAILED
    shown = out.path(scaffold.path)
    out.out(f"{'replaced' if existed else 'created'} {shown}")
    out.out(f"next: replace the TODO placeholders, then run: lagebericht preview {shown}")
    return EXIT_OK


# --- schema ------------------------------------------------------------------------------


def run_schema(args: argparse.Namespace, out: Printer) -> int:
    from lagebericht.authoring.schema import schema_json
    from lagebericht.output import describe

    text = schema_json()
    target: Path | None = args.output
    if target is None or str(target) == "-":
        out.stdout.write(text)
        out.stdout.flush()
        return EXIT_OK
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    except OSError as err:
        out.err(f"lagebericht schema: cannot write {target}: {describe(err)}")
        return EXIT_FAILED
    out.out(f"wrote {out.path(target)}")
    return EXIT_OK


# --- preview -----------------------------------------------------------------------------


def run_preview(args: argparse.Namespace, out: Printer) -> int:
    from lagebericht.authoring.preview import default_folder, parse_pages, preview
    from lagebericht.job import report_stem
    from lagebericht.problems import InputError

    source: Path = args.file
    try:
        if not source.is_file():
            raise UsageError(f"{source}: no such file")
        if report_stem(source.name) is None:
            raise UsageError(f"{source}: not a report (reports are *.md and *.md.j2 files)")
        pages = parse_pages(args.pages) if args.pages else ()
        build_defaults(args)
        folder = args.output or default_folder(source, project_of(args).output)
        refuse_output_in_content([source], folder, project_of(args), written="pictures")
        choice = theme_chooser(args).choose_for(source)
        if choice.problems:
            raise InputError(choice.problems)
        result = preview(
            source, folder, dpi=args.dpi, pages=pages, strict=args.strict, theme=choice.theme
        )
    except UsageError as err:
        out.err(f"lagebericht preview: {err}")
        return EXIT_USAGE
    except InputError as err:
        out.problems(err.problems)
        return EXIT_FAILED
    except LageberichtError as err:  # e.g. a broken theme, a folder that cannot be written
        out.problems([Problem(source, None, None, str(err))])
        return EXIT_FAILED
    out.problems(result.warnings)
    for path in result.pages:
        out.out(out.path(path))
    return EXIT_OK


# --- watch -------------------------------------------------------------------------------


def run_watch(args: argparse.Namespace, out: Printer) -> int:
    return watch_command(args, out)


def watch_command(
    args: argparse.Namespace,
    out: Printer,
    *,
    stop_event: threading.Event | None = None,
    builder: Builder | None = None,
    debounce_ms: int = 1600,
) -> int:
    """:func:`run_watch`, stoppable by ``stop_event`` and with a replaceable builder (tests)."""
    from lagebericht.authoring.watch import watch_builds

    build_defaults(args)
    out_dir = output_folder(args)
    if out_dir.exists() and not out_dir.is_dir():
        out.err(f"lagebericht watch: {out_dir}: not a folder (given as the output folder)")
        return EXIT_USAGE
    paths = content_paths(args)
    try:
        refuse_output_in_content(paths, out_dir, project_of(args))
        themes = theme_chooser(args)
    except UsageError as err:
        out.err(f"lagebericht watch: {err}")
        return EXIT_USAGE
    tracking = _tracking(args, themes)
    events = watch_builds(
        paths,
        out_dir,
        builder or _default_builder(args, themes),
        tracking=tracking,
        stop_event=stop_event,
        debounce_ms=debounce_ms,
        shared=themes.theme_folders(),
    )
    try:
        for event in events:
            _print_event(event, out)
    except UsageError as err:
        out.err(f"lagebericht watch: {err}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        pass  # Ctrl-C is how watching ends: not an error
    out.out("stopped watching")
    return EXIT_OK


def _tracking(args: argparse.Namespace, themes: ThemeChooser) -> Tracking:
    """Planning as ``build`` plans: the same options, each report with its own theme (and
    so PDF/A where its theme asks for it)."""
    from lagebericht.authoring.watch import Tracking
    from lagebericht.batch.planning import BatchOptions

    options = BatchOptions(strict=bool(args.strict), debug=bool(args.debug))
    return Tracking(options, choose=themes.choose, root=project_of(args).root)


def _default_builder(args: argparse.Namespace, themes: ThemeChooser) -> Builder:
    from lagebericht.build import BuildResult, build
    from lagebericht.job import Job
    from lagebericht.theme_choice import pipeline_for

    strict = bool(getattr(args, "strict", False))
    debug = bool(getattr(args, "debug", False))

    def builder(job: Job) -> BuildResult:
        # Chosen afresh for every build: a saved theme file must take effect.
        choice = themes.fresh().choose_for(job.source)
        pdfa = choice.theme is not None and choice.theme.pdfa
        return build(job, strict=strict, debug=debug, pdfa=pdfa, pipeline=pipeline_for(choice))

    return builder


def _because(paths: tuple[Path, ...], out: Printer) -> str:
    shown = [out.path(path) for path in paths[:3]]
    more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
    return f" ({', '.join(shown)}{more} changed)" if shown else ""


def _print_event(event: WatchEvent, out: Printer) -> None:
    from lagebericht.authoring.watch import Built, UpToDate, Watching

    now = f"[{dt.datetime.now():%H:%M:%S}]"
    if isinstance(event, UpToDate):
        if event.job.output is not None:
            out.out(f"{now} up to date {out.path(event.job.output)}")
    elif isinstance(event, Watching):
        folders = ", ".join(out.path(folder) for folder in event.folders)
        out.out(f"{now} watching {folders} (Ctrl-C to stop)")
    elif isinstance(event, Built):
        result = event.result
        out.problems(result.warnings)
        out.problems(result.problems)
        verb = "rebuilt" if event.because else "built"
        if result.ok and result.output is not None:
            out.out(f"{now} {verb} {out.path(result.output)}{_because(event.because, out)}")
        else:
            count = len(result.problems)
            problems = f"{count} problem{'s' if count != 1 else ''}"
            out.out(
                f"{now} failed {out.path(result.source)}: {problems}{_because(event.because, out)}"
            )
    else:
        out.problems(event.problems)
        if event.message is not None:
            out.err(f"lagebericht watch: {event.message}")

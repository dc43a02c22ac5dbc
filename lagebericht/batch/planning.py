"""Which reports of a batch need building: those whose inputs or PDF changed since the
last build into the same output folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lagebericht.batch.budget import Budget
from lagebericht.batch.inputs import (
    file_sha256,
    fingerprint,
    read_inputs,
    theme_files,
    toolkit_fingerprint,
)
from lagebericht.batch.state import read_state
from lagebericht.job import Job
from lagebericht.load.offices import inside_root

if TYPE_CHECKING:
    from lagebericht.theme import Theme
    from lagebericht.theme.catalog import ThemeRequest
    from lagebericht.theme_choice import ThemeChoice

    ChooseTheme = Callable[[ThemeRequest | None], ThemeChoice]
    """The theme of a report that asks for one (its ``theme:``) or not."""


@dataclass(frozen=True)
class BatchOptions:
    jobs: int = 1
    """Worker processes (1: build in this process)."""
    force: bool = False
    """Rebuild even what is up to date."""
    strict: bool = False
    pdfa: bool = False
    for_print: bool = False
    """For a print shop (``--print``): bleed, trim and bleed boxes."""
    debug: bool = False
    theme: Theme | None = None
    """The theme of reports planned without a choice of their own (``None``: each build
    loads the default)."""
    budget: Budget = field(default_factory=Budget)
    """What building one report may take (:mod:`lagebericht.batch.budget`)."""


@dataclass(frozen=True)
class Planned:
    """A report of the batch and whether its PDF is still current."""

    job: Job
    fingerprint: str | None
    up_to_date: bool
    language: str | None = None
    """``language:`` of the front matter as written (the batch loads its dictionaries once)."""
    choice: ThemeChoice | None = None
    """The report's theme (``None``: :attr:`BatchOptions.theme`)."""

    def pdfa(self, options: BatchOptions) -> bool:
        """PDF/A asked for on the command line or by the report's theme."""
        theme = self.choice.theme if self.choice is not None else options.theme
        return options.pdfa or (theme is not None and theme.pdfa)

    def for_print(self, options: BatchOptions) -> bool:
        """A print-shop PDF asked for on the command line or by the report's theme."""
        theme = self.choice.theme if self.choice is not None else options.theme
        return options.for_print or (theme is not None and theme.print.default)


def plan(
    jobs: Iterable[Job],
    out_dir: Path,
    options: BatchOptions,
    theme_folders: Sequence[Path] = (),
    choose: ChooseTheme | None = None,
) -> list[Planned]:
    """Which reports need building: those whose inputs or output changed since last time,
    or whose PDF the folder's manifest does not list as it is (a build ended before it
    wrote the manifest: rebuilding is what lists them again).

    With ``choose`` each report gets its own theme, and its fingerprint covers that
    theme's files (changing one theme rebuilds only its reports); without, every report
    shares the theme in ``theme_folders``.
    """
    state = read_state(out_dir)
    listed = _listed(out_dir) if state else None
    toolkit = toolkit_fingerprint()  # the same for every report: hashed once per batch
    themes: dict[tuple[Path, ...], str] = {}  # each theme's files hashed once per batch
    planned = []
    for job in jobs:
        if job.blocked is not None or job.output is None:
            planned.append(Planned(job, None, False))
            continue
        with inside_root(job.root):
            inputs = read_inputs(job.source)
        choice = choose(inputs.theme) if choose is not None else None
        folders = tuple(theme_folders) if choice is None else choice.folders
        if folders not in themes:
            themes[folders] = fingerprint(theme_files(folders), "", base=out_dir)
        item = Planned(job, None, False, inputs.language, choice)
        mode = (
            f"{toolkit} {themes[folders]} pdfa={item.pdfa(options)} strict={options.strict}"
            f" print={item.for_print(options)}"
        )
        current = fingerprint(inputs.files, mode, base=out_dir)
        last = state.get(output_key(out_dir, job.output))
        up_to_date = (
            not options.force
            and not (choice is not None and choice.problems)
            and last is not None
            and last.fingerprint == current
            and file_sha256(job.output) == last.sha256
            and (listed is None or listed.get(output_key(out_dir, job.output)) == last.sha256)
        )
        planned.append(Planned(job, current, up_to_date, inputs.language, choice))
    return planned


def output_key(out_dir: Path, output: Path) -> str:
    """``output`` as recorded in the state and the manifest: relative to ``out_dir``, POSIX."""
    try:
        return output.relative_to(out_dir).as_posix()
    except ValueError:
        return output.as_posix()


def _listed(out_dir: Path) -> dict[str, str] | None:
    """The PDFs the output folder's manifest lists, with their SHA-256; ``None`` without
    a manifest (a folder only ``watch`` has built into, which keeps none)."""
    from lagebericht.archive.manifest import read_manifest
    from lagebericht.batch.manifest import MANIFEST_FILE

    path = out_dir / MANIFEST_FILE
    if not path.exists():
        return None
    entries, _ = read_manifest(path)
    return {key: entry.sha256 for key, entry in entries.items()}

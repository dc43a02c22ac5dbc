"""Sets the seed editions with lagebericht and with Typst and prints the figures of both.

    python -m benchmarks.typography [--markdown] [--keep DIR]
    python -m benchmarks.typography --pdf FILE… [--theme NAME] [--markdown]

(or ``python3 tasks.py typo …``). The first form builds the de, en and ru seeds with
lagebericht (in this process, the default theme) and with Typst (``to_typst``: same font
files, sizes, leading and measure), measures the body lines of every PDF (``metrics``) and
prints a table per edition and the targets of issue 13, met or not. ``--keep DIR`` also
writes the PDFs and the Typst sources there. The second form prints the figures of the
PDFs given, measured in the columns of ``--theme``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from benchmarks.typography.metrics import LOOSE, VERY_LOOSE, Geometry, Summary, measure
from benchmarks.typography.to_typst import compile_pdf, typst_markup
from lagebericht.theme import Theme, load_theme

ROOT = Path(__file__).resolve().parents[2]
SEEDS = {
    "de": ROOT / "content" / "2024-07" / "astana-sco.de.md",
    "en": ROOT / "content" / "2024-07" / "astana-sco.md",
    "ru": ROOT / "content" / "2024-07" / "astana-sco.ru.md",
}

# Targets of issue 13, per edition.
SHARE_MARGIN = 3.0  # percentage points above Typst's hyphenated share
WORST_TARGET = 2.5


@dataclass(frozen=True)
class Measured:
    edition: str
    setter: str
    summary: Summary


def lagebericht_pdf(source: Path, out_dir: Path, theme: Theme) -> bytes:
    """``source`` built by lagebericht, as ``lagebericht build`` does."""
    from lagebericht.build import Pipeline, Status, build
    from lagebericht.job import Job

    output = out_dir / (source.name.removesuffix(".md") + ".lagebericht.pdf")
    result = build(Job(source, output), pipeline=Pipeline.for_theme(theme))
    if result.status is not Status.BUILT:
        problems = "; ".join(p.message for p in result.problems)
        raise SystemExit(f"typo: lagebericht could not build {source}: {problems}")
    return output.read_bytes()


def typst_pdf(source: Path, out_dir: Path, theme: Theme) -> bytes:
    """``source`` set by Typst; the markup is written beside the PDF."""
    from lagebericht.validate import read_report

    markup = typst_markup(read_report(source).report, theme)
    (out_dir / (source.name.removesuffix(".md") + ".typ")).write_text(markup, encoding="utf-8")
    pdf = compile_pdf(markup, theme)
    (out_dir / (source.name.removesuffix(".md") + ".typst.pdf")).write_bytes(pdf)
    return pdf


def seeds(out_dir: Path, theme: Theme) -> list[Measured]:
    geometry = Geometry.of(theme)
    results = []
    for edition, source in SEEDS.items():
        for setter, make in (("lagebericht", lagebericht_pdf), ("Typst", typst_pdf)):
            pdf = make(source, out_dir, theme)
            results.append(Measured(edition, setter, measure(pdf, geometry)))
    return results


def _share(summary: Summary) -> str:
    return f"{summary.hyphenated} ({summary.hyphen_share:.1f} %)"


def _worst(summary: Summary) -> str:
    if summary.worst is None:
        return "-"
    return f"{summary.worst_ratio:.2f}× (p. {summary.worst.page})"


HEADER = (
    "edition",
    "setter",
    "pages",
    "body lines",
    "justified",
    "ending in a hyphen",
    "longest hyphen run",
    f"> {LOOSE:g}× loose",
    f"> {VERY_LOOSE:g}× loose",
    "worst line",
    "overfull",
    "hyphen on a page's last line",
)


def figures_rows(results: Sequence[Measured]) -> list[tuple[str, ...]]:
    return [
        (
            r.edition,
            r.setter,
            str(r.summary.pages),
            str(r.summary.lines),
            str(r.summary.justified),
            _share(r.summary),
            str(r.summary.longest_run),
            str(r.summary.loose),
            str(r.summary.very_loose),
            _worst(r.summary),
            str(r.summary.overfull),
            str(r.summary.page_end_hyphens),
        )
        for r in results
    ]


TARGET_HEADER = (
    "edition",
    f"hyphenated share ≤ Typst's + {SHARE_MARGIN:g} points",
    f"lines > {LOOSE:g}× loose ≤ Typst's",
    f"worst line ≤ {WORST_TARGET:g}×",
    "overfull lines 0",
    "no hyphen on a page's last line",
)


def _verdict(met: bool, detail: str) -> str:
    return f"{'met' if met else '**unmet**'} ({detail})"


def target_rows(results: Sequence[Measured]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    by_key = {(r.edition, r.setter): r.summary for r in results}
    for edition in dict.fromkeys(r.edition for r in results):
        ours, typst = by_key[edition, "lagebericht"], by_key[edition, "Typst"]
        limit = typst.hyphen_share + SHARE_MARGIN
        rows.append(
            (
                edition,
                _verdict(
                    ours.hyphen_share <= limit,
                    f"{ours.hyphen_share:.1f} % vs ≤ {limit:.1f} %",
                ),
                _verdict(ours.loose <= typst.loose, f"{ours.loose} vs ≤ {typst.loose}"),
                _verdict(ours.worst_ratio <= WORST_TARGET, f"{ours.worst_ratio:.2f}×"),
                _verdict(ours.overfull == 0, str(ours.overfull)),
                _verdict(ours.page_end_hyphens == 0, str(ours.page_end_hyphens)),
            )
        )
    return rows


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table; the columns whose cells all start with a digit set right."""
    numeric = [all(row[i][:1].isdigit() for row in rows) for i in range(len(header))]
    rule = ["---:" if right else "---" for right in numeric]
    lines = [header, rule, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [header, *rows]
    )


def worst_lines(results: Sequence[Measured]) -> list[str]:
    return [
        f"{r.edition}, {r.setter}: {_worst(r.summary)} “{r.summary.worst.text}”"
        for r in results
        if r.summary.worst is not None
    ]


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"
    return f"`{head}`" + (" with uncommitted changes" if dirty else "")


def _typst_version() -> str:
    # --pdf measures any PDF: Typst (a development tool) need not be installed for it.
    try:
        return version("typst")
    except PackageNotFoundError:
        return "not installed"


def report(results: Sequence[Measured], markdown: bool, targets: bool) -> str:
    table = markdown_table if markdown else text_table
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    parts = [
        f"{when}, HEAD {_commit()}, lagebericht {version('lagebericht')}, "
        f"Typst (PyPI typst) {_typst_version()}",
        "",
        table(HEADER, figures_rows(results)),
    ]
    if targets:
        parts += ["", table(TARGET_HEADER, target_rows(results))]
    parts += ["", "Worst lines:", ""]
    parts += [("- " if markdown else "  ") + line for line in worst_lines(results)]
    return "\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.typography", description=__doc__)
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--keep", type=Path, help="write the PDFs and Typst sources here")
    parser.add_argument("--pdf", type=Path, nargs="+", help="measure these PDFs instead")
    parser.add_argument("--theme", default=None, help="theme whose columns --pdf measures")
    args = parser.parse_args(argv)
    theme = load_theme(args.theme) if args.theme else load_theme()
    if args.pdf:
        missing = [str(path) for path in args.pdf if not path.is_file()]
        if missing:
            parser.error(f"no such PDF: {', '.join(missing)}")
        geometry = Geometry.of(theme)
        results = [Measured(path.name, "-", measure(path, geometry)) for path in args.pdf]
        print(report(results, args.markdown, targets=False))
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        results = seeds(args.keep, theme)
    else:
        with tempfile.TemporaryDirectory(prefix="typo-") as folder:
            results = seeds(Path(folder), theme)
    print(report(results, args.markdown, targets=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

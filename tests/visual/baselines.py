"""The pages compared as images and their stored renderings in ``tests/visual/expected/``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

from tests.goldens.documents import build
from tests.visual.compare import compare, render_page

EXPECTED = Path(__file__).resolve().parent / "expected"


@dataclass(frozen=True)
class PageImage:
    document: str
    index: int
    """0-based page index."""

    @property
    def name(self) -> str:
        return f"{self.document}-p{self.index + 1}"

    @property
    def path(self) -> Path:
        return EXPECTED / f"{self.name}.png"

    def render(self) -> Image.Image:
        return render_page(build(self.document), self.index)


PAGES: tuple[PageImage, ...] = (
    PageImage("astana-sco", 0),
    PageImage("astana-sco", 1),
    PageImage("wasser-zentralasien", 0),
)


def regenerate() -> list[tuple[Path, str]]:
    """Re-render every page; rewrite its PNG when any pixel changed (so a reviewer sees every
    change in ``git diff``, even one within the test's tolerance); say how it compares."""
    EXPECTED.mkdir(parents=True, exist_ok=True)
    outcome: list[tuple[Path, str]] = []
    wanted = {page.path for page in PAGES}
    for page in PAGES:
        image = page.render()
        what = "written"
        if page.path.is_file():
            with Image.open(page.path) as stored:
                old = stored.convert("RGB")
            if old.size == image.size and ImageChops.difference(old, image).getbbox() is None:
                outcome.append((page.path, "unchanged"))
                continue
            result = compare(image, old)
            what = f"updated ({'within' if result.ok else 'beyond'} the test's tolerance)"
        image.save(page.path, optimize=True)
        outcome.append((page.path, what))
    for stale in sorted(set(EXPECTED.glob("*.png")) - wanted):
        stale.unlink()
        outcome.append((stale, "removed (no longer compared)"))
    return outcome

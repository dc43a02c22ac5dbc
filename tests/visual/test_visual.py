"""Rendered pages compared with the PNGs in ``tests/visual/expected/``, with tolerance.

On failure actual.png, expected.png and diff.png are saved under
``tests/_failures/<test name>/``. Regenerate after an intended change with
``python3 tasks.py goldens`` and look at the new images before committing them.
"""

from __future__ import annotations

import shutil

import pytest
from PIL import Image

from tests.visual.baselines import EXPECTED, PAGES, PageImage
from tests.visual.compare import DPI, compare, failure_folder, save_failure


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_looks_as_stored(page: PageImage, request: pytest.FixtureRequest) -> None:
    assert page.path.is_file(), f"no baseline {page.path}: run `python3 tasks.py goldens`"
    actual = page.render()
    with Image.open(page.path) as stored:
        expected = stored.convert("RGB")
    result = compare(actual, expected)
    if result.ok:
        # Images of an earlier failed run would mislead whoever looks there later.
        shutil.rmtree(failure_folder(request.node.name), ignore_errors=True)
        return
    folder = save_failure(request.node.name, actual, expected, result)
    pytest.fail(
        f"{page.name} (rendered at {DPI} dpi) differs from {page.path.name}: "
        f"{result.describe()}.\nSaved actual.png, expected.png and diff.png in {folder}.\n"
        "If the change is intended: `python3 tasks.py goldens`, then review the images."
    )


def test_every_baseline_is_compared() -> None:
    assert {p.stem for p in EXPECTED.glob("*.png")} == {p.name for p in PAGES}

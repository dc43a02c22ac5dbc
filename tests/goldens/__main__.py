"""Regenerate the expected output of the golden and visual tests.

    python -m tests.goldens          (or: python3 tasks.py goldens)

Rewrites ``tests/goldens/expected/<name>.json`` for every document and the page images in
``tests/visual/expected/`` whose content changed. Review the result with ``git diff``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.goldens.documents import DOCUMENTS, REPO, build
from tests.goldens.summary import dumps, summarise
from tests.visual.baselines import regenerate as regenerate_images

EXPECTED = Path(__file__).resolve().parent / "expected"


def regenerate_goldens() -> list[tuple[Path, str]]:
    EXPECTED.mkdir(parents=True, exist_ok=True)
    outcome: list[tuple[Path, str]] = []
    for doc in DOCUMENTS:
        path = EXPECTED / f"{doc.name}.json"
        text = dumps(summarise(doc.name, build(doc.name)))
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old == text:
            outcome.append((path, "unchanged"))
            continue
        path.write_text(text, encoding="utf-8")
        outcome.append((path, "written" if old is None else "updated"))
    wanted = {f"{doc.name}.json" for doc in DOCUMENTS}
    for stale in sorted(p for p in EXPECTED.glob("*.json") if p.name not in wanted):
        stale.unlink()
        outcome.append((stale, "removed (no longer a golden document)"))
    return outcome


def main(argv: list[str]) -> int:
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    outcome = regenerate_goldens() + regenerate_images()
    for path, what in outcome:
        print(f"{path.relative_to(REPO)}: {what}")
    print("Review with: git diff --stat tests/goldens/expected tests/visual/expected")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

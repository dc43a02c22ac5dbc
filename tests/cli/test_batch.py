"""Batch builds: incremental, parallel with the same bytes, selection, summaries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebericht.cli import main
from tests.cli.conftest import MakeTree

OFFICE = "name: Auslandsbüro Kasachstan\ncity: Astana\n"


def report(date: str, title: str, extra: str = "") -> str:
    return (
        f"---\ndate: {date}\nlanguage: en\noffice: kasachstan\ntitle: {title}\n{extra}---\n\n"
        f"The member states[^m] met in Astana about {title}.\n\n[^m]: The *members*.\n"
    )


@pytest.fixture
def content(tree: MakeTree, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tree(
        {
            "content/offices/kasachstan.yaml": OFFICE,
            "content/2024-07/a.md": report("2024-07-05", "Alpha"),
            "content/2024-07/b.md": report("2024-07-20", "Beta"),
            "content/2024-08/c.md": report("2024-08-02", "Gamma"),
        }
    )
    monkeypatch.chdir(root)
    return root


def build(*args: str) -> tuple[int, dict[str, object]]:
    """Run ``lagebericht build --json …``; the exit status and the parsed summary."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["build", "--json", *args])
    return status, json.loads(out.getvalue())


def statuses(summary: dict[str, object]) -> dict[str, str]:
    reports = summary["reports"]
    assert isinstance(reports, list)
    return {r["source"]: r["status"] for r in reports}


def test_second_run_rebuilds_nothing(content: Path) -> None:
    status, first = build("content", "-j", "1")
    assert status == 0 and first["built"] == 3 and first["pages"] == 3
    status, second = build("content", "-j", "1")
    assert status == 0
    assert (second["built"], second["up_to_date"], second["failed"]) == (0, 3, 0)


@pytest.mark.parametrize(
    "change",
    ["content/2024-07/a.md", "content/offices/kasachstan.yaml"],
)
def test_a_changed_input_rebuilds_what_depends_on_it(content: Path, change: str) -> None:
    build("content", "-j", "1")
    path = content / change
    path.write_text(
        path.read_text() + "\n# changed\n"
        if path.suffix == ".yaml"
        else path.read_text() + "\nOne more sentence.\n"
    )
    _, again = build("content", "-j", "1")
    rebuilt = {s for s, status in statuses(again).items() if status == "built"}
    if change.endswith(".yaml"):
        assert rebuilt == {"content/2024-07/a.md", "content/2024-07/b.md", "content/2024-08/c.md"}
    else:
        assert rebuilt == {"content/2024-07/a.md"}


def test_data_files_are_inputs(content: Path) -> None:
    (content / "content/2024-07/numbers.yaml").write_text("inflation: 8.4\n")
    a = content / "content/2024-07/a.md"
    a.write_text(report("2024-07-05", "Alpha", "data: [numbers.yaml]\n"))
    build("content", "-j", "1")
    (content / "content/2024-07/numbers.yaml").write_text("inflation: 8.5\n")
    _, again = build("content", "-j", "1")
    assert statuses(again)["content/2024-07/a.md"] == "built"
    assert statuses(again)["content/2024-07/b.md"] == "up to date"


def test_a_new_toolkit_rebuilds_everything(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build("content", "-j", "1")
    monkeypatch.setattr("lagebericht.batch.planning.toolkit_fingerprint", lambda: "another version")
    _, again = build("content", "-j", "1")
    assert again["built"] == 3


def test_force_and_a_touched_output_rebuild(content: Path) -> None:
    build("content", "-j", "1")
    (content / "output/2024-07/b.pdf").write_bytes(b"%PDF tampered")
    (content / "output/2024-08/c.pdf").unlink()
    _, again = build("content", "-j", "1")
    assert statuses(again) == {
        "content/2024-07/a.md": "up to date",
        "content/2024-07/b.md": "built",
        "content/2024-08/c.md": "built",
    }
    _, forced = build("content", "-j", "1", "--force")
    assert forced["built"] == 3


def test_parallel_builds_give_the_same_bytes(content: Path) -> None:
    status, _ = build("content", "-j", "1", "-o", "one")
    assert status == 0
    status, summary = build("content", "-j", "2", "-o", "two")
    assert status == 0 and summary["built"] == 3
    for pdf in sorted((content / "one").rglob("*.pdf")):
        assert pdf.read_bytes() == (content / "two" / pdf.relative_to(content / "one")).read_bytes()


def test_one_bad_report_in_a_parallel_batch(content: Path) -> None:
    (content / "content/2024-07/bad.md").write_text(report("2024-07-99", "Bad"))
    status, summary = build("content", "-j", "2")
    assert status == 1
    assert (summary["built"], summary["failed"]) == (3, 1)
    reports = summary["reports"]
    assert isinstance(reports, list)
    bad = next(r for r in reports if r["source"] == "content/2024-07/bad.md")
    assert bad["status"] == "failed"
    problem = bad["problems"][0]
    assert (problem["path"], problem["line"], problem["column"]) == ("content/2024-07/bad.md", 2, 7)
    assert (problem["severity"], problem["code"]) == ("error", "invalid-value")
    assert problem["message"].startswith("date:")
    assert not (content / "output/2024-07/bad.pdf").exists()


def test_month_selects_by_report_date(content: Path) -> None:
    status, summary = build("content", "-j", "1", "--month", "2024-07")
    assert status == 0
    assert set(statuses(summary)) == {"content/2024-07/a.md", "content/2024-07/b.md"}


def test_a_month_without_reports_is_a_failure_with_a_warning(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "content/2024-07", "content/2024-08", "--month", "2031-01"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "lagebericht: warning: no report dated 2031-01 (front matter `date:`) in "
        "content/2024-07, content/2024-08; nothing to build"
    ]
    assert captured.out.startswith("0 built, 0 up to date, 0 failed")
    assert not (content / "output").exists()
    # The default folder is named too.
    assert main(["build", "--month", "2031-01"]) == 1
    assert " in content; nothing to build" in capsys.readouterr().err


def test_bad_month_is_a_usage_error(content: Path) -> None:
    assert main(["build", "--month", "2024-13"]) == 2
    assert main(["build", "--jobs", "0"]) == 2


def test_plain_summary_line(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "content", "-j", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "built output/2024-07/a.pdf",
        "built output/2024-07/b.pdf",
        "built output/2024-08/c.pdf",
    ]
    assert lines[3].startswith("3 built, 0 up to date, 0 failed (3 pages, ")


def test_manifest_lists_each_archived_pdf(content: Path) -> None:
    import hashlib

    status, _ = build("content", "-j", "2", "--pdfa")
    assert status == 0
    manifest = json.loads((content / "output/manifest.json").read_text())
    entries = {e["output"]: e for e in manifest["reports"]}
    assert sorted(entries) == ["2024-07/a.pdf", "2024-07/b.pdf", "2024-08/c.pdf"]
    a = entries["2024-07/a.pdf"]
    pdf = (content / "output/2024-07/a.pdf").read_bytes()
    assert a["sha256"] == hashlib.sha256(pdf).hexdigest() and a["size"] == len(pdf)
    assert (a["source"], a["pages"], a["title"], a["date"]) == (
        "content/2024-07/a.md",
        1,
        "Alpha",
        "2024-07-05",
    )
    assert (a["office"], a["language"], a["pdfa"]) == ("Auslandsbüro Kasachstan", "en", "2a")
    assert a["pdfua"] == "1"
    # A failed rebuild takes the report out of the manifest along with its PDF.
    (content / "content/2024-07/a.md").write_text(report("2024-07-99", "Alpha"))
    status, _ = build("content", "-j", "1", "--pdfa")
    assert status == 1
    manifest = json.loads((content / "output/manifest.json").read_text())
    assert sorted(e["output"] for e in manifest["reports"]) == ["2024-07/b.pdf", "2024-08/c.pdf"]


def test_pdfa_output_passes_pikepdfs_checker_and_is_reproducible(content: Path) -> None:
    from tests.archive.pikepdf_verdict import verdict

    build("content/2024-07/a.md", "-j", "1", "--pdfa", "-o", "one")
    build("content/2024-07/a.md", "-j", "1", "--pdfa", "-o", "two")
    one = (content / "one/a.pdf").read_bytes()
    assert one == (content / "two/a.pdf").read_bytes()
    result = verdict(one)
    assert result.passed, result.summary()


def test_a_changed_theme_file_rebuilds(content: Path, tmp_path: Path) -> None:
    from lagebericht.batch import BatchOptions, plan, run
    from lagebericht.batch.discover import discover

    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.yaml").write_text("colours: {brand: '#000000'}\n")
    jobs = discover([Path("content")], Path("output")).jobs
    options = BatchOptions(jobs=1)
    run(plan(jobs, Path("output"), options, [theme]), Path("output"), options)
    assert all(p.up_to_date for p in plan(jobs, Path("output"), options, [theme]))
    (theme / "imprint.xml.j2").write_text("changed")
    assert not any(p.up_to_date for p in plan(jobs, Path("output"), options, [theme]))


def test_the_theme_can_ask_for_pdfa(content: Path) -> None:
    archival = content / "templates" / "archiv"
    archival.mkdir(parents=True)
    (archival / "theme.yaml").write_text("extends: auslandsbuero\npdfa: true\n")
    status, _ = build("content/2024-07/a.md", "-j", "1", "--theme", "archiv")
    assert status == 0
    manifest = json.loads((content / "output/manifest.json").read_text())
    assert [e["pdfa"] for e in manifest["reports"]] == ["2a"]


def test_a_changed_image_rebuilds_its_report(content: Path) -> None:
    from PIL import Image

    Image.new("RGB", (40, 30), "red").save(content / "content/2024-07/map.png")
    a = content / "content/2024-07/a.md"
    a.write_text(a.read_text() + '\n![A map](map.png "Own work")\n')
    assert build("content", "-j", "1")[0] == 0
    Image.new("RGB", (40, 30), "blue").save(content / "content/2024-07/map.png")
    _, again = build("content", "-j", "1")
    assert statuses(again)["content/2024-07/a.md"] == "built"
    assert statuses(again)["content/2024-07/b.md"] == "up to date"

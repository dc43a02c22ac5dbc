"""The package as pip installs it (a wheel, not this checkout): a field office's first hour.

The wheel is built from the repository without its dependencies and unpacked into a folder
that comes first on ``sys.path``; the dependencies are those of the test environment. From
an empty folder, the installed ``lagebericht`` goes ``init`` → ``new`` → ``check`` →
``build`` in both built-in themes, so a theme, font or template missing from the wheel fails
here even though the checkout has it.
"""

from __future__ import annotations

import email.parser
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
PIP_WHEEL = (sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the wheel was unpacked into (what ``pip install`` puts in site-packages)."""
    # A copy of what the package is made of: setuptools' build/ folder in the checkout may
    # hold files that are no longer in the source.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    for folder in ("lagebericht", "templates"):
        shutil.copytree(
            ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    wheels = tmp_path_factory.mktemp("wheel")
    # Without build isolation (setuptools from the test extra): no download needed.
    built = subprocess.run(
        [*PIP_WHEEL, "-w", str(wheels), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = wheels.glob("lagebericht-*.whl")
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def _lagebericht(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The unpacked wheel before this checkout's editable install on the path.
    code = (
        f"import sys; sys.path.insert(0, {str(site)!r}); import lagebericht; "
        f"assert lagebericht.__file__.startswith({str(site)!r}), lagebericht.__file__; "
        "from lagebericht.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    env = {**os.environ, "LAGEBERICHT_CACHE_DIR": "off"}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_the_wheel_ships_every_file_of_every_theme(installed: Path) -> None:
    templates = ROOT / "templates"
    wanted = {
        path.relative_to(templates).as_posix()
        for path in templates.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    themes = installed / "lagebericht" / "themes"
    shipped = {path.relative_to(themes).as_posix() for path in themes.rglob("*") if path.is_file()}
    assert wanted <= shipped, sorted(wanted - shipped)


def test_the_wheel_ships_both_themes_with_fonts_and_licence(installed: Path) -> None:
    themes = installed / "lagebericht" / "themes"
    for theme in ("auslandsbuero", "auslandsbuero-zweispaltig"):
        assert (themes / theme / "theme.yaml").is_file(), theme
    shipped = {p.name for p in (themes / "auslandsbuero").rglob("*") if p.is_file()}
    assert {"Roboto-Regular.ttf", "Roboto-Bold.ttf", "imprint.xml.j2", "logo.svg"} <= shipped
    assert any(name.upper().startswith("LICENSE") for name in shipped), sorted(shipped)


def test_the_wheel_declares_licences_authors_classifiers_and_bounded_dependencies(
    installed: Path,
) -> None:
    [info] = installed.glob("lagebericht-*.dist-info")
    metadata = email.parser.Parser().parsestr((info / "METADATA").read_text(encoding="utf-8"))
    # The code's licence and the fonts' (shipped in the theme), both as files in the wheel.
    assert metadata["License-Expression"] == "MIT AND Apache-2.0"
    licence_files = metadata.get_all("License-File") or []
    assert {"LICENSE", "templates/auslandsbuero/fonts/LICENSE"} <= set(licence_files)
    for name in licence_files:
        assert (info / "licenses" / name).is_file(), name
    assert metadata["Author"] or metadata["Author-email"]
    classifiers = metadata.get_all("Classifier") or []
    assert "Programming Language :: Python :: 3 :: Only" in classifiers
    assert metadata["Requires-Python"] == ">=3.11"
    requires = [r for r in metadata.get_all("Requires-Dist") or [] if "extra ==" not in r]
    assert any(r.lower().startswith("pillow>=") for r in requires), requires
    # The fonts ship in the theme, not from a font package.
    assert not any(r.lower().startswith("font-roboto") for r in requires), requires
    unbounded = [r for r in requires if ">=" not in r]
    assert unbounded == []


@pytest.mark.parametrize("theme", ["auslandsbuero", "auslandsbuero-zweispaltig"])
def test_init_new_check_build_in_an_empty_folder(
    installed: Path, tmp_path: Path, theme: str
) -> None:
    def run(cwd: Path, *args: str) -> str:
        done = _lagebericht(installed, cwd, *args)
        assert done.returncode == 0, f"lagebericht {' '.join(args)}:\n{done.stderr}"
        return done.stdout

    run(tmp_path, "init", "buero", "--office", "kasachstan", "--name", "Auslandsbüro Kasachstan")
    project = tmp_path / "buero"
    run(project, "new", "kasachstan", "2024-08-01", "--title", "Wahlen")
    report = project / "content" / "2024-08" / "kasachstan-wahlen.md"
    assert report.is_file()
    # From a subfolder of the project: the project file is found upwards.
    inside = project / "content" / "2024-08"
    assert "0 failed" in run(inside, "check")
    summary = run(inside, "build", "--theme", theme, "--jobs", "1")
    assert "0 failed" in summary
    pdf = project / "output" / "2024-08" / "kasachstan-wahlen.pdf"
    assert len(PdfReader(pdf).pages) >= 1
    assert not (project / "content" / "output").exists()  # nothing written into content/

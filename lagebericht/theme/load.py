"""Find, merge (``extends:``) and validate themes; problems are located in the theme files."""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from lagebericht.limits import MAX_SVG_BYTES, describe_bytes
from lagebericht.load.yaml_tree import KeyPath, Location, YamlMapping, key_path_name, read_yaml_file
from lagebericht.problems import Code, InputError, Problem
from lagebericht.theme.font_files import font_problem
from lagebericht.theme.model import Theme, ThemeFile
from lagebericht.wording import describe, did_you_mean


def _themes_dir() -> Path:
    """The toolkit's own themes: ``templates/``, installed as ``lagebericht.themes``."""
    spec = importlib.util.find_spec("lagebericht.themes")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parents[2] / "templates"  # a bare source tree


THEMES_DIR = _themes_dir()
DEFAULT_THEME_NAME = "auslandsbuero"
FACES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class _Origin:
    """Where a merged value was written."""

    path: Path
    value: Location
    key: Location | None


def load_theme(name: str = DEFAULT_THEME_NAME, search: Sequence[Path] = (THEMES_DIR,)) -> Theme:
    """The theme ``name`` from the first folder of ``search`` that has it; raises InputError."""
    return _load(name, _read_chain(name, search))


def load_theme_folder(folder: Path, search: Sequence[Path] = (THEMES_DIR,)) -> Theme:
    """The theme in ``folder`` (which holds its ``theme.yaml``), the themes it ``extends:``
    found in ``search``; raises InputError."""
    return _load(folder.name, _read_chain(folder.name, search, start=folder))


def _load(name: str, chain: list[tuple[Path, YamlMapping]]) -> Theme:
    merged: dict[str, object] = {}
    origins: dict[KeyPath, _Origin] = {}
    for folder, mapping in reversed(chain):  # the base first, each child over it
        data = {k: v for k, v in mapping.data.items() if k != "extends"}
        _merge(merged, data, (), mapping, folder / "theme.yaml", origins)
    try:
        file = ThemeFile.model_validate(merged)
    except ValidationError as error:
        raise InputError(_problems(error, origins)) from None
    folders = tuple(folder for folder, _ in chain)
    problems: list[Problem] = []
    font_paths = _font_paths(file, origins, problems)
    logo_path = _logo_path(file, origins, problems)
    if problems:
        raise InputError(problems)
    return Theme(
        **file.model_dump(),
        name=name,
        folders=folders,
        font_paths=font_paths,
        logo_path=logo_path,
    )


def _read_chain(
    name: str, search: Sequence[Path], start: Path | None = None
) -> list[tuple[Path, YamlMapping]]:
    chain: list[tuple[Path, YamlMapping]] = []
    current: str | None = name
    where: Problem | None = None  # the `extends:` line that named ``current``
    while current is not None:
        folder = start if start is not None and not chain else _find(current, search)
        if folder is None:
            known = sorted(p.name for d in search if d.is_dir() for p in d.iterdir() if p.is_dir())
            message = f'theme "{current}" not found{did_you_mean(current, known)}'
            message += f"; known themes: {', '.join(known) or 'none'}"
            if where is None:
                raise InputError([Problem(Path(current), None, None, message, code=Code.THEME)])
            raise InputError(
                [
                    Problem(
                        where.path, where.line, where.column, f"extends: {message}", code=Code.THEME
                    )
                ]
            )
        if any(folder == f for f, _ in chain):
            cycle = " → ".join([*(f.name for f, _ in chain), folder.name])
            assert where is not None
            raise InputError(
                [
                    Problem(
                        where.path,
                        where.line,
                        where.column,
                        f"extends: cycle {cycle}",
                        code=Code.THEME,
                    )
                ]
            )
        mapping = read_yaml_file(folder / "theme.yaml", "theme")
        chain.append((folder, mapping))
        parent = mapping.data.get("extends")
        if parent is not None and not isinstance(parent, str):
            line, column = mapping.locations.get(("extends",), (1, 1))
            raise InputError(
                [
                    Problem(
                        folder / "theme.yaml",
                        line,
                        column,
                        "extends: expected a theme name",
                        code=Code.THEME,
                    )
                ]
            )
        line, column = mapping.locations.get(("extends",), (1, 1))
        where = Problem(folder / "theme.yaml", line, column, "")
        current = parent
    return chain


def _find(name: str, search: Sequence[Path]) -> Path | None:
    if "/" in name or "\\" in name or name.startswith("."):
        return None  # a name, never a path out of the themes folder
    for root in search:
        if (root / name / "theme.yaml").is_file():
            return root / name
    return None


def _merge(
    into: dict[str, object],
    data: Mapping[str, object],
    prefix: KeyPath,
    mapping: YamlMapping,
    path: Path,
    origins: dict[KeyPath, _Origin],
) -> None:
    """Deep-merge ``data`` into ``into``, remembering where every value was written."""
    for key, value in data.items():
        here = (*prefix, key)
        origins[here] = _Origin(
            path, mapping.locations.get(here, (1, 1)), mapping.key_locations.get(here)
        )
        old_list = into.get(key)
        if here in _UNION_LISTS and isinstance(value, list) and isinstance(old_list, list):
            into[key] = _added_to(old_list, value, here, mapping, path, origins)
        elif isinstance(value, dict):
            old = into.get(key)
            target: dict[str, object] = old if isinstance(old, dict) else {}
            into[key] = target
            _merge(target, value, here, mapping, path, origins)
        else:
            into[key] = value
            if isinstance(value, list):
                for index in range(len(value)):
                    origins[(*here, index)] = _item_origin(mapping, path, (*here, index))


# Lists a child theme adds to rather than replaces.
_UNION_LISTS: frozenset[KeyPath] = frozenset({("nohyphen",)})


def _added_to(
    old: list[object],
    value: list[object],
    here: KeyPath,
    mapping: YamlMapping,
    path: Path,
    origins: dict[KeyPath, _Origin],
) -> list[object]:
    """The parent's entries, then the child's new ones, each located where it was written."""
    merged = list(old)
    for index, item in enumerate(value):
        if item not in merged:
            origins[(*here, len(merged))] = _item_origin(mapping, path, (*here, index))
            merged.append(item)
    return merged


def _item_origin(mapping: YamlMapping, path: Path, key_path: KeyPath) -> _Origin:
    return _Origin(path, mapping.locations.get(key_path, (1, 1)), None)


def _problems(error: ValidationError, origins: Mapping[KeyPath, _Origin]) -> list[Problem]:
    problems = []
    for details in error.errors():
        loc = tuple(details["loc"])
        origin = _nearest(origins, loc)
        name = key_path_name(loc) or "theme"
        if details["type"] == "extra_forbidden":
            line, column = origin.key or origin.value
            message = f"{name}: unknown field"
        elif details["type"] == "missing":
            line, column = origin.value
            message = f"{name}: missing"
        else:
            line, column = origin.value
            reason = str(details.get("ctx", {}).get("error", details["msg"]))
            found = details.get("input")
            # A check of a whole part (its reason names the values) shows no mapping.
            got = "" if isinstance(found, dict) else f", got {describe(found)}"
            message = f"{name}: {reason}{got}"
        problems.append(Problem(origin.path, line, column, message, code=Code.THEME))
    return problems


def _nearest(origins: Mapping[KeyPath, _Origin], loc: tuple[str | int, ...]) -> _Origin:
    for end in range(len(loc), 0, -1):
        if loc[:end] in origins:
            return origins[loc[:end]]
    first = next(iter(origins.values()), None)
    return _Origin(first.path if first else Path("theme.yaml"), (1, 1), None)


def _font_paths(
    file: ThemeFile, origins: Mapping[KeyPath, _Origin], problems: list[Problem]
) -> dict[str, Path]:
    fonts = file.fonts
    package: Path | None = None
    if fonts.package:
        spec = importlib.util.find_spec(fonts.package)
        if spec is None or spec.origin is None:
            origin = _nearest(origins, ("fonts", "package"))
            problems.append(
                Problem(
                    origin.path,
                    *origin.value,
                    f"fonts.package: no installed Python package {fonts.package!r}",
                    code=Code.THEME,
                )
            )
            return {}
        package = Path(spec.origin).parent
        package = package / "files" if (package / "files").is_dir() else package
    paths = {}
    for face in FACES:
        # Without a package, each file lies beside the theme.yaml that named it: a child
        # theme replacing one face keeps its parent's other three.
        base = package if package is not None else _nearest(origins, ("fonts", face)).path.parent
        path = base / getattr(fonts, face)
        if not path.is_file():
            origin = _nearest(origins, ("fonts", face))
            problems.append(
                Problem(
                    origin.path,
                    *origin.value,
                    f"fonts.{face}: no font file {path}",
                    code=Code.THEME,
                )
            )
        elif (damage := font_problem(path)) is not None:
            origin = _nearest(origins, ("fonts", face))
            message = f"fonts.{face}: {path} cannot be used: {damage}; replace the file"
            problems.append(Problem(origin.path, *origin.value, message, code=Code.THEME))
        paths[face] = path
    return paths


def _logo_path(
    file: ThemeFile, origins: Mapping[KeyPath, _Origin], problems: list[Problem]
) -> Path | None:
    if file.logo is None:
        return None
    origin = _nearest(origins, ("logo",))
    path = origin.path.parent / file.logo
    if not path.is_file() or path.suffix.lower() != ".svg":
        problems.append(
            Problem(origin.path, *origin.value, f"logo: no SVG file {path}", code=Code.THEME)
        )
        return None
    if path.stat().st_size > MAX_SVG_BYTES:
        # The same bound as a report's SVG figures: reading takes time in proportion.
        limit = describe_bytes(MAX_SVG_BYTES)
        message = f"logo: the SVG file {path} is larger than {limit}; simplify or reduce it"
        problems.append(Problem(origin.path, *origin.value, message, code=Code.THEME))
        return None
    return path

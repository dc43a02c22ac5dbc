"""The project file ``lagebericht.toml``: where a project's content and output live, its
theme and the defaults of ``build``; found upwards from the working folder, as git finds
``.git``, so that every command works from any folder inside the project.

```toml
[project]
content = "content"        # reports and offices/ live here
output = "output"          # built PDFs (never inside the content folder)
theme = "auslandsbuero"    # a built-in theme's name, or a theme folder relative to this file

[build]                    # defaults of `lagebericht build` (options on the command line win)
pdfa = false
strict = false
jobs = 2                   # default: the number of cores
timeout = 60               # seconds one report's build may take, else it fails
memory = 1024              # MiB one report's build may take, else it fails
```

Every key is optional. Without a project file the working folder is the project root and
the defaults are ``content/`` and ``output/`` there.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lagebericht.problems import InputError, Problem

PROJECT_FILE = "lagebericht.toml"
THEMES_FOLDER = "templates"
"""A project's own themes: ``templates/<name>/theme.yaml`` in the project root."""

DEFAULT_CONTENT = "content"
DEFAULT_OUTPUT = "output"

# Per table the keys it may hold and what each expects, in words for the error messages.
_TEXT = "a folder or name as text in quotes"
_SCHEMA: Mapping[str, Mapping[str, str]] = {
    "project": {"content": _TEXT, "output": _TEXT, "theme": _TEXT},
    "build": {
        "pdfa": "true or false",
        "strict": "true or false",
        "jobs": "a number of at least 1",
        "timeout": "a number of seconds above 0",
        "memory": "a number of MiB of at least 1",
    },
}


class ProjectFileError(InputError):
    """The project file is unreadable or wrong (the command cannot start: exit status 2)."""


@dataclass(frozen=True)
class Project:
    """A project's folders and defaults, paths usable from the working folder."""

    root: Path
    """The folder of the project file (without one: the working folder, ``.``)."""
    file: Path | None = None
    """The project file, ``None`` if there is none."""
    content: Path = Path(DEFAULT_CONTENT)
    output: Path = Path(DEFAULT_OUTPUT)
    theme: str | None = None
    """``theme`` as written (a name, or a folder relative to :attr:`root`); ``None``: default."""
    theme_line: int | None = None
    """Line of ``theme`` in the project file (for errors about the theme)."""
    pdfa: bool = False
    strict: bool = False
    jobs: int | None = None
    """``None``: the number of cores."""
    timeout: float | None = None
    """Seconds one report's build may take; ``None``: the default."""
    memory: int | None = None
    """MiB one report's build may take; ``None``: the default."""

    @property
    def themes_folder(self) -> Path:
        """Where the project's own themes live: ``templates/`` in the root."""
        return self.root / THEMES_FOLDER


def find_project(start: Path | None = None) -> Path | None:
    """The nearest ``lagebericht.toml`` in ``start`` (default: the working folder) or a
    folder above it; ``None`` if there is none."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / PROJECT_FILE).is_file():
            return candidate / PROJECT_FILE
    return None


def current_project(cwd: Path | None = None) -> Project:
    """The project the working folder lies in (its file found upwards and read), or the
    working folder as a project without a file. Raises :class:`ProjectFileError`."""
    try:
        here = cwd or Path.cwd()
    except OSError:  # the working folder was deleted under us
        return Project(Path("."))
    file = find_project(here)
    if file is None:
        return Project(Path("."))
    return load_project(file, here)


def load_project(file: Path, cwd: Path | None = None) -> Project:
    """Read and check the project file ``file``; its paths relative to ``cwd`` (default: the
    working folder) where possible, so messages name short paths. Raises
    :class:`ProjectFileError` with every problem, located ``lagebericht.toml:LINE``."""
    where = _relative(file, cwd)  # as messages name it
    try:
        text = file.read_bytes().decode("utf-8")
    except OSError as err:
        raise ProjectFileError(
            [Problem(where, None, None, f"cannot read: {err.strerror}")]
        ) from None
    except UnicodeDecodeError as err:
        message = f"not UTF-8 text (byte {err.start + 1})"
        raise ProjectFileError([Problem(where, None, None, message)]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ProjectFileError([_syntax_problem(where, err)]) from None
    lines = _key_lines(text)
    root = _relative(file.parent, cwd)
    problems: list[Problem] = []
    values = _checked(where, data, lines, problems)

    content_value = str(values.get(("project", "content"), DEFAULT_CONTENT))
    output_value = str(values.get(("project", "output"), DEFAULT_OUTPUT))
    content = _relative(file.parent / content_value, cwd)
    output = _relative(file.parent / output_value, cwd)
    base = file.parent.resolve()
    if not problems and _inside(base / output_value, base / content_value):
        line = lines.get(("project", "output"), lines.get(("project", "content")))
        problems.append(
            Problem(
                where,
                line,
                None,
                f"output: the output folder {output} lies inside the content folder "
                f"{content}; PDFs must not be written into the content tree: choose a folder "
                'beside it, e.g. output = "output"',
            )
        )
    if problems:
        raise ProjectFileError(problems)
    theme = values.get(("project", "theme"))
    jobs = values.get(("build", "jobs"))
    timeout = values.get(("build", "timeout"))
    memory = values.get(("build", "memory"))
    return Project(
        root=root,
        file=where,
        content=content,
        output=output,
        theme=str(theme) if theme is not None else None,
        theme_line=lines.get(("project", "theme")),
        pdfa=values.get(("build", "pdfa")) is True,
        strict=values.get(("build", "strict")) is True,
        jobs=jobs if isinstance(jobs, int) else None,
        timeout=float(timeout) if isinstance(timeout, int | float) else None,
        memory=memory if isinstance(memory, int) else None,
    )


def _checked(
    file: Path,
    data: Mapping[str, object],
    lines: Mapping[tuple[str, ...], int],
    problems: list[Problem],
) -> dict[tuple[str, str], object]:
    """The valid values by (table, key); a problem for each unknown key or wrong value."""
    values: dict[tuple[str, str], object] = {}
    for table, content in data.items():
        if table not in _SCHEMA or not isinstance(content, dict):
            problems.append(_unknown_table(file, table, lines))
            continue
        keys = _SCHEMA[table]
        for key, value in content.items():
            line = lines.get((table, key), lines.get((table,)))
            if key not in keys:
                from lagebericht.wording import closest  # for errors only

                match = closest(key, keys)
                hint = f'; did you mean "{match}"?' if match else ""
                hint += f" [{table}] knows: {', '.join(keys)}"
                problems.append(Problem(file, line, None, f"{table}.{key}: unknown key{hint}"))
            elif _valid(key, value):
                values[(table, key)] = value
            else:
                found = _shown(value)
                message = f"{table}.{key}: expected {keys[key]}, got {found}"
                problems.append(Problem(file, line, None, message))
    return values


def _unknown_table(file: Path, name: str, lines: Mapping[tuple[str, ...], int]) -> Problem:
    from lagebericht.wording import closest  # for errors only

    owner = next((table for table, keys in _SCHEMA.items() if name in keys), None)
    if owner is not None:
        hint = f"; put it under [{owner}]"
    else:
        match = closest(name, _SCHEMA)
        hint = f'; did you mean "[{match}]"?' if match else ""
        hint += f" known tables: {', '.join(f'[{t}]' for t in _SCHEMA)}"
    return Problem(file, lines.get((name,)), None, f"{name}: unknown key{hint}")


def _valid(key: str, value: object) -> bool:
    if key in ("pdfa", "strict"):
        return isinstance(value, bool)
    if key in ("jobs", "memory"):
        return isinstance(value, int) and not isinstance(value, bool) and value >= 1
    if key == "timeout":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return math.isfinite(value) and value > 0
    return isinstance(value, str) and bool(value.strip())


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _syntax_problem(file: Path, err: tomllib.TOMLDecodeError) -> Problem:
    """tomllib names the place only inside its message (before Python 3.14)."""
    message = str(err)
    match = _AT.search(message)
    if match is None:
        return Problem(file, None, None, f"not valid TOML: {message}")
    line, column = int(match.group(1)), int(match.group(2))
    return Problem(file, line, column, f"not valid TOML: {message[: match.start()]}")


_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\"' -]+?)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_.\"' -]+?)\s*=")


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Line of every table header and key (``("build", "jobs")``): tomllib does not say
    where a value was written. Multi-line strings and arrays never start a key line here,
    as the file has no key whose value spans lines."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _TABLE.match(line):
            table = _dotted(header.group(1))
            lines.setdefault(table, number)
        elif key := _KEY.match(line):
            path = (*table, *_dotted(key.group(1)))
            for end in range(1, len(path) + 1):  # project.theme = … also names [project]
                lines.setdefault(path[:end], number)
    return lines


def _dotted(name: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in name.split("."))


def _relative(path: Path, cwd: Path | None) -> Path:
    """``path`` relative to ``cwd`` (``../..``) where that can be said, else absolute."""
    absolute = path.resolve()
    try:
        base = (cwd or Path.cwd()).resolve()
        return Path(os.path.relpath(absolute, base))
    except (OSError, ValueError):  # no working folder; another drive (Windows)
        return absolute


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies in it (symbolic links resolved)."""
    return path.resolve().is_relative_to(folder.resolve())


def folder_around(output: Path, folders: Iterable[Path]) -> Path | None:
    """The first of ``folders`` that ``output`` is or lies in, if any."""
    return next((folder for folder in folders if _inside(output, folder)), None)

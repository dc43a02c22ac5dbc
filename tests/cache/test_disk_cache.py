"""The disk cache: kept values come back, anything doubtful is made again, and a cache that
cannot be used never stops a build."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path
from typing import Generic, TypeVar

import pyphen
import pytest

from lagebericht.cache import (
    KEPT_AFTER_PRUNING,
    MAX_BYTES,
    UNFINISHED_SECONDS,
    DiskCache,
    bytes_key,
    file_key,
    prune,
)

T = TypeVar("T")


class Maker(Generic[T]):
    """Makes ``value`` and counts how often it was asked to."""

    def __init__(self, value: T) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> T:
        self.calls += 1
        return self.value


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.pickle"))


def test_a_kept_value_comes_back_without_being_made_again(tmp_path: Path) -> None:
    cache, make = DiskCache(tmp_path), Maker({"patterns": (1, 2, 3)})
    assert cache.get("kind", ("a",), dict, make) == {"patterns": (1, 2, 3)}
    assert cache.get("kind", ("a",), dict, make) == {"patterns": (1, 2, 3)}
    assert make.calls == 1
    assert len(entries(tmp_path)) == 1


def test_another_key_or_kind_is_another_entry(tmp_path: Path) -> None:
    cache, make = DiskCache(tmp_path), Maker([1])
    for kind, key in (("kind", ("a",)), ("kind", ("b",)), ("other", ("a",)), ("kind", ("a", ""))):
        cache.get(kind, key, list, make)
    assert make.calls == 4


@pytest.mark.parametrize(
    "damage",
    [
        b"",  # EOFError
        b"\x80\x05garbage",  # UnpicklingError
        b"not a pickle at all",
        # What damage inside an entry, or an entry of an older version, makes pickle raise:
        b"cno_such_module\nThing\n.",  # ModuleNotFoundError
        b"cbuiltins\nno_such_name\n.",  # AttributeError
        b"cbuiltins\nint\n(S'x'\nS'y'\nS'z'\ntR.",  # TypeError
        b"cbuiltins\nint\n(S'x'\ntR.",  # ValueError
        b"X\x02\x00\x00\x00\xff\xfe.",  # UnicodeDecodeError
        b"cbuiltins\ndivmod\n(I1\nI0\ntR.",  # ZeroDivisionError
        b"coperator\ngetitem\n((lI0\ntR.",  # IndexError
    ],
)
def test_a_damaged_entry_is_made_again_and_replaced(tmp_path: Path, damage: bytes) -> None:
    cache, make = DiskCache(tmp_path), Maker([1, 2])
    cache.get("kind", ("a",), list, make)
    (entry,) = entries(tmp_path)
    entry.write_bytes(damage)
    assert cache.get("kind", ("a",), list, make) == [1, 2]
    assert make.calls == 2
    assert cache.get("kind", ("a",), list, make) == [1, 2]
    assert make.calls == 2  # the entry was written again


def test_a_bug_while_loading_an_entry_is_not_taken_for_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    cache = DiskCache(tmp_path)
    cache.get("kind", ("a",), list, Maker([1]))

    def broken(file: object) -> object:
        raise RuntimeError("a bug")

    monkeypatch.setattr(pickle, "load", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        cache.get("kind", ("a",), list, Maker([1]))


def test_an_entry_of_another_type_is_made_again(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    cache.get("kind", ("a",), list, Maker([1]))
    make = Maker({"a": 1})
    assert cache.get("kind", ("a",), dict, make) == {"a": 1}
    assert make.calls == 1


def test_off_makes_every_value_and_writes_nothing(tmp_path: Path) -> None:
    for named in ("off", "OFF", ""):
        cache = DiskCache.from_environment({"LAGEBERICHT_CACHE_DIR": named})
        assert cache.folder is None
        make = Maker([1])
        cache.get("kind", ("a",), list, make)
        cache.get("kind", ("a",), list, make)
        assert make.calls == 2


def test_the_folder_comes_from_the_environment_or_the_platform(tmp_path: Path) -> None:
    assert DiskCache.from_environment({"LAGEBERICHT_CACHE_DIR": str(tmp_path)}).folder == tmp_path
    default = DiskCache.from_environment({}).folder
    assert default is not None and default.name == "lagebericht"


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root writes anyway")
def test_a_read_only_folder_is_not_written_and_not_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        make = Maker([1])
        assert DiskCache(folder).get("kind", ("a",), list, make) == [1]
        assert entries(folder) == []
    finally:
        folder.chmod(0o700)


def test_an_unwritable_place_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    assert DiskCache(blocker / "cache").get("kind", ("a",), list, Maker([1])) == [1]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_entries_in_a_folder_others_can_write_are_never_loaded(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    cache.get("kind", ("a",), list, Maker([1]))
    (entry,) = entries(tmp_path)
    for folder in (entry.parent, tmp_path):
        folder.chmod(folder.stat().st_mode | stat.S_IWOTH)
        make = Maker([1])
        cache.get("kind", ("a",), list, make)
        assert make.calls == 1, f"loaded from {folder}, which others can write"
        folder.chmod(0o700)
    entry.chmod(0o666)
    make = Maker([1])
    cache.get("kind", ("a",), list, make)
    assert make.calls == 1


def test_entries_are_private_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    DiskCache(tmp_path).get("kind", ("a",), list, Maker([1]))
    (entry,) = entries(tmp_path)
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]
    if hasattr(os, "getuid"):
        assert stat.S_IMODE(entry.stat().st_mode) & 0o077 == 0


def test_keys_change_with_the_source(tmp_path: Path) -> None:
    source = tmp_path / "patterns.dic"
    source.write_text("UTF-8\na1b\n")
    before = file_key(source)
    source.write_text("UTF-8\na1b\nc1d\n")
    assert file_key(source) != before
    assert bytes_key(b"a") != bytes_key(b"b")


def test_a_cached_hyphenation_dictionary_hyphenates_like_a_parsed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lagebericht.layout.hyphenation import _dictionary, conventional_minima

    monkeypatch.setenv("LAGEBERICHT_CACHE_DIR", str(tmp_path))
    first = _dictionary.__wrapped__("de")  # bypass the once-per-process memo
    (entry,) = entries(tmp_path / "hyphenation")
    again = _dictionary.__wrapped__("de")
    left, right = conventional_minima("de")
    parsed = pyphen.Pyphen(lang="de_DE", left=left, right=right)
    assert first is not None and again is not None and again is not first
    words = ["Sicherheitspolitik", "Zusammenarbeit", "Schanghaier", "Organisation", "Außenminister"]
    for word in words:
        assert again.inserted(word) == parsed.inserted(word) == first.inserted(word)
    assert entries(tmp_path / "hyphenation") == [entry]


def test_a_folder_for_a_library_is_made_private_and_refused_when_others_can_write(
    tmp_path: Path,
) -> None:
    cache = DiskCache(tmp_path / "cache")
    folder = cache.folder_for("templates")
    assert folder == tmp_path / "cache" / "templates" and folder.is_dir()
    assert DiskCache(None).folder_for("templates") is None
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    assert DiskCache(blocker).folder_for("templates") is None
    if hasattr(os, "getuid"):
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0
        folder.chmod(0o777)
        assert cache.folder_for("templates") is None


def test_compiled_templates_survive_a_vanished_folder_and_damaged_entries(tmp_path: Path) -> None:
    import shutil

    from jinja2 import Environment, FileSystemLoader

    from lagebericht.layout.imprint import _BytecodeCache

    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.j2").write_text("Hallo {{ name }}")
    folder = tmp_path / "compiled"
    folder.mkdir()

    def render() -> str:
        env = Environment(
            loader=FileSystemLoader(tmp_path / "t"), bytecode_cache=_BytecodeCache(str(folder))
        )
        return env.get_template("a.j2").render(name="Astana")

    assert render() == "Hallo Astana"
    (entry,) = folder.iterdir()
    entry.write_bytes(entry.read_bytes()[:30])
    assert render() == "Hallo Astana"
    shutil.rmtree(folder)
    assert render() == "Hallo Astana"  # nothing to write into: no error


def test_compiled_templates_are_kept_per_jinja2_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Installations with different Jinja2 versions share the folder; 3.0 failed on 3.1's
    # compiled templates ("'Environment' object has no attribute 'concat'").
    from jinja2 import DictLoader, Environment

    from lagebericht.layout import imprint

    env = Environment(loader=DictLoader({"a.j2": "Hallo"}))
    mine = imprint._BytecodeCache(str(tmp_path))
    bucket = mine.get_bucket(env, "a.j2", None, "Hallo")
    bucket.code = compile("", "a.j2", "exec")
    mine.set_bucket(bucket)
    assert mine.get_bucket(env, "a.j2", None, "Hallo").code is not None
    monkeypatch.setattr(imprint, "version", lambda name: "2.11.3")
    other = imprint._BytecodeCache(str(tmp_path))
    assert other.get_bucket(env, "a.j2", None, "Hallo").code is None


KIB = 1024


def aged(path: Path, seconds_ago: float) -> None:
    """``path`` last used ``seconds_ago``."""
    when = time.time() - seconds_ago
    os.utime(path, (when, when))


def kept_entry(cache: DiskCache, key: str, seconds_ago: float) -> Path:
    """An entry of about 10 KiB for ``key``, last used ``seconds_ago``."""
    before = set(entries(cache.folder or Path()))
    cache.get("kind", (key,), bytes, Maker(bytes(10 * KIB)))
    (entry,) = set(entries(cache.folder or Path())) - before
    aged(entry, seconds_ago)
    return entry


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_the_folder_is_bounded_by_default() -> None:
    assert DiskCache(Path("x")).limit == MAX_BYTES
    assert DiskCache.from_environment({"LAGEBERICHT_CACHE_DIR": "x"}).limit == MAX_BYTES


def test_a_new_entry_beyond_the_bound_removes_those_used_longest_ago(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path, limit=45 * KIB)
    old = [kept_entry(cache, f"old {i}", seconds_ago=1000 - i) for i in range(4)]
    assert all(entry.exists() for entry in old)  # 40 KiB: within the bound
    new = kept_entry(cache, "new", seconds_ago=0)
    # 50 KiB went beyond 45: the oldest went until at most three quarters (33.75 KiB) were left
    assert [entry.exists() for entry in old] == [False, False, True, True]
    assert new.exists()
    assert folder_bytes(tmp_path) <= 45 * KIB * KEPT_AFTER_PRUNING


def test_an_entry_loaded_counts_as_used_and_is_kept(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path, limit=35 * KIB)
    first, second, third = (kept_entry(cache, k, seconds_ago=100 - i) for i, k in enumerate("abc"))
    make = Maker(b"made again")
    assert cache.get("kind", ("a",), bytes, make) == bytes(10 * KIB)  # loaded, not made
    assert make.calls == 0
    kept_entry(cache, "d", seconds_ago=0)
    assert first.exists() and not second.exists() and not third.exists()


def test_files_being_written_are_left_and_those_of_killed_writers_pruned(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path, limit=25 * KIB)
    kept_entry(cache, "a", seconds_ago=10)
    writing = tmp_path / "kind" / ".being-written.tmp"
    writing.write_bytes(bytes(100 * KIB))  # neither counted nor removed
    left_behind = tmp_path / "kind" / ".killed.tmp"
    left_behind.write_bytes(bytes(10 * KIB))
    aged(left_behind, UNFINISHED_SECONDS + 60)
    kept_entry(cache, "b", seconds_ago=0)  # 30 KiB of entries and leftovers: beyond 25
    assert writing.exists()
    assert not left_behind.exists()


def test_a_library_s_files_in_the_folder_count_and_are_pruned(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path, limit=25 * KIB)
    templates = cache.folder_for("templates")
    assert templates is not None
    compiled = templates / "__jinja2_0123.cache"
    compiled.write_bytes(bytes(20 * KIB))
    aged(compiled, 1000)
    entry = kept_entry(cache, "a", seconds_ago=0)
    assert not compiled.exists() and entry.exists()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_is_neither_counted_nor_pruned(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    planted = foreign / "big"
    planted.write_bytes(bytes(100 * KIB))
    foreign.chmod(0o777)
    try:
        assert prune(tmp_path, limit=10 * KIB) == 0
        assert planted.exists()
    finally:
        foreign.chmod(0o700)


def test_pruning_what_is_not_there_is_not_an_error(tmp_path: Path) -> None:
    assert prune(tmp_path / "gone", limit=0) == 0
    (tmp_path / "kind").mkdir(mode=0o700)
    assert prune(tmp_path, limit=0) == 0

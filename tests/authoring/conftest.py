"""Fixtures of the authoring tests: throwaway content trees and running a command in-process."""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from lagebericht.cli.app import parser
from lagebericht.cli.printer import Printer
from tests.files import OFFICE, REPORT, write_files

Files = Mapping[str, str | bytes]
MakeTree = Callable[[Files], Path]


write_tree = write_files
__all__ = ["OFFICE", "REPORT", "MakeTree", "write_tree"]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeTree:
    """A function writing a dict of files into ``tmp_path``, which becomes the working folder
    (so that the commands' defaults content/ and output/ land there)."""
    monkeypatch.chdir(tmp_path)
    return lambda files: write_tree(tmp_path, files)


@dataclass(frozen=True)
class Ran:
    status: int
    out: str
    err: str


def parse(argv: list[str]) -> argparse.Namespace:
    """``argv`` parsed as the ``lagebericht`` command line parses it."""
    return parser().parse_args(argv)


def printer(out: io.StringIO, err: io.StringIO) -> Printer:
    return Printer(out, err)


def run(argv: list[str]) -> Ran:
    """Run an authoring command through its ``run`` function, capturing both streams."""
    args = parse(argv)
    out, err = io.StringIO(), io.StringIO()
    status = args.run(args, Printer(out, err))
    return Ran(status, out.getvalue(), err.getvalue())

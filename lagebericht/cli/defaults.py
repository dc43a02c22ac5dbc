"""Exit statuses and default folders shared by every command of the command line."""

from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

DEFAULT_CONTENT = Path("content")
DEFAULT_OUTPUT = Path("output")

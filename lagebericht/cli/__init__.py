"""The ``lagebericht`` command line, the only part of the package that prints or exits.

app             parse and dispatch; internal errors become an exit status
batch_commands  build, check
authoring       new, schema, preview, watch
printer         every line written; progress and summary: how a batch reports
"""

from lagebericht.cli.app import main

__all__ = ["main"]

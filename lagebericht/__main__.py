"""``python -m lagebericht`` is the ``lagebericht`` command."""

import sys

from lagebericht.cli import main

sys.exit(main())

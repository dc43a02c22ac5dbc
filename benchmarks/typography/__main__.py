"""``python -m benchmarks.typography``: see :mod:`benchmarks.typography.run`."""

import sys

from benchmarks.typography.run import main

sys.exit(main())

"""``python -m shownotes``: the same as the ``shownotes`` command."""

import sys

from shownotes.cli import main

sys.exit(main())

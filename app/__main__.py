"""``python -m app``: the ``hotline`` command."""

import sys

from app.launcher import main

sys.exit(main())

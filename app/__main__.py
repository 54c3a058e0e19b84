"""``python -m app``: the ``hotline`` command."""

import sys

from app.launcher import main

if __name__ == "__main__":
    sys.exit(main())

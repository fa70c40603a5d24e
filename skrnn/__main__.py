"""``python -m skrnn``: the command line of :mod:`skrnn.cli`."""

import sys

from skrnn.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())

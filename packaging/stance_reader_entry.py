"""Entry point of the PyInstaller bundle: the same CLI as the ``stance-reader`` console script.

``freeze_support()`` must run first: ``analyze --jsonl -j N`` starts spawn-mode worker processes,
which in a frozen bundle re-run this executable and must be routed into the worker loop, not the CLI.
"""

from __future__ import annotations

import multiprocessing
import sys

from stance_reader.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())

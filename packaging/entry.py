"""Entry point of the frozen kiosk (PyInstaller): the `kiosk` command, spawn-safe."""

import multiprocessing
import sys

if __name__ == "__main__":
    # The speech worker is a "spawn" child: in a frozen app the child re-runs this executable,
    # and freeze_support() turns that run into the worker instead of a second kiosk.
    multiprocessing.freeze_support()
    from kiosk.cli import main

    sys.exit(main())

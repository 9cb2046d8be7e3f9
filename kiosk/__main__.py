"""`python -m kiosk` runs the console command."""

import multiprocessing
import sys

from kiosk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the speech worker is a child process, also when frozen
    sys.exit(main())

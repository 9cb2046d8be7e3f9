"""`kiosk run`: start the touch kiosk."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("run", help="start the kiosk (the default)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--windowed", dest="fullscreen", action="store_false", default=None,
                      help="run in a window (development, demos)")  # fmt: skip
    mode.add_argument("--fullscreen", dest="fullscreen", action="store_true",
                      help="run fullscreen and frameless (the lobby)")  # fmt: skip
    parser.add_argument("--demo", action="store_true",
                        help="demo mode (config key `demo`): demo office key and a SQLite office "
                        "in data_dir when none is configured; never in the lobby")  # fmt: skip
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from kiosk import config as config_mod

    try:
        config = config_mod.load(getattr(args, "config", None))
    except config_mod.ConfigError as exc:
        print(f"error: config {exc.source}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    if args.demo:
        from dataclasses import replace

        config = replace(config, demo=True)
    from kiosk.commands._shared import office_ready

    if not office_ready(config):
        return 2
    try:
        from kiosk.qt.app import run_kiosk
    except ImportError as exc:
        from kiosk.system_libs import advice

        reason = advice(exc)
        if reason is None:
            raise
        print(f"error: {reason}", file=sys.stderr)
        return 2
    return run_kiosk(config, fullscreen=args.fullscreen)

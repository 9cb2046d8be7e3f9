"""`kiosk config check FILE`: validate a config file and print every problem."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("config", help="check a config file")
    inner = parser.add_subparsers(dest="config_command", required=True)
    check = inner.add_parser("check", help="validate FILE; exit 1 listing every problem")
    check.add_argument("file")
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    from kiosk.config import ConfigError, load

    try:
        config = load(args.file)
    except ConfigError as exc:
        print(f"{exc.source}: {len(exc.problems)} problem(s)")
        for problem in exc.problems:
            print(f"  - {problem}")
        return 1
    print(f"{args.file}: ok (kiosk {config.kiosk_id}, languages {' '.join(config.languages)})")
    return 0

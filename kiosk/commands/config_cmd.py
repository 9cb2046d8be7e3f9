"""`kiosk config check FILE`: validate a config file and print every problem; `kiosk config
example`: print config.example.toml as the key declarations make it."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("config", help="check a config file")
    inner = parser.add_subparsers(dest="config_command", required=True)
    check = inner.add_parser("check", help="validate FILE; exit 1 listing every problem")
    check.add_argument("file")
    check.set_defaults(func=run_check)
    example = inner.add_parser("example", help="print every key with its default and documentation (TOML)")
    example.set_defaults(func=run_example)


def run_example(args: argparse.Namespace) -> int:
    from kiosk.config import example_toml

    print(example_toml(), end="")
    return 0


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

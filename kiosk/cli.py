"""The `kiosk` console command: a thin argparse front over the command modules."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each module in kiosk.commands exposes `register(subparsers)`; it adds its sub-command(s) and sets
# `func` (taking the parsed namespace and returning an exit code) as the parser default.
# Command modules import their heavy dependencies lazily so `kiosk --help` stays fast.
COMMAND_MODULES: tuple[str, ...] = (
    "run",
    "i18n",
    "config_cmd",
    "print_",
    "speak",
    "mrz",
    "camera",
    "forms",
    "render",
    "verify",
    "submit",
    "sync",
    "keys",
    "db",
    "purge",
    "staff",
    "selftest",
    "admin",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Self-service form kiosk for the Shekou expat service center."
    )
    parser.add_argument("--config", help="path to a kiosk TOML config file (default: built-in)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"kiosk.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command is None:  # plain `kiosk` starts the kiosk
        args = parser.parse_args(["run", *(["--config", args.config] if args.config else [])])
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

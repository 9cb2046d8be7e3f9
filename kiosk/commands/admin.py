"""`kiosk admin set-pin | unlock | check-db`: the staff PIN and the start-up health check."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from kiosk.commands._shared import load_config


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("admin", help="staff PIN and kiosk health")
    inner = parser.add_subparsers(dest="admin_command", required=True)
    set_pin = inner.add_parser("set-pin", help="set the PIN that opens the kiosk's admin screen")
    set_pin.add_argument("--stdin", action="store_true", help="read the PIN from standard input")
    set_pin.set_defaults(func=run_set_pin)
    unlock = inner.add_parser("unlock", help="clear the wrong-PIN lockout")
    unlock.set_defaults(func=run_unlock)
    check = inner.add_parser("check-db", help="integrity-check the local database (sets a bad one aside)")
    check.set_defaults(func=run_check_db)


def _read_pin(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().strip()
    first = getpass.getpass("New admin PIN (6-12 digits): ")
    if getpass.getpass("Again: ") != first:
        print("error: the two PINs differ", file=sys.stderr)
        return None
    return first


def run_set_pin(args: argparse.Namespace) -> int:
    from kiosk.admin.lockout import PinGate
    from kiosk.admin.pin import PinError, PinStore

    config = load_config(args)
    if config is None:
        return 2
    pin = _read_pin(args.stdin)
    if pin is None:
        return 1
    try:
        PinStore(config.data_dir).set_pin(pin)
    except PinError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    PinGate(config.data_dir).reset()
    print(f"admin PIN set ({config.data_dir / 'admin-pin.json'}, owner-only, scrypt hash)")
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    from kiosk.admin.lockout import PinGate

    config = load_config(args)
    if config is None:
        return 2
    PinGate(config.data_dir).reset()
    print("the PIN pad is unlocked")
    return 0


def run_check_db(args: argparse.Namespace) -> int:
    from kiosk.health import startup_check

    config = load_config(args)
    if config is None:
        return 2
    report = startup_check(config.data_dir, config.queue_db_path)
    for notice in report.notices:
        print(f"{notice.problem}: {notice.english()}")
    if report.ok:
        print(f"{config.queue_db_path}: ok")
    return 1 if report.blocking else 0

"""`kiosk staff`: the staff console window, `show CODE|FILE` for scripts, and staff accounts."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.commands._shared import fail, load_config
from kiosk.commands.keys import PASSPHRASE_ENV

if TYPE_CHECKING:
    from kiosk.config import KioskConfig

PASSWORD_ENV = "KIOSK_STAFF_PASSWORD"  # for scripted `add-user` / `set-password`
KEY_ENV = "KIOSK_OFFICE_KEY"  # path of the office private key (PEM, encrypted)
SHOW_EXIT = {"opened": 0, "no-code": 2}  # every other outcome: 1


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "staff", help="the staff console (window); `show` a scanned code; manage staff accounts"
    )
    parser.add_argument("--url", metavar="URL", help="office database (default: from the config)")
    parser.add_argument(
        "--key",
        type=Path,
        metavar="PEM",
        help=f"office private key (default: ${KEY_ENV}, or beside "
        "the office public key, or the demo key in data_dir)",
    )
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="window language")
    parser.add_argument(
        "--printer",
        metavar="NAME",
        help="CUPS queue for reprints (default: office_printer of the config, else the CUPS default)",
    )
    parser.set_defaults(func=run_window)
    actions = parser.add_subparsers(dest="staff_command", metavar="ACTION")
    show = actions.add_parser(
        "show", help="print the submission behind a code (text, image or PDF) as JSON with its verdict"
    )
    show.add_argument("code", metavar="CODE|FILE")
    show.add_argument("--dpi", type=int, default=150, help="resolution to rasterise PDFs at")
    show.set_defaults(func=run_show)
    add = actions.add_parser(
        "add-user", help=f"add a staff account (password from ${PASSWORD_ENV} or a prompt)"
    )
    add.add_argument("username")
    add.add_argument("--role", choices=("staff", "admin"), default="staff")
    add.set_defaults(func=run_add_user)
    pw = actions.add_parser("set-password", help="set a new password (also unlocks the account)")
    pw.add_argument("username")
    pw.set_defaults(func=run_set_password)
    for name, active in (("disable", False), ("enable", True)):
        p = actions.add_parser(name, help=f"{name} a staff account")
        p.add_argument("username")
        p.set_defaults(func=run_set_active, active=active)
    users = actions.add_parser("users", help="list staff accounts")
    users.set_defaults(func=run_users)
    log = actions.add_parser("audit", help="print the latest audit log entries")
    log.add_argument("--limit", type=int, default=50)
    log.set_defaults(func=run_audit)


def actor() -> str:
    return f"cli:{getpass.getuser()}"


def private_key_path(args: argparse.Namespace, public_key: Path, data_dir: Path) -> Path:
    from kiosk.crypto.office import DEMO_PRIVATE_FILE, PRIVATE_FILE

    if args.key:
        return Path(args.key)
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV])
    beside = public_key.parent / PRIVATE_FILE
    return beside if beside.exists() else data_dir / DEMO_PRIVATE_FILE


def _passphrase() -> str:
    return os.environ.get(PASSPHRASE_ENV) or getpass.getpass("office key passphrase: ")


def _password() -> str:
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    first = getpass.getpass("new password: ")
    if getpass.getpass("again: ") != first:
        raise ValueError("the passwords differ")
    return first


def office_ready(url: str) -> bool:
    """The office schema is this version's; the embedded SQLite demo office is brought up to
    date here (as the kiosk's sync does), a real one only by its owner (`kiosk db upgrade`)."""
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.office.migrate import schema_problem, upgrade_office

    try:
        if url.startswith("sqlite"):
            upgrade_office(url)
        problem = schema_problem(url)
    except SQLAlchemyError as exc:
        problem = f"cannot reach the office database: {exc.__class__.__name__}: {str(exc).splitlines()[0]}"
    if problem:
        fail(problem)
    return problem is None


def office_url(args: argparse.Namespace, config: KioskConfig) -> str | None:
    """`--url`, else the configured office database; the local SQLite demo office only in demo
    mode (`demo = true`), never silently. None (after telling IT what is missing) otherwise."""
    from kiosk.config import office_problems

    if args.url:
        return str(args.url)
    problems = office_problems(config, key=False)
    if problems:
        fail("; ".join(problems))
        return None
    return config.office_url


def _office(args: argparse.Namespace) -> tuple[KioskConfig, str] | None:
    """The config and a ready office database URL, or None (the reason already printed)."""
    config = load_config(args)
    if config is None:
        return None
    url = office_url(args, config)
    if url is None or not office_ready(url):
        return None
    return config, url


def _engine(args: argparse.Namespace) -> Any:
    from kiosk.office.db import office_engine

    found = _office(args)
    return office_engine(found[1]) if found else None


NOT_IN_BUNDLE = (
    "the staff console window is not part of the kiosk bundle (a public lobby machine carries no "
    "office tools, and it leaves Qt Widgets out). Install the staff bundle (dist/kiosk-staff, "
    "`make package-staff`) on the counter PC: see docs/staff.md. `kiosk staff show`, `users`, "
    "`add-user` and `audit` work here."
)


def run_window(args: argparse.Namespace) -> int:
    from kiosk.staff.reprint import ReprintSettings

    try:
        from kiosk.staff_qt.app import run
    except ImportError:
        if getattr(sys, "frozen", False):
            return fail(NOT_IN_BUNDLE)
        raise

    found = _office(args)
    if found is None:
        return 2
    config, url = found
    key = private_key_path(args, config.office_key_path, config.data_dir)
    printing = ReprintSettings(args.printer or config.office_printer, config.paper)
    passphrase = os.environ.get(PASSPHRASE_ENV, "")
    return run(url, key, args.lang, passphrase, printing)


def _codes(text: str, dpi: int) -> list[str]:
    from kiosk.qr_images import find_codes

    path = Path(text)
    if len(text) < 4096 and "\x00" not in text and path.is_file():
        return find_codes(path, dpi)
    return [text]


def run_show(args: argparse.Namespace) -> int:
    """JSON on stdout; exit 0 opened, 1 any warning (forged, not synced...), 2 no code or error."""
    from kiosk.qr_images import UnreadableFile
    from kiosk.staff.console import StaffConsole

    config = load_config(args)
    if config is None:
        return 2
    try:
        codes = _codes(args.code, args.dpi)
    except UnreadableFile as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    url = office_url(args, config)
    if url is None or not office_ready(url):
        return 2
    key = private_key_path(args, config.office_key_path, config.data_dir)
    console = StaffConsole(url, key)
    try:
        try:
            console.unlock_service(actor(), _passphrase())
        except (ValueError, TypeError, OSError) as exc:
            print(f"error: cannot unlock the office key {key}: {exc}", file=sys.stderr)
            return 2
        result = console.scan_codes(codes)
    finally:
        console.close()
    json.dump(result.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return SHOW_EXIT.get(result.outcome.value, 1)


OWNER_ONLY = (
    "error: permission denied: the staff database role cannot manage accounts; "
    "run this with the schema owner's --url (docs/staff.md, Database roles)"
)


def _account(args: argparse.Namespace, change: Any) -> int:
    from sqlalchemy.exc import DBAPIError

    from kiosk.staff.accounts import AccountError

    engine = _engine(args)
    if engine is None:
        return 2
    try:
        change(engine)
    except (AccountError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient_privilege
            raise
        print(OWNER_ONLY, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


def run_add_user(args: argparse.Namespace) -> int:
    from kiosk.staff.accounts import add_user

    return _account(args, lambda e: add_user(e, args.username, _password(), args.role, actor()))


def run_set_password(args: argparse.Namespace) -> int:
    from kiosk.staff.accounts import set_password

    return _account(args, lambda e: set_password(e, args.username, _password(), actor()))


def run_set_active(args: argparse.Namespace) -> int:
    from kiosk.staff.accounts import set_active

    return _account(args, lambda e: set_active(e, args.username, args.active, actor()))


def run_users(args: argparse.Namespace) -> int:
    from kiosk.staff.accounts import list_users

    return _account(args, lambda e: print(json.dumps(list_users(e), default=str, indent=2)))


def run_audit(args: argparse.Namespace) -> int:
    from kiosk.staff.audit import recent

    def show(engine: Any) -> None:
        for row in reversed(recent(engine, args.limit)):
            print(
                f"{row.at:%Y-%m-%d %H:%M:%S%z}  {row.actor:<20} {row.action:<16} "
                f"{row.submission_id or '-':<36} {row.detail or ''}"
            )

    return _account(args, show)

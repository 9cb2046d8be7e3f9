"""`kiosk db`: migrate the office database and create least-privilege kiosk and staff roles."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from typing import Any

from kiosk.commands._shared import load_config

PASSWORD_ENV = "KIOSK_ROLE_PASSWORD"


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("db", help="office database administration")
    db = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = db.add_parser("upgrade", help="bring the office schema to the newest version")
    up.add_argument("--url", metavar="URL", help="office database (default: from the config)")
    up.set_defaults(func=upgrade)
    grant = db.add_parser(
        "grant-kiosk-role",
        help="create/update a kiosk's PostgreSQL role: insert its own kiosk's submissions "
        "(the columns a kiosk sends), read only their id, write its own heartbeat",
    )
    grant.add_argument("--url", required=True, metavar="URL", help="as the schema owner")
    grant.add_argument("--role", required=True, metavar="NAME", help="e.g. kiosk_lobby_1")
    grant.add_argument("--kiosk-id", metavar="ID", help="its kiosk id (default: from the config)")
    grant.add_argument(
        "--no-password",
        action="store_true",
        help=f"no password (peer/cert auth); else ${PASSWORD_ENV} or a prompt",
    )
    grant.set_defaults(func=grant_kiosk_role)
    staff = db.add_parser(
        "grant-staff-role",
        help="create/update the staff console's PostgreSQL role: read submissions, notes, the audit "
        "log, kiosks and heartbeats; sign in, change statuses, add notes and audit entries only "
        "through the office's functions; no INSERT, UPDATE or DELETE",
    )
    staff.add_argument("--url", required=True, metavar="URL", help="as the schema owner")
    staff.add_argument("--role", required=True, metavar="NAME", help="e.g. staff_desk")
    staff.add_argument(
        "--no-password",
        action="store_true",
        help=f"no password (peer/cert auth); else ${PASSWORD_ENV} or a prompt",
    )
    staff.set_defaults(func=grant_staff_role)
    purge = db.add_parser(
        "purge-office",
        help="delete submissions past their form's retention_days (what the consent screen "
        "promises), with an audit entry saying how many; run as the schema owner",
    )
    purge.add_argument("--url", metavar="URL", help="office database (default: from the config)")
    purge.add_argument(
        "--older-than-days",
        type=int,
        metavar="N",
        help="for forms not installed here (default 90, the forms' default); "
        "installed forms always use their own retention_days",
    )
    purge.set_defaults(func=purge_office)


def upgrade(args: argparse.Namespace) -> int:
    from kiosk.office.migrate import upgrade_office

    config = load_config(args)
    if config is None:
        return 2
    url = args.url or config.office_url
    try:
        upgrade_office(url)
    except Exception as exc:
        print(f"error: upgrade failed: {exc}", file=sys.stderr)
        return 1
    print("office database is at the newest schema")
    return 0


def grant_kiosk_role(args: argparse.Namespace) -> int:
    from kiosk.office.roles import grant_kiosk_role

    kiosk_id = args.kiosk_id
    if not kiosk_id:
        config = load_config(args)
        if config is None:
            return 2
        kiosk_id = config.kiosk_id
    return _grant(
        args,
        lambda engine, password: grant_kiosk_role(engine, args.role, kiosk_id, password),
        f"INSERT the kiosk columns of its own submissions, SELECT (id), own heartbeat ({kiosk_id})",
    )


def _grant(args: argparse.Namespace, grant: Callable[[Any, str | None], None], granted: str) -> int:
    """Ask for the role's password (unless --no-password), run `grant` as the owner, report."""
    from kiosk.office.db import office_engine
    from kiosk.office.roles import RoleError

    password = None
    if not args.no_password:
        password = os.environ.get(PASSWORD_ENV) or getpass.getpass(f"password for {args.role}: ")
    engine = office_engine(args.url)
    try:
        grant(engine, password)
    except RoleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"role {args.role}: {granted}")
    return 0


def grant_staff_role(args: argparse.Namespace) -> int:
    from kiosk.office.roles import grant_staff_role

    return _grant(
        args,
        lambda engine, password: grant_staff_role(engine, args.role, password),
        "the staff console's grants and functions, no direct writes (docs/staff.md, Database roles)",
    )


def purge_office(args: argparse.Namespace) -> int:
    import getpass

    from kiosk.forms import load_forms
    from kiosk.office.db import office_engine
    from kiosk.office.purge import purge_office

    config = load_config(args)
    if config is None:
        return 2
    days = {form_id: form.retention_days for form_id, form in load_forms().items()}
    other = args.older_than_days if args.older_than_days is not None else 90
    engine = office_engine(args.url or config.office_url)
    try:
        result = purge_office(engine, days, other, f"cli:{getpass.getuser()}")
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        print(f"error: purge failed: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    for form_id, count in result.deleted.items():
        print(f"{form_id}: deleted {count} submission(s) older than {days.get(form_id, other)} day(s)")
    print(f"deleted {result.total} submission(s) past retention; the audit log says how many")
    return 0

"""`kiosk keys`: make the office key pair, the kiosk's signing key, and register a kiosk."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from kiosk.commands._shared import load_config

PASSPHRASE_ENV = "KIOSK_OFFICE_PASSPHRASE"


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("keys", help="office and kiosk keys")
    keys = parser.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    office = keys.add_parser(
        "init-office",
        help="make the office key pair (private half "
        f"encrypted with a passphrase from ${PASSPHRASE_ENV} or a prompt)",
    )
    office.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder to write")
    office.set_defaults(func=init_office)
    upgrade = keys.add_parser(
        "upgrade-office-key",
        help="rewrite an office private key made before (PKCS8, PBKDF2) with scrypt + "
        f"ChaCha20-Poly1305; same key and passphrase (${PASSPHRASE_ENV} or a prompt)",
    )
    upgrade.add_argument("key", type=Path, metavar="FILE", help="the office private key file")
    upgrade.set_defaults(func=upgrade_office_key)
    kiosk = keys.add_parser(
        "init-kiosk", help="make this kiosk's signing key; print its public key"
    )
    kiosk.set_defaults(func=init_kiosk)
    reg = keys.add_parser("register-kiosk", help="enter this kiosk's public key in the office db")
    reg.add_argument(
        "--url", metavar="URL", help="office database, as an admin role (default: from the config)"
    )
    reg.add_argument("--label", help="where the kiosk stands, e.g. 'Lobby, left'")
    reg.set_defaults(func=register_kiosk)


def office_passphrase(confirm: bool = True) -> str:
    """From $KIOSK_OFFICE_PASSPHRASE, else asked twice on the terminal."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    first = getpass.getpass("office key passphrase: ")
    if confirm and getpass.getpass("again: ") != first:
        raise ValueError("the passphrases differ")
    return first


def init_office(args: argparse.Namespace) -> int:
    from kiosk.crypto.office import init_office_keys

    try:
        private, public = init_office_keys(args.out, office_passphrase())
    except FileExistsError as exc:
        print(f"error: {exc} exists; refusing to replace an office key", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"private key (keep offline, encrypted): {private}")
    print(f"public key (copy to each kiosk; set office_public_key in its config): {public}")
    return 0


def upgrade_office_key(args: argparse.Namespace) -> int:
    from kiosk.crypto.office import upgrade_private

    try:
        changed = upgrade_private(args.key, office_passphrase(confirm=False))
    except OSError as exc:
        print(f"error: {args.key}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except ValueError as exc:  # wrong passphrase, not a key file
        print(f"error: {args.key}: {exc}", file=sys.stderr)
        return 2
    print(f"{args.key}: " + ("rewritten with scrypt + ChaCha20-Poly1305" if changed else "already current"))
    return 0


def init_kiosk(args: argparse.Namespace) -> int:
    from kiosk.crypto.keys import kiosk_signing_key, public_b64

    config = load_config(args)
    if config is None:
        return 2
    key = kiosk_signing_key(config.data_dir, config.kiosk_id)
    print(f"kiosk {config.kiosk_id}: signing key in {config.data_dir}")
    print(f"public key: {public_b64(key.public_key())}")
    return 0


def register_kiosk(args: argparse.Namespace) -> int:
    from kiosk.crypto.keys import kiosk_signing_key, public_b64
    from kiosk.office.keys import register_kiosk_key

    config = load_config(args)
    if config is None:
        return 2
    public = public_b64(kiosk_signing_key(config.data_dir, config.kiosk_id).public_key())
    url = args.url or config.office_url
    try:
        register_kiosk_key(url, config.kiosk_id, public, args.label)
    except Exception as exc:
        print(f"error: could not register {config.kiosk_id}: {exc}", file=sys.stderr)
        return 1
    print(f"registered kiosk {config.kiosk_id} ({public})")
    return 0

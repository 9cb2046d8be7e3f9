"""`kiosk verify FILE`: read the QR code of a printed form (PDF or scan) and check its signature."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from kiosk.commands._shared import load_config

CHINA_TIME = dt.timezone(dt.timedelta(hours=8))
# verdict → (exit code, what it means for the staff member at the counter)
OUTCOMES = {
    "genuine": (0, "GENUINE: printed by a known kiosk and unchanged since."),
    "altered": (1, "ALTERED: the code does not match its signature. Do not accept this printout."),
    "unknown-signer": (3, "UNKNOWN KIOSK: signed by a kiosk this registry does not know."),
    "unsupported-version": (4, "UNSUPPORTED: a newer code format; update this software."),
    "malformed": (5, "NOT A KIOSK CODE: this QR code was not made by a kiosk."),
}


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "verify",
        help="check the signed QR code of a printed form (exit 0 genuine, 1 altered, "
        "3 unknown kiosk, 4 unsupported, 5 not a kiosk code, 2 no code or unreadable file)",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="a PDF or an image (PNG, JPEG...)")
    parser.add_argument("--dpi", type=int, default=150, help="resolution to rasterise PDFs at")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 genuine, 1 altered, 3 unknown signer, 4 unsupported, 5 malformed, 2 no code/file."""
    from kiosk.crypto.keys import registry_for
    from kiosk.qr_images import UnreadableFile, find_codes, pick_code
    from kiosk.qrpayload import verify

    config = load_config(args)
    if config is None:
        return 2
    try:
        codes = find_codes(args.file, args.dpi)
    except UnreadableFile as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    code = pick_code(codes)
    if code is None:
        print(f"no QR code found in {args.file}", file=sys.stderr)
        return 2
    result = verify(code, registry_for(config.data_dir))
    if result.payload is not None:
        p = result.payload
        created = p.created.astimezone(CHINA_TIME)
        print(f"reference: {p.reference}")
        print(f"kiosk:     {p.kiosk_id}")
        print(f"form:      {p.form_id}")
        print(f"time:      {created:%Y-%m-%d %H:%M:%S} (UTC+8)")
    else:
        print(f"code:      {code[:80]}")
    detail = f" ({result.detail})" if result.detail else ""
    print(f"verdict:   {result.verdict.value}{detail}")
    exit_code, meaning = OUTCOMES[result.verdict.value]
    print(meaning)
    return exit_code

"""`kiosk mrz`: parse a passport or ID-card machine-readable zone from standard input as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "mrz",
        help="parse and verify a machine-readable zone (ICAO Doc 9303) read from standard input",
        description="Read the 2 or 3 lines of a passport or ID-card MRZ from standard input, "
        "verify every check digit and print the fields as JSON.",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.mrz import MrzError, parse_mrz  # lazily: keeps `kiosk --help` fast

    try:
        result = parse_mrz(sys.stdin.read())
    except MrzError as error:
        field = f" ({error.field})" if error.field else ""
        print(f"error: {error.code}{field}: {error}", file=sys.stderr)
        return 1
    print(json.dumps(result.to_json_dict(), ensure_ascii=False, indent=2))
    return 0

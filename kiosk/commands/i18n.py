"""`kiosk i18n extract|check`: keep the translation catalogs in step with the sources."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.languages import LANGUAGES

TRANSLATED = [code for code in LANGUAGES if code != "en"]


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("i18n", help="translation catalogs")
    inner = parser.add_subparsers(dest="i18n_command", required=True)
    extract = inner.add_parser("extract", help="merge new strings from Python, QML and forms")
    extract.set_defaults(func=run_extract)
    check = inner.add_parser("check", help="fail on incomplete catalogs or broken placeholders")
    check.add_argument("languages", nargs="*", default=TRANSLATED)
    check.set_defaults(func=run_check)


def run_extract(args: argparse.Namespace) -> int:
    from kiosk.i18n.extract import update_catalogs

    for lang, missing in update_catalogs(TRANSLATED).items():
        print(f"{lang}: {missing} string(s) to translate")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from kiosk.i18n.check import check_catalogs

    failed = False
    for report in check_catalogs(list(args.languages)):
        if report.ok:
            print(f"{report.lang}: complete")
            continue
        failed = True
        print(
            f"{report.lang}: {len(report.missing)} missing, {len(report.broken)} broken placeholder(s)"
        )
        for msgid in report.missing:
            print(f"  missing: {msgid!r}")
        for msgid in report.broken:
            print(f"  placeholders differ: {msgid!r}")
    return 1 if failed else 0

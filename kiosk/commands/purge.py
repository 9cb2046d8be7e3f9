"""`kiosk purge`: delete delivered submissions and saved PDFs older than the retention time."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.commands._shared import load_config


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "purge", help="delete delivered submissions and saved PDFs past retention_days"
    )
    parser.add_argument(
        "--days", type=int, metavar="N", help="keep N days instead of the config's retention_days"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.storage.queue import LocalQueue
    from kiosk.storage.retention import purge

    config = load_config(args)
    if config is None:
        return 2
    days = args.days if args.days is not None else config.retention_days
    if days < 1:
        print("error: --days must be at least 1")
        return 2
    queue = LocalQueue(config.queue_db_path)
    try:
        result = purge(queue, config.pdf_dir, days)
    finally:
        queue.close()
    print(
        f"deleted {result.entries} delivered submission(s) and {result.pdfs} PDF(s) "
        f"older than {days} day(s); undelivered ones are kept"
    )
    return 0

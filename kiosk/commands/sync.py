"""`kiosk sync`: deliver the queue (`--once`), show it (`status`), retry quarantined entries."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kiosk.commands._shared import load_config


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "sync", help="send queued submissions to the office database; status; retry quarantined"
    )
    parser.add_argument(
        "action",
        nargs="?",
        default="run",
        choices=("run", "status", "retry-quarantined"),
        help="run (default): keep syncing until Ctrl-C; status: the queue; "
        "retry-quarantined: put set-aside entries back in line",
    )
    parser.add_argument("--once", action="store_true", help="send what is queued, then exit")
    parser.add_argument("--url", metavar="URL", help="office database (default: from the config)")
    parser.add_argument("--json", action="store_true", help="status as JSON")
    parser.set_defaults(func=run)


def _age(seconds: float | None) -> str:
    if seconds is None:
        return "none"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m {secs:02d}s" if hours else f"{minutes}m {secs:02d}s"


def _status(queue: Any, as_json: bool) -> int:
    from kiosk.storage.outbox import Outbox

    outbox = Outbox(queue)
    stats, held = outbox.stats(), outbox.quarantined()
    if as_json:
        data = {
            "queue_depth": stats.pending,
            "sent": stats.sent,
            "quarantined": stats.quarantined,
            "oldest_unsent_s": stats.oldest_unsent_s,
            "last_error": stats.last_error,
            "last_error_at": stats.last_error_at.isoformat() if stats.last_error_at else None,
            "last_success_at": stats.last_success_at.isoformat() if stats.last_success_at else None,
            "quarantined_entries": [e.__dict__ for e in held],
        }
        print(json.dumps(data, indent=2))
        return 0
    print(f"queue depth:     {stats.pending} waiting ({stats.sent} delivered, kept until purge)")
    print(f"oldest unsent:   {_age(stats.oldest_unsent_s)}")
    print(f"quarantined:     {stats.quarantined}")
    for entry in held:
        print(f"  {entry.reference} {entry.id} tries={entry.attempts}: {entry.last_error}")
    success = (
        stats.last_success_at.isoformat(" ", "seconds") + " UTC"
        if stats.last_success_at
        else "never"
    )
    print(f"last delivery:   {success}")
    if stats.last_error:
        when = stats.last_error_at.isoformat(" ", "seconds") if stats.last_error_at else "?"
        print(f"last error:      {stats.last_error} ({when} UTC)")
    else:
        print("last error:      none")
    return 0


def run(args: argparse.Namespace) -> int:
    """status/retry: 0. --once: 0 when everything due was delivered, 1 when the office failed."""
    from kiosk.storage.outbox import Outbox
    from kiosk.storage.queue import LocalQueue

    config = load_config(args)
    if config is None:
        return 2
    queue = LocalQueue(config.queue_db_path)
    try:
        if args.action == "status":
            return _status(queue, args.json)
        if args.action == "retry-quarantined":
            count = Outbox(queue).retry_quarantined()
            print(f"{count} quarantined entr{'y' if count == 1 else 'ies'} back in the queue")
            return 0
        return _sync(config, queue, args)
    finally:
        queue.close()


def _sync(config: Any, queue: Any, args: argparse.Namespace) -> int:
    from kiosk.commands._shared import office_ready
    from kiosk.sync.factory import worker_for

    if not args.url and not office_ready(config, key=False):
        return 2
    worker = worker_for(config, queue, url=args.url)
    if args.once:
        report = worker.sync_once()
        worker.send_heartbeat()
        worker.stop()
        already = report.sent - report.inserted
        print(
            f"sent {report.sent} ({report.inserted} new, {already} already there) in "
            f"{report.batches} batch(es); quarantined {report.quarantined}"
        )
        if report.failure:
            print(
                f"error: {report.failure}: {report.error}; the rest stays queued", file=sys.stderr
            )
            return 1
        return 0
    import contextlib
    import signal
    import threading

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    worker.sync_did_report.connect(lambda s: print(
        f"{s.state}: {s.queue_depth} waiting, {s.quarantined} quarantined"
        + (f", retry in {s.retry_in_s:.0f}s: {s.last_error}" if s.retry_in_s else ""),
        flush=True,
    ))
    worker.start()
    with contextlib.suppress(KeyboardInterrupt):
        done.wait()
    worker.stop()
    return 0

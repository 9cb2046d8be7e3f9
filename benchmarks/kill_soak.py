"""Kill a kiosk process hundreds of times while it submits and syncs; check exactly-once after.

    .venv/bin/python benchmarks/kill_soak.py [--rounds 300] [--seed 1]

Each round starts the kiosk child (tests/integration/kill_child.py), lets it submit and sync for a
random 0-0.4 s, then SIGKILLs it. At the end one recovery pass drains the queue, and the script
compares the set of local submission ids with the office's (exit 1 on any loss or duplicate).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.office.migrate import upgrade_office  # noqa: E402
from kiosk.storage.queue import LocalQueue  # noqa: E402
from kiosk.sync import SyncWorker  # noqa: E402
from tests.integration.kill_child import KIOSK_ID, kill_rounds  # noqa: E402
from tests.integration.pg import start_cluster  # noqa: E402
from tests.integration.sync_support import local_ids, office_ids  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    cluster = start_cluster(durable=True)
    try:
        url = cluster.create_database("soak")
        upgrade_office(url)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            started = time.perf_counter()
            stats = kill_rounds(folder, url, args.rounds, args.seed)
            elapsed = time.perf_counter() - started
            db = folder / "queue.sqlite3"
            with sqlite3.connect(db) as conn:
                integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            queue = LocalQueue(db)
            worker = SyncWorker(queue, url)
            report = worker.sync_once()
            worker.stop()
            queue.close()
            local, delivered = local_ids(db), office_ids(url, KIOSK_ID)
    finally:
        cluster.destroy()
    duplicates = len(delivered) - len(set(delivered))
    lost = local - set(delivered)
    unacknowledged_lost = stats.acknowledged - local
    print(f"kills: {stats.kills} in {elapsed:.0f} s")
    print(f"  while a batch was in flight: {stats.syncing_at_kill}")
    print(f"  after the office commit, before the local mark: {stats.committed_unmarked}")
    print(
        f"submissions: {len(local)} local, {len(set(delivered))} in the office "
        f"(recovery pass sent {report.sent}, {report.inserted} new)"
    )
    print(
        f"duplicates: {duplicates}; lost: {len(lost)}; acknowledged but missing locally: "
        f"{len(unacknowledged_lost)}; sqlite integrity: {integrity}"
    )
    ok = not duplicates and not lost and not unacknowledged_lost and integrity == "ok"
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

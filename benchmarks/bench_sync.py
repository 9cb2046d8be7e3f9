"""Sync a 10,000-submission backlog into a real PostgreSQL; compare with per-row commits and COPY.

    .venv/bin/python benchmarks/bench_sync.py [--rows 10000] [--loop-rows 2000] [--batch 500]

Starts a throwaway PostgreSQL with its normal durability (fsync on), builds the backlog through the
same sealing, signing and local tables the kiosk uses (timed separately), then times:
  sync   SyncWorker.sync_once: batches of --batch rows, one office transaction each, marked sent
         locally after each commit (the whole path);
  loop   the same insert, one row per transaction (--loop-rows rows, scaled to --rows);
  copy   COPY of the same rows into an empty submissions table, one transaction.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.crypto.keys import load_or_create_signing_key  # noqa: E402
from kiosk.crypto.office import office_public_key  # noqa: E402
from kiosk.crypto.seal import binding, seal  # noqa: E402
from kiosk.office.db import office_engine  # noqa: E402
from kiosk.office.migrate import upgrade_office  # noqa: E402
from kiosk.qrpayload import Payload, box_hash, encode  # noqa: E402
from kiosk.refcode import new_reference  # noqa: E402
from kiosk.storage.models import OutboxEntry, Submission  # noqa: E402
from kiosk.storage.queue import LocalQueue  # noqa: E402
from kiosk.sync import SyncWorker  # noqa: E402
from kiosk.sync.sender import OfficeSender  # noqa: E402
from tests.integration.pg import start_cluster  # noqa: E402
from tests.integration.sync_support import answers  # noqa: E402


def build_backlog(folder: Path, rows: int) -> tuple[LocalQueue, dict[str, float]]:
    """Seal + sign each submission as Submitter does, then write them in one local transaction."""
    office = office_public_key(folder / "office-public-key.pem", folder, demo=True)
    signer = load_or_create_signing_key(folder)
    data = answers()
    started = time.perf_counter()
    made: list[tuple[Submission, OutboxEntry]] = []
    references: set[str] = set()
    for _ in range(rows):
        document = {"form": "temporary-residence", "version": 1, "lang": "en", "answers": data}
        reference = new_reference()
        while reference in references:
            reference = new_reference()
        references.add(reference)
        created = dt.datetime.now(dt.UTC).replace(microsecond=0)
        sid = str(uuid.uuid4())
        bound = binding(sid, reference, "SK-BENCH", "temporary-residence", created)
        sealed = seal(json.dumps(document, ensure_ascii=False).encode(), office, bound)
        code = Payload(reference, "SK-BENCH", "temporary-residence", created, box_hash(sealed))
        payload = encode(code, signer)
        made.append(
            (
                Submission(
                    id=sid,
                    reference=reference,
                    kiosk_id="SK-BENCH",
                    form_id="temporary-residence",
                    form_version=1,
                    lang="en",
                    created_at=created,
                    sealed_answers=sealed,
                    qr_payload=payload,
                ),
                OutboxEntry(submission_id=sid, state="pending", attempts=0),
            )
        )
    crypto_s = time.perf_counter() - started
    queue = LocalQueue(folder / "queue.sqlite3")
    started = time.perf_counter()
    with queue.session() as session, session.begin():
        session.add_all([s for s, _ in made])
        session.flush()
        session.add_all([o for _, o in made])
    return queue, {"seal_and_sign_s": crypto_s, "local_write_s": time.perf_counter() - started}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--loop-rows", type=int, default=2_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    cluster = start_cluster(durable=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            queue, timings = build_backlog(Path(tmp), args.rows)
            url = cluster.create_database("bench_sync")
            upgrade_office(url)
            worker = SyncWorker(queue, url, batch_size=args.batch)
            started = time.perf_counter()
            report = worker.sync_once()
            timings["sync_s"] = time.perf_counter() - started
            assert report.sent == args.rows and report.inserted == args.rows, report
            worker.stop()
            rows = [dict(r) for r in _all_rows(queue)]

            loop_url = cluster.create_database("bench_loop")
            upgrade_office(loop_url)
            engine = office_engine(loop_url)
            sender = OfficeSender(engine)
            started = time.perf_counter()
            for row in rows[: args.loop_rows]:
                sender.send([row])
            loop_s = time.perf_counter() - started
            timings["loop_s_measured"] = loop_s
            timings["loop_s_scaled"] = loop_s * args.rows / args.loop_rows
            engine.dispose()

            copy_url = cluster.create_database("bench_copy")
            upgrade_office(copy_url)
            timings["copy_s"] = _copy(cluster.dsn("bench_copy"), rows)
            queue.close()
    finally:
        cluster.destroy()
    timings["sync_vs_loop"] = timings["loop_s_scaled"] / timings["sync_s"]
    timings["sync_vs_copy"] = timings["sync_s"] / timings["copy_s"]
    print(
        json.dumps(
            {
                "rows": args.rows,
                "batch": args.batch,
                "loop_rows": args.loop_rows,
                **{k: round(v, 3) for k, v in timings.items()},
            },
            indent=2,
        )
    )
    return 0


def _all_rows(queue: LocalQueue) -> list[dict[str, object]]:
    from kiosk.storage.outbox import Outbox

    with queue.session() as session, session.begin():
        session.query(OutboxEntry).update({"state": "pending"})
    return list(Outbox(queue).ready(10**9))


def _copy(dsn: str, rows: list[dict[str, object]]) -> float:
    import psycopg

    columns = (
        "id",
        "reference",
        "kiosk_id",
        "form_id",
        "form_version",
        "lang",
        "created_at",
        "sealed_answers",
    )
    started = time.perf_counter()
    with psycopg.connect(dsn) as conn, conn.cursor() as cursor:
        with cursor.copy(f"COPY submissions ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
        conn.commit()
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())

"""Sync a 10,000-submission backlog into a real PostgreSQL; compare with per-row commits and COPY.

    .venv/bin/python benchmarks/bench_sync.py [--rows 10000] [--loop-rows 1000] [--batch N] [--streams N]
                                              [--runs 3]

Starts a throwaway PostgreSQL with its normal durability (fsync on), builds the backlog through the
same sealing, signing and local tables the kiosk uses (timed separately: sealing happens when a
visitor submits, not at sync time), then times, in fresh databases:
  sync   SyncWorker.sync_once under a least-privilege kiosk role (`grant_kiosk_role`: column-limited
         INSERT, row security): batches of --batch rows, one office transaction each, --streams of
         them in flight on their own connections, marked sent locally after each commit (the whole
         path: SQLite read, insert, commit, SQLite mark);
  copy   COPY of the same rows (every column a kiosk sends) into an empty submissions table, one
         transaction, as the owner (row security refuses COPY FROM to a kiosk role): the floor;
  loop   the kiosk's insert one row per transaction under the kiosk role (--loop-rows, scaled).
sync, copy and loop alternate --runs times; the ratios are medians of the per-run ratios. Prints a table
and `BENCH` lines (benchmarks/headline.py) for `make bench`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from headline import headline  # noqa: E402

from kiosk.crypto.keys import load_or_create_signing_key  # noqa: E402
from kiosk.crypto.office import office_public_key  # noqa: E402
from kiosk.crypto.seal import binding, seal  # noqa: E402
from kiosk.office.db import office_engine  # noqa: E402
from kiosk.office.migrate import upgrade_office  # noqa: E402
from kiosk.office.models import KIOSK_COLUMNS  # noqa: E402
from kiosk.office.roles import grant_kiosk_role  # noqa: E402
from kiosk.qrpayload import Payload, box_hash, encode  # noqa: E402
from kiosk.refcode import new_reference  # noqa: E402
from kiosk.storage.models import OutboxEntry, Submission  # noqa: E402
from kiosk.storage.queue import LocalQueue  # noqa: E402
from kiosk.sync import SyncWorker  # noqa: E402
from kiosk.sync.sender import OfficeSender  # noqa: E402
from kiosk.sync.worker import BATCH_SIZE, OFFICE_STREAMS  # noqa: E402
from tests.integration.pg import PgCluster, start_cluster  # noqa: E402
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


def kiosk_office(cluster: PgCluster, name: str) -> str:
    """A fresh migrated office database; returns the URL of a least-privilege role for SK-BENCH."""
    url = cluster.create_database(name)
    upgrade_office(url)
    admin = office_engine(url)
    grant_kiosk_role(admin, "kiosk_bench", "SK-BENCH", password=None)
    admin.dispose()
    return url.replace("postgres@", "kiosk_bench@")


def time_sync(queue: LocalQueue, url: str, rows: int, batch: int, streams: int) -> float:
    _reset(queue)
    worker = SyncWorker(queue, url, batch_size=batch, streams=streams)
    started = time.perf_counter()
    report = worker.sync_once()
    elapsed = time.perf_counter() - started
    worker.stop()
    assert report.sent == rows and report.inserted == rows and report.failure is None, report
    return elapsed


def time_loop(url: str, rows: list[dict[str, object]]) -> float:
    engine = office_engine(url)
    sender = OfficeSender(engine)
    started = time.perf_counter()
    for row in rows:
        assert sender.send([row]) == 1
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--loop-rows", type=int, default=1_000, help="per run (default 1000)")
    parser.add_argument("--batch", type=int, default=BATCH_SIZE, help="default: the kiosk's")
    parser.add_argument("--streams", type=int, default=OFFICE_STREAMS, help="default: the kiosk's")
    parser.add_argument("--runs", type=int, default=3, help="sync/COPY pairs (default 3)")
    args = parser.parse_args()
    cluster = start_cluster(durable=True)
    syncs: list[float] = []
    copies: list[float] = []
    loops: list[float] = []  # scaled to --rows
    try:
        with tempfile.TemporaryDirectory() as tmp:
            queue, timings = build_backlog(Path(tmp), args.rows)
            rows = _all_rows(queue)
            loop_rows = rows[: args.loop_rows]
            for run in range(args.runs):  # alternated, so a busy moment hits all three alike
                office = kiosk_office(cluster, f"sync_{run}")
                syncs.append(time_sync(queue, office, args.rows, args.batch, args.streams))
                upgrade_office(cluster.create_database(f"copy_{run}"))
                copies.append(_copy(cluster.dsn(f"copy_{run}"), rows))
                loop_s = time_loop(kiosk_office(cluster, f"loop_{run}"), loop_rows)
                loops.append(loop_s * args.rows / len(loop_rows))
            queue.close()
    finally:
        cluster.destroy()
    sync_s, copy_s, loop_scaled = (statistics.median(v) for v in (syncs, copies, loops))
    vs_copy = statistics.median(s / c for s, c in zip(syncs, copies, strict=True))
    vs_loop = statistics.median(lo / s for lo, s in zip(loops, syncs, strict=True))
    print(f"{args.rows} submissions, batches of {args.batch}, {args.streams} office streams, {args.runs} runs"
          " (median; each run):")  # fmt: skip
    print(f"  seal + sign (at Submit)      {timings['seal_and_sign_s']:7.3f} s")
    print(f"  local queue write            {timings['local_write_s']:7.3f} s")
    print(f"  sync, kiosk role             {sync_s:7.3f} s  {_each(syncs)}")
    print(f"  COPY, owner                  {copy_s:7.3f} s  {_each(copies)}")
    print(
        f"  one row per transaction      {loop_scaled:7.3f} s  {_each(loops)} ({len(loop_rows)} rows, scaled)"
    )
    print(f"  sync / COPY                  {vs_copy:7.2f} x  (target <= 3)")
    print(f"  per-row loop / sync          {vs_loop:7.1f} x  (target >= 20)")
    whole = timings["seal_and_sign_s"] + timings["local_write_s"] + sync_s
    print(f"  seal + queue + sync          {whole:7.3f} s  (sealing included)")
    headline(f"sync_{args.rows}_rows", sync_s, "s")
    headline(f"copy_{args.rows}_rows", copy_s, "s")
    headline("sync_vs_copy", vs_copy, "x", "<=3")
    headline("loop_vs_sync", vs_loop, "x", ">=20")
    headline(f"seal_queue_sync_{args.rows}_rows", whole, "s")
    return 0


def _each(values: list[float]) -> str:
    return "(" + ", ".join(f"{v:.3f}" for v in values) + ")"


def _reset(queue: LocalQueue) -> None:
    with queue.session() as session, session.begin():
        session.query(OutboxEntry).update({"state": "pending", "sent_at": None})


def _all_rows(queue: LocalQueue) -> list[dict[str, object]]:
    from kiosk.storage.outbox import Outbox

    return list(Outbox(queue).ready(10**9))


def _copy(dsn: str, rows: list[dict[str, object]]) -> float:
    import psycopg

    columns = KIOSK_COLUMNS
    started = time.perf_counter()
    with psycopg.connect(dsn) as conn, conn.cursor() as cursor:
        with cursor.copy(f"COPY submissions ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row.get(c) for c in columns])  # a lone visitor has no group_id
        conn.commit()
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())

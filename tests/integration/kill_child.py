"""SIGKILL a kiosk process at random points while it submits and syncs, then check exactly-once.

The child (`python -m tests.integration.kill_child DATA_DIR URL [PEOPLE]`) runs what a kiosk runs:
the sync thread, and the Submit path in a loop, printing each id once its local commit returned;
with PEOPLE > 1 each Submit queues a group of that many people (issue 18) in one transaction. The
parent kills it after a random delay, many times; `kill_rounds` reports what happened.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KIOSK_ID = "SK-KILL"


@dataclass
class KillStats:
    kills: int = 0
    acknowledged: set[str] = field(default_factory=set)  # ids the child reported committed
    syncing_at_kill: int = 0  # kills that landed while a batch was in flight
    committed_unmarked: int = 0  # kills after the office commit, before the local "sent" mark


def child(data_dir: str, url: str, people: int = 1) -> None:
    from kiosk.submit import Submitter
    from kiosk.sync import SyncWorker
    from kiosk.sync.backoff import Backoff
    from tests.integration.sync_support import answers, form, kiosk_config

    submitter = Submitter(kiosk_config(Path(data_dir), KIOSK_ID, url))
    worker = SyncWorker(
        submitter.queue, url, batch_size=15, poll_s=0.01, backoff=Backoff(0.01, 0.1)
    )
    send = worker.sender.send

    def traced(rows: object) -> int:  # marks the window in which a kill hits a batch in flight
        sys.stdout.write("S\n")
        sys.stdout.flush()
        result = send(rows)  # type: ignore[arg-type]
        sys.stdout.write("E\n")
        sys.stdout.flush()
        return result

    mark_sent = worker.outbox.mark_sent

    def traced_mark(ids: Sequence[str]) -> None:
        mark_sent(ids)
        sys.stdout.write("M\n")
        sys.stdout.flush()

    worker.sender.send = traced  # type: ignore[method-assign]
    worker.outbox.mark_sent = traced_mark  # type: ignore[method-assign]
    the_form, data = form(), answers()
    worker.start()
    print("ready", flush=True)
    group = [{**data, "given_names": f"PERSON{'X' * n}"} for n in range(people)]
    while True:
        for queued in submitter.queue_group(the_form, "en", group):
            sys.stdout.write(f"Q {queued.id}\n")
        sys.stdout.flush()


def kill_rounds(
    data_dir: Path, url: str, rounds: int, seed: int = 0, max_delay_s: float = 0.4, people: int = 1
) -> KillStats:
    rng = random.Random(seed)
    stats = KillStats()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for _ in range(rounds):
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.kill_child", str(data_dir), url, str(people)],
            stdout=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        output = bytearray()
        # Until "ready" (30 s at most), then for the random delay: keep draining the pipe so the
        # child never blocks on a full pipe; then kill it and read what it wrote before dying.
        _drain(fd, output, time.monotonic() + 30, until=b"ready\n")
        _drain(fd, output, time.monotonic() + rng.uniform(0.0, max_delay_s))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        _drain(fd, output, None)
        proc.stdout.close()
        lines = output.decode().split("\n")[:-1]  # the last piece is empty or cut by the kill
        stats.kills += 1
        stats.acknowledged |= {line[2:] for line in lines if line.startswith("Q ")}
        markers = [line for line in lines if line in ("S", "E", "M")]
        if markers and markers[-1] == "S":
            stats.syncing_at_kill += 1
        elif markers and markers[-1] == "E":
            stats.committed_unmarked += 1
    return stats


def _drain(fd: int, output: bytearray, deadline: float | None, until: bytes | None = None) -> None:
    """Read into `output` until the deadline (None: until EOF) or until `until` was seen."""
    while True:
        timeout = None if deadline is None else deadline - time.monotonic()
        if timeout is not None and timeout <= 0:
            return
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return
        chunk = os.read(fd, 65536)
        if not chunk:
            return
        output += chunk
        if until is not None and until in output:
            return


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)

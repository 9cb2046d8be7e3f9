"""The local queue: durable commits, references, and answers sealed to the office key."""

from __future__ import annotations

import json
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import KioskConfig
from kiosk.crypto.keys import KEY_FILE
from kiosk.crypto.office import DEMO_PASSPHRASE, DEMO_PRIVATE_FILE, load_private
from kiosk.crypto.seal import SealError, binding, open_sealed
from kiosk.forms import Form
from kiosk.qrpayload import box_hash, decode
from kiosk.refcode import ALPHABET, LENGTH, is_reference, new_reference, normalize
from kiosk.storage.db import sqlite_engine
from kiosk.submit import InvalidAnswers, Submitter
from tests.core.helpers import FORM_ID, ROOT

CHILD = """
import json, os, signal, sys
from pathlib import Path
from kiosk.config import KioskConfig
from kiosk.forms import load_forms
from kiosk.submit import Submitter

config = KioskConfig(data_dir=Path(sys.argv[1]), demo=True)
form = load_forms()[sys.argv[2]]
answers = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
queued = Submitter(config).queue_answers(form, "ko", answers)
print(queued.id, queued.reference, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # no clean-up, no engine.dispose(): as if the power failed
print("still alive", flush=True)
"""


@pytest.fixture
def submitter(data_dir: Path) -> Iterator[Submitter]:
    sub = Submitter(KioskConfig(demo=True))
    yield sub
    sub.close()


def test_a_killed_process_leaves_the_submission_committed(
    tmp_path: Path, sample: dict[str, Any]
) -> None:
    data = tmp_path / "data"
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(sample), encoding="utf-8")
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), FORM_ID, str(answers)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "still alive" not in child.stdout
    sid, reference = child.stdout.split()
    db = sqlite3.connect(data / "queue.sqlite3")
    try:
        row = db.execute(
            "SELECT reference, form_id, lang, length(sealed_answers) FROM submissions WHERE id = ?",
            (sid,),
        ).fetchone()
        outbox = db.execute(
            "SELECT state, attempts FROM outbox WHERE submission_id = ?", (sid,)
        ).fetchone()
    finally:
        db.close()
    assert row[:3] == (reference, FORM_ID, "ko") and row[3] > 100
    assert outbox == ("pending", 0)


def test_sqlite_pragmas_make_commits_durable(tmp_path: Path) -> None:
    engine = sqlite_engine(tmp_path / "deep" / "queue.sqlite3")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -512  # KiB: bench_memory
    finally:
        engine.dispose()


def test_references_are_short_unambiguous_and_unique() -> None:
    drawn = [new_reference() for _ in range(2000)]
    assert all(len(r) == LENGTH == 8 and set(r) <= set(ALPHABET) for r in drawn)
    assert all(is_reference(r) for r in drawn)
    assert len(set(drawn)) == len(drawn)
    assert not set(ALPHABET) & set("0O1IL2Z5S8BUVDQ")
    assert normalize("acef-ghjk ") == "ACEFGHJK" and not is_reference("ACEFGHJ0")


def test_a_reference_collision_is_drawn_again(
    submitter: Submitter, form: Form, sample: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    draws = iter(["ACEFGHJK", "ACEFGHJK", "ACEFGHJK", "MNPRTWXY"])
    monkeypatch.setattr("kiosk.storage.queue.new_reference", lambda: next(draws))
    first = submitter.queue_answers(form, "en", sample)
    second = submitter.queue_answers(form, "en", sample)
    assert (first.reference, second.reference) == ("ACEFGHJK", "MNPRTWXY")
    assert first.id != second.id
    assert submitter.queue.count() == 2 and submitter.queue.count("pending") == 2
    decoded = decode(second.qr_payload)
    assert not isinstance(decoded, str) and decoded[0].reference == "MNPRTWXY"  # signed anew
    stored = submitter.queue.get_by_reference("MNPRTWXY")
    assert stored is not None and stored.id == second.id


def test_invalid_answers_queue_nothing(
    submitter: Submitter, form: Form, sample: dict[str, Any]
) -> None:
    with pytest.raises(InvalidAnswers) as caught:
        submitter.queue_answers(form, "en", {**sample, "surname": "김", "phone": "12"})
    assert {p.field for p in caught.value.problems} == {"surname", "phone"}
    assert submitter.queue.count() == 0


PLAIN = (
    "MINJUN",
    "M12345678",
    "E98765432",
    "138 0013 8000",
    "13800138000",
    "139 2345 6789",
    "44030519800101002X",
    "minjun.kim@example.com",
    "Teheran-ro",
    "Wanxia Road",
)


def test_answers_are_stored_sealed(
    submitter: Submitter, data_dir: Path, form: Form, sample: dict[str, Any]
) -> None:
    # Long, unusual markers: a short one ("KIM") can turn up by chance in the base32 QR signature.
    sample = {**sample, "surname": "ZQWXMARKERSURNAME", "given_names": "VYQMARKERGIVEN"}
    queued = submitter.queue_answers(form, "ko", sample)
    submitter.close()  # checkpoint nothing: the WAL file is read as it is
    stored = b"".join(p.read_bytes() for p in sorted(data_dir.glob("queue.sqlite3*")))
    assert len(stored) > 4096
    for text in (sample["surname"], sample["phone"], *PLAIN):
        for encoded in {text.encode("utf-8"), text.encode("utf-16-le")}:
            assert encoded not in stored, f"{text!r} is stored in plain text"
    db = sqlite3.connect(data_dir / "queue.sqlite3")
    try:
        (box,) = db.execute(
            "SELECT sealed_answers FROM submissions WHERE id = ?", (queued.id,)
        ).fetchone()
    finally:
        db.close()
    office = load_private(data_dir / DEMO_PRIVATE_FILE, DEMO_PASSPHRASE)
    bound = binding(queued.id, queued.reference, "SK-LOBBY-1", FORM_ID, queued.created_at)
    document = json.loads(open_sealed(box, office, bound).decode("utf-8"))
    assert document == {
        "form": FORM_ID,
        "version": form.version,
        "lang": "ko",
        "answers": form.visible_answers(sample),
    }
    assert document["answers"]["surname"] == sample["surname"]
    with pytest.raises(SealError):
        open_sealed(box[:-1] + bytes([box[-1] ^ 1]), office, bound)
    with pytest.raises(SealError):  # the box is bound: without its record it does not open
        open_sealed(box, office)
    # The QR code signs the box's hash (K2).
    assert queued.qr_payload.startswith("K2:") and queued.qr_payload.split(":")[5] == box_hash(box)


def test_keys_are_owner_only(submitter: Submitter, data_dir: Path) -> None:
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for name in (KEY_FILE, DEMO_PRIVATE_FILE):
        assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o600


def test_the_local_head_constant_is_the_migrations_head(tmp_path: Path) -> None:
    """Start-up compares the queue file with LOCAL_HEAD and skips Alembic when they agree: the
    constant must name the newest script, and a file at an older revision still upgrades."""
    from kiosk.storage.db import sqlite_ddl_engine
    from kiosk.storage.migrate import LOCAL_HEAD, LOCAL_MIGRATIONS, head_revision, script_location, upgrade
    from kiosk.storage.queue import LocalQueue

    assert head_revision(script_location(*LOCAL_MIGRATIONS)) == LOCAL_HEAD
    path = tmp_path / "queue.sqlite3"
    engine = sqlite_ddl_engine(f"sqlite:///{path}")
    upgrade(engine, script_location(*LOCAL_MIGRATIONS), "0001")  # an old kiosk's file
    engine.dispose()
    LocalQueue(path).close()  # opening it upgrades it
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version_num FROM local_schema_version").fetchall() == [(LOCAL_HEAD,)]


def test_queues_opened_by_several_threads_at_once_all_migrate(tmp_path: Path) -> None:
    """Queues open lazily (after the first frame), so two may migrate at the same moment in one
    process; Alembic's context is process-global, so migrations take turns."""
    import threading

    from kiosk.storage.migrate import LOCAL_HEAD
    from kiosk.storage.queue import LocalQueue

    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def open_one(n: int) -> None:
        barrier.wait()
        try:
            LocalQueue(tmp_path / f"q{n}.sqlite3")
        except BaseException as exc:  # collected: the assertion below names it
            errors.append(exc)

    threads = [threading.Thread(target=open_one, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for n in range(8):
        with sqlite3.connect(tmp_path / f"q{n}.sqlite3") as db:
            assert db.execute("SELECT version_num FROM local_schema_version").fetchall() == [(LOCAL_HEAD,)]

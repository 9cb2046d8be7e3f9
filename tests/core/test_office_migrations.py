"""Office revisions on the SQLite demo office: an existing 0002 file keeps its rows and rules at
0003; at 0004 its audit log refuses UPDATE and DELETE (kept rows, new entries still added)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.office.migrate import office_head, upgrade_office

ROW = (
    "INSERT INTO submissions (id, reference, kiosk_id, form_id, form_version, lang, created_at,"
    " sealed_answers, status, status_reason) VALUES ('{id}', '{ref}', 'SK-1', 'dog-registration', 1,"
    " 'en', '2026-11-27 02:00:00', x'00', '{status}', 'photo missing')"
)


def nullable_columns(db: sqlite3.Connection) -> dict[str, bool]:
    return {row[1]: not row[3] for row in db.execute("PRAGMA table_info(submissions)")}


def test_a_0002_office_file_upgrades_to_0003(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    url = f"sqlite:///{path}"
    upgrade_office(url, "0002")
    with sqlite3.connect(path) as db:
        db.execute(ROW.format(id="00000000-0000-4000-8000-000000000001", ref="ACEFGHJK", status="rejected"))
        db.execute(
            "INSERT INTO submission_notes (submission_id, author, body)"
            " VALUES ('00000000-0000-4000-8000-000000000001', 'clerk', 'call back')"
        )
        assert "qr_payload" not in nullable_columns(db)
    upgrade_office(url, "0003")
    with sqlite3.connect(path) as db:
        assert nullable_columns(db)["qr_payload"] is True
        kept = db.execute("SELECT reference, status, status_reason, qr_payload FROM submissions")
        assert kept.fetchall() == [("ACEFGHJK", "rejected", "photo missing", None)]
        assert db.execute("SELECT version_num FROM office_schema_version").fetchall() == [("0003",)]
        # Not rebuilt (a table copy would cascade-delete the notes): notes, unique reference, check.
        assert db.execute("SELECT body FROM submission_notes").fetchall() == [("call back",)]
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(ROW.format(id="00000000-0000-4000-8000-000000000002", ref="ACEFGHJK", status="new"))
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(ROW.format(id="00000000-0000-4000-8000-000000000003", ref="BCDFGHJK", status="lost"))
    upgrade_office(url, "0003")  # already there: nothing to do


def test_a_0003_office_file_upgrades_to_an_append_only_audit_log(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    url = f"sqlite:///{path}"
    upgrade_office(url, "0003")
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO audit_log (actor, action, detail) VALUES ('clerk', 'open', 'before')")
        db.execute("UPDATE audit_log SET detail = 'changed'")  # still allowed at 0003
    upgrade_office(url, "0004")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version_num FROM office_schema_version").fetchall() == [("0004",)]
        db.execute("INSERT INTO audit_log (actor, action, detail) VALUES ('clerk', 'note', 'after')")
        db.commit()
        for statement in (
            "UPDATE audit_log SET detail = 'rewritten' WHERE id = 1",
            "UPDATE audit_log SET actor = 'nobody'",
            "DELETE FROM audit_log WHERE id = 1",
            "DELETE FROM audit_log",  # no truncate shortcut past the trigger
        ):
            with pytest.raises(sqlite3.IntegrityError, match="audit_log is append-only"):
                db.execute(statement)
        kept = db.execute("SELECT actor, action, detail FROM audit_log ORDER BY id").fetchall()
        assert kept == [("clerk", "open", "changed"), ("clerk", "note", "after")]
    upgrade_office(url, "0004")  # already there: nothing to do


def test_a_0004_office_file_upgrades_to_0005_with_a_key_history(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    url = f"sqlite:///{path}"
    upgrade_office(url, "0004")
    with sqlite3.connect(path) as db:
        db.execute(ROW.format(id="00000000-0000-4000-8000-000000000001", ref="ACEFGHJK", status="rejected"))
        db.execute("INSERT INTO kiosks (kiosk_id, public_key) VALUES ('SK-1', 'a2V5')")
        db.execute("INSERT INTO audit_log (actor, action) VALUES ('clerk', 'open')")
    upgrade_office(url)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version_num FROM office_schema_version").fetchall() == [(office_head(),)]
        assert db.execute("SELECT reference, status_reason FROM submissions").fetchall() == [
            ("ACEFGHJK", "photo missing")
        ]
        history = db.execute("SELECT kiosk_id, public_key, retired_at FROM kiosk_keys").fetchall()
        assert history == [("SK-1", "a2V5", None)]
        assert db.execute("SELECT actor, db_user FROM audit_log").fetchall() == [("clerk", None)]
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):  # triggers kept: no rebuild
            db.execute("DELETE FROM audit_log")


def test_the_office_purge_on_the_sqlite_demo(tmp_path: Path) -> None:
    import datetime as dt

    from kiosk.office.db import office_engine
    from kiosk.office.purge import purge_office

    path = tmp_path / "office.sqlite3"
    url = f"sqlite:///{path}"
    upgrade_office(url)
    with sqlite3.connect(path) as db:  # received 2026-11-27 (the default: the row's created time)
        for n, received in ((1, "2026-11-27 02:00:00"), (2, "2026-12-20 02:00:00")):
            sid = f"00000000-0000-4000-8000-00000000000{n}"
            db.execute(ROW.format(id=sid, ref="ACEFGHJK"[:-1] + "KM"[n - 1], status="new"))
            db.execute(f"UPDATE submissions SET received_at = '{received}' WHERE id = '{sid}'")
        db.execute(
            "INSERT INTO submission_notes (submission_id, author, body)"
            " VALUES ('00000000-0000-4000-8000-000000000001', 'clerk', 'call back')"
        )
    engine = office_engine(url)
    now = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    result = purge_office(engine, {"dog-registration": 30}, 90, "cli:test", now=lambda: now)
    engine.dispose()
    assert result.deleted == {"dog-registration": 1}
    with sqlite3.connect(path) as db:
        kept = db.execute("SELECT id FROM submissions").fetchall()
        assert kept == [("00000000-0000-4000-8000-000000000002",)]
        assert db.execute("SELECT count(*) FROM submission_notes").fetchall() == [(0,)]
        assert db.execute("SELECT action, detail FROM audit_log").fetchall() == [
            ("office_purged", "dog-registration: 1 older than 30 days (at 2027-01-01 00:00 UTC)")
        ]


def test_a_re_registered_kiosk_keeps_verifying_its_older_codes_on_the_sqlite_demo(tmp_path: Path) -> None:
    import datetime as dt

    from kiosk.crypto.keys import public_b64
    from kiosk.crypto.primitives import Ed25519PrivateKey
    from kiosk.office.db import office_engine
    from kiosk.office.keys import register_kiosk_key
    from kiosk.qrpayload import Payload, Verdict, encode, verify
    from kiosk.staff.registry import OfficeKeyRegistry

    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    upgrade_office(url)
    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    register_kiosk_key(url, "SK-1", public_b64(old.public_key()), None)
    # Keys are dated by the office database's clock, which `--today` does not move: date the code
    # by that clock too (5 minutes before the re-key), not by this process's.
    engine = office_engine(url)
    with engine.connect() as conn:
        office_now = dt.datetime.fromisoformat(str(conn.exec_driver_sql("SELECT CURRENT_TIMESTAMP").scalar()))
    made = office_now.replace(tzinfo=dt.UTC) - dt.timedelta(minutes=5)  # before the re-key
    code = encode(Payload("ACEFGHJK", "SK-1", "dog-registration", made), old)
    register_kiosk_key(url, "SK-1", public_b64(new.public_key()), None)
    registry = OfficeKeyRegistry(engine)
    assert verify(code, registry).verdict is Verdict.GENUINE  # ALTERED without the key history
    later = Payload("ACEFGHJK", "SK-1", "dog-registration", made + dt.timedelta(days=1))
    assert verify(encode(later, old), registry).verdict is Verdict.ALTERED  # retired since
    assert verify(encode(later, new), registry).verdict is Verdict.GENUINE
    register_kiosk_key(url, "SK-1", public_b64(old.public_key()), None)  # back to the old key
    registry.refresh()
    assert verify(encode(later, old), registry).verdict is Verdict.GENUINE  # current again
    assert verify(encode(later, new), registry).verdict is Verdict.ALTERED  # dated after its retirement
    earlier = Payload("CEFGHJKM", "SK-1", "dog-registration", made)
    assert verify(encode(earlier, new), registry).verdict is Verdict.GENUINE
    engine.dispose()

"""The staff console as a least-privilege staff role (`kiosk db grant-staff-role`): every console
action works end to end, and nothing more is allowed (no DELETE, no answers or codes rewritten,
no audit log rewritten, no account or kiosk-key management)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from kiosk.cli import main
from kiosk.office.db import office_engine
from kiosk.office.models import audit_log
from kiosk.office.roles import STAFF_FUNCTIONS, grant_kiosk_role, grant_staff_role
from kiosk.staff.accounts import SignInFailure, SignInRefused
from kiosk.staff.console import NotSignedIn, StaffConsole
from kiosk.staff.lookup import Outcome
from kiosk.staff.passwords import hash_password, needs_rehash
from kiosk.staff.records import CHINA_TIME
from kiosk.staff.reprint import ReprintSettings
from kiosk.staff.search import Criteria
from kiosk.staff.tables import staff_users
from kiosk.staff.workflow import WorkflowError
from tests.integration.pg import PgCluster
from tests.integration.staff_support import (
    ADMIN,
    ADMIN_PW,
    CLERK,
    CLERK_PW,
    PASSPHRASE,
    Desk,
    fresh_office,
    make_desk,
)
from tests.integration.sync_support import MARKER

if TYPE_CHECKING:
    from tests.integration.cups_fixture import CupsServer

ROLE = "staff_desk"
DENIED = psycopg.errors.InsufficientPrivilege


def as_role(url: str, role: str = ROLE) -> str:
    return url.replace("postgresql+psycopg://postgres@", f"postgresql+psycopg://{role}@")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, pg_cluster: PgCluster) -> Desk:
    """A staffed office whose role was a kiosk's first: the staff grants replace its grants."""
    desk = make_desk(tmp_path_factory.mktemp("desk"), fresh_office(pg_cluster))
    owner = office_engine(desk.url)
    grant_kiosk_role(owner, ROLE, "SK-DESK-1", password=None)
    grant_staff_role(owner, ROLE, password=None)
    grant_staff_role(owner, ROLE, password="s3cret'%")  # idempotent
    owner.dispose()
    return desk


@pytest.fixture
def staff_db(desk: Desk, pg_cluster: PgCluster) -> Iterator[psycopg.Connection]:
    """A plain connection as the staff role, for what the console never tries."""
    with psycopg.connect(pg_cluster.dsn(desk.url.rsplit("/", 1)[1], ROLE), autocommit=True) as conn:
        yield conn


def console(desk: Desk, printing: ReprintSettings | None = None) -> StaffConsole:
    return StaffConsole(as_role(desk.url), desk.key_path, printing=printing)


def test_the_console_works_end_to_end_as_the_staff_role(desk: Desk, tmp_path: Path) -> None:
    clerk = console(desk)
    with clerk.engine.connect() as conn:
        assert conn.execute(text("SELECT current_user")).scalar() == ROLE
    with pytest.raises(SignInRefused) as refused:  # a failure counted: UPDATE failed_attempts
        clerk.sign_in(CLERK, "not the password", PASSPHRASE)
    assert refused.value.reason is SignInFailure.BAD_CREDENTIALS
    clerk.sign_in(CLERK, CLERK_PW, PASSPHRASE)  # SELECT … FOR UPDATE, then the sign-in columns

    opened = clerk.scan(desk.synced[0].qr_payload + "\n")
    assert opened.outcome is Outcome.OPENED and opened.genuine
    assert {r.field_id: r.value_zh for r in opened.answers}["surname"] == MARKER
    info = opened.submission
    assert info is not None and info.status == "new"
    clerk.set_status(info, "in_progress")
    info = clerk.refresh(info.id)
    assert info is not None and info.assigned_to == CLERK
    clerk.set_status(info, "rejected", "photo missing")
    clerk.add_note(info.id, "visitor will come back Monday")
    info = clerk.refresh(info.id)
    assert info is not None and (info.status, info.status_reason) == ("rejected", "photo missing")
    assert [n.body for n in info.notes] == ["visitor will come back Monday"]

    unsynced = desk.unsynced
    assert unsynced is not None
    waiting = clerk.scan(unsynced.qr_payload)  # the kiosk's heartbeat, read through the policy
    assert waiting.outcome is Outcome.NOT_SYNCED and waiting.kiosk is not None
    assert waiting.kiosk.queue_depth == 1 and waiting.kiosk.last_seen is not None

    today = desk.synced[0].created_at.astimezone(CHINA_TIME).date()
    ref = desk.synced[1].reference
    assert [i.reference for i, _ in clerk.search(Criteria(reference=ref[:5]))] == [ref]
    found = clerk.search(Criteria(name="zqxmarker", day_from=today, day_to=today))
    assert [i.reference for i, _ in found] == [desk.synced[0].reference]
    _csv, _xlsx, count = clerk.export_day(today, tmp_path / "export")
    assert count == len(desk.synced)

    fleet = {k.kiosk_id: k for k in clerk.fleet()}
    assert set(fleet) == {"SK-DESK-1", "SK-DESK-2"}
    assert all(k.registered and k.active and k.last_seen is not None for k in fleet.values())
    assert [e.action for e in clerk.audit_log(submission_id=info.id)][:3] == ["note", "status", "status"]
    clerk.sign_out()
    clerk.close()

    admin = console(desk)
    admin.sign_in(ADMIN, ADMIN_PW, PASSPHRASE)
    admin.set_status(info, "in_progress")  # reopening (admins)
    actions = [(e.actor, e.action) for e in admin.audit_log(500)]
    assert (CLERK, "sign_in_failed") in actions and (CLERK, "export") in actions
    assert (CLERK, "fleet_view") in actions and actions[0] == (ADMIN, "status")
    admin.close()


def test_reprint_as_the_staff_role(desk: Desk, cups: CupsServer, tmp_path: Path) -> None:
    printing = ReprintSettings(cups.queue, "A4", spool_dir=tmp_path, timeout_s=30)
    clerk = console(desk, printing)
    clerk.sign_in(CLERK, CLERK_PW, PASSPHRASE)
    since = time.time() - 1
    result = clerk.reprint(desk.synced[2].id)  # reads qr_payload, checks it against kiosks
    assert result.printed and result.with_qr, result
    assert result.job_id is not None
    cups.find_output(result.job_id, f"reprint-{result.reference}", since).unlink()
    assert [e.action for e in clerk.audit_log(1, desk.synced[2].id)] == ["reprint"]
    clerk.close()


def test_kiosk_staff_show_as_the_staff_role(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_OFFICE_PASSPHRASE", PASSPHRASE)
    base = ["staff", "--url", as_role(desk.url), "--key", str(desk.key_path)]
    assert main([*base, "show", desk.synced[1].qr_payload]) == 0
    assert json.loads(capsys.readouterr().out)["outcome"] == "opened"
    assert main([*base, "audit", "--limit", "1"]) == 0
    assert " open " in capsys.readouterr().out  # audited as cli:<os user>


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM submissions",
        "TRUNCATE submissions",
        "INSERT INTO submissions (id, reference, kiosk_id, form_id, form_version, lang, created_at,"
        " sealed_answers) VALUES (gen_random_uuid(), 'ZZZZZZZZ', 'X', 'f', 1, 'en', now(), 'x')",
        "UPDATE submissions SET sealed_answers = 'x'",
        "UPDATE submissions SET qr_payload = 'K1:forged'",
        "UPDATE submissions SET reference = 'ZZZZZZZZ'",
        "UPDATE submissions SET kiosk_id = 'SK-EVIL', form_id = 'x', created_at = now()",
        "DELETE FROM submission_notes",
        "UPDATE submission_notes SET body = 'rewritten'",
        "INSERT INTO submission_notes (submission_id, author, body, created_at)"
        " SELECT id, 'x', 'backdated', now() - interval '1 year' FROM submissions LIMIT 1",
        "UPDATE audit_log SET detail = 'rewritten'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "INSERT INTO audit_log (actor, action, at) VALUES ('x', 'backdated', now() - interval '1 year')",
        "SELECT setval('audit_log_id_seq', 1)",
        "INSERT INTO kiosks (kiosk_id, public_key) VALUES ('SK-EVIL', 'x')",
        "UPDATE kiosks SET public_key = 'x'",
        "UPDATE kiosks SET active = false",
        "DELETE FROM kiosks",
        "SELECT registered_at FROM kiosks",
        "INSERT INTO heartbeats (kiosk_id, last_seen, queue_depth, printer_state, version)"
        " VALUES ('SK-EVIL', now(), 0, 'x', 'x')",
        "UPDATE heartbeats SET queue_depth = 0",
        "DELETE FROM heartbeats",
        "INSERT INTO staff_users (username, password_hash) VALUES ('mallory', 'x')",
        "UPDATE staff_users SET password_hash = 'x'",
        "UPDATE staff_users SET role = 'admin'",
        "UPDATE staff_users SET active = true",
        "DELETE FROM staff_users",
        "UPDATE office_schema_version SET version_num = '0001'",
        "CREATE TABLE loot (x int)",
    ],
)
def test_the_staff_role_may_do_nothing_else(staff_db: psycopg.Connection, statement: str) -> None:
    # Refused by the grants (not merely by the audit log's trigger, whose message differs).
    with pytest.raises(DENIED, match="permission denied"):
        staff_db.execute(statement.encode())


def test_what_the_staff_role_holds_exactly(staff_db: psycopg.Connection) -> None:
    where = " WHERE grantee = %s AND table_schema = 'public'"
    tables = staff_db.execute(
        "SELECT table_name, privilege_type FROM information_schema.role_table_grants" + where, (ROLE,)
    ).fetchall()
    read = ("submissions", "submission_notes", "attachments", "audit_log", "heartbeats",
            "office_schema_version")  # fmt: skip
    assert set(tables) == {(t, "SELECT") for t in read}  # nothing at all on staff_users
    columns = staff_db.execute(
        "SELECT table_name, column_name, privilege_type FROM information_schema.column_privileges" + where,
        (ROLE,),
    ).fetchall()
    assert {p for _, _, p in columns} == {"SELECT"}  # no column UPDATE or INSERT anywhere
    assert {c for t, c, p in columns if t == "kiosks"} == {"kiosk_id", "public_key", "label", "active"}
    assert {c for t, c, p in columns if t == "kiosk_keys"} == {"kiosk_id", "public_key", "retired_at"}
    assert not {t for t, _, _ in columns} & {"staff_users", "staff_sessions"}
    functions = staff_db.execute(
        "SELECT routine_name FROM information_schema.role_routine_grants"
        " WHERE grantee = %s AND privilege_type = 'EXECUTE'",
        (ROLE,),
    ).fetchall()
    assert {f for (f,) in functions} == {f.split("(")[0] for f in STAFF_FUNCTIONS}
    # One read-only policy on each table with row security (the kiosk ones it replaced are
    # gone): it sees every row.
    policies = staff_db.execute(
        "SELECT tablename, policyname, cmd FROM pg_policies WHERE %s = ANY(roles)", (ROLE,)
    ).fetchall()
    assert sorted(policies) == [
        ("attachments", f"attachment_{ROLE}", "SELECT"),
        ("heartbeats", f"heartbeat_{ROLE}", "SELECT"),
        ("submissions", f"submission_{ROLE}", "SELECT"),
    ]
    assert staff_db.execute("SELECT count(*) FROM heartbeats").fetchone() == (2,)
    assert staff_db.execute("SELECT count(*) FROM submissions").fetchone() == (3,)


def test_the_staff_role_cannot_read_hashes_nor_forge_entries_nor_unlock(
    desk: Desk, staff_db: psycopg.Connection
) -> None:
    """Issue 19: what the shared desk login could do before revision 0005, each refused now."""
    for statement in (
        "SELECT password_hash FROM staff_users",
        "SELECT username, failed_attempts FROM staff_users",
        f"UPDATE staff_users SET failed_attempts = 0, locked_until = NULL WHERE username = '{CLERK}'",
        "INSERT INTO audit_log (actor, action) VALUES ('admin.li', 'forged')",
        "UPDATE submissions SET status = 'done'",
        "INSERT INTO submission_notes (submission_id, author, body)"
        " SELECT id, 'admin.li', 'forged' FROM submissions LIMIT 1",
        "SELECT * FROM staff_sessions",
        "SELECT staff_session_user('x')",
    ):
        with pytest.raises(DENIED, match="permission denied"):
            staff_db.execute(statement.encode())
    # The functions give no hash, only the parameters and salt; a made-up token names nobody.
    params = staff_db.execute("SELECT staff_sign_in_salt(%s)", (CLERK,)).fetchone()
    assert params is not None and params[0].count("$") == 4
    owner = office_engine(desk.url)
    with owner.connect() as conn:
        stored = conn.execute(select(staff_users.c.password_hash).where(staff_users.c.username == CLERK))
        assert stored.scalar_one().startswith(params[0] + "$")  # the digest stays inside
    owner.dispose()
    for call in (
        "SELECT staff_audit('forged-token', 'open', NULL, 'x')",
        "SELECT staff_set_status('forged-token', gen_random_uuid(), 'new', 'in_progress', NULL)",
        "SELECT staff_add_note('forged-token', gen_random_uuid(), 'x')",
    ):
        with pytest.raises(DENIED, match="not signed in"):
            staff_db.execute(call.encode())
    # A digest for a wrong password counts as a failure and writes the entry itself.
    assert staff_db.execute("SELECT outcome FROM staff_sign_in(%s, 'AAAA')", (CLERK,)).fetchone() == (
        "bad-credentials",
    )
    # Without a session, an entry names the database login, not a person it chose.
    staff_db.execute("SELECT staff_audit(NULL, 'probe', NULL, NULL)")
    last = staff_db.execute("SELECT actor, action, db_user FROM audit_log ORDER BY id DESC LIMIT 2")
    assert last.fetchall() == [(f"db:{ROLE}", "probe", ROLE), (CLERK, "sign_in_failed", ROLE)]


def test_status_and_notes_name_the_signed_in_user(desk: Desk) -> None:
    clerk = console(desk)
    user = clerk.sign_in(CLERK, CLERK_PW, PASSPHRASE)
    assert user.token and user.role == "staff"
    info = clerk.refresh(desk.synced[1].id)
    assert info is not None
    clerk.set_status(info, "in_progress")
    clerk.add_note(info.id, "  checked the photo  ")
    with pytest.raises(WorkflowError, match="changed meanwhile"):
        clerk.set_status(info, "in_progress")  # `info` still says "new"
    entries = [(e.actor, e.action, e.detail) for e in clerk.audit_log(submission_id=info.id)][:2]
    assert entries == [(CLERK, "note", "17 characters"), (CLERK, "status", "new -> in_progress")]
    fresh = clerk.refresh(info.id)
    assert fresh is not None and fresh.assigned_to == CLERK
    assert [n.author for n in fresh.notes][-1] == CLERK
    clerk.sign_out()
    with pytest.raises(NotSignedIn):
        clerk.set_status(fresh, "done")
    with clerk.engine.begin() as conn, pytest.raises(DBAPIError, match="not signed in"):
        done = text("SELECT staff_set_status(:t, :i, 'in_progress', 'done', NULL)")
        conn.execute(done, {"t": user.token, "i": info.id})
    clerk.close()


def test_sign_in_keeps_an_old_hash_for_the_owner_to_upgrade(desk: Desk) -> None:
    owner = office_engine(desk.url)
    old = hash_password(CLERK_PW, log2_n=14)  # made with weaker parameters than today's
    assert needs_rehash(old)
    with owner.begin() as conn:
        conn.execute(staff_users.update().where(staff_users.c.username == CLERK).values(password_hash=old))
    clerk = console(desk)
    clerk.sign_in(CLERK, CLERK_PW, PASSPHRASE)  # the staff role may not rewrite hashes
    clerk.close()
    query = select(staff_users.c.password_hash).where(staff_users.c.username == CLERK)
    with owner.connect() as conn:
        assert conn.execute(query).scalar() == old
    StaffConsole(desk.url, desk.key_path, engine=owner).sign_in(CLERK, CLERK_PW, PASSPHRASE)
    with owner.connect() as conn:
        assert not needs_rehash(conn.execute(query).scalar_one())
    owner.dispose()


def test_account_management_stays_with_the_owner(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_STAFF_PASSWORD", "a long password 3")
    for url, code in ((as_role(desk.url), 1), (desk.url, 0)):
        assert main(["staff", "--url", url, "add-user", "clerk.zhao"]) == code
        assert main(["staff", "--url", url, "set-password", "clerk.zhao"]) == code
        assert main(["staff", "--url", url, "disable", "clerk.zhao"]) == code
    assert "permission denied" in capsys.readouterr().err


def test_grant_staff_role_command(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    base = ["db", "grant-staff-role", "--url", desk.url]
    assert main([*base, "--role", "staff_cli", "--no-password"]) == 0
    monkeypatch.setenv("KIOSK_ROLE_PASSWORD", "a role password")
    assert main([*base, "--role", "staff_cli"]) == 0
    assert main([*base, "--role", "Bad-Name"]) == 2
    engine = office_engine(as_role(desk.url, "staff_cli"))
    with engine.connect() as conn:
        assert conn.execute(select(audit_log.c.id).limit(1)).first() is not None
    engine.dispose()

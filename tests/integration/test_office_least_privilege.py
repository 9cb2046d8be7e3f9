"""Issue 19 at the office database (revision 0005): a kiosk role writes only its own, checked rows;
references are unique per kiosk and a cross-kiosk duplicate opens the right record; a replaced
kiosk key still verifies the codes it signed before; the office purge keeps the consent promise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from sqlalchemy import select

from kiosk.cli import main
from kiosk.crypto.keys import public_b64
from kiosk.crypto.office import PRIVATE_FILE, init_office_keys
from kiosk.crypto.primitives import Ed25519PrivateKey
from kiosk.office.db import office_engine
from kiosk.office.keys import register_kiosk_key
from kiosk.office.migrate import OFFICE_MIGRATIONS, office_head, upgrade_office
from kiosk.office.models import audit_log, kiosk_keys
from kiosk.office.purge import purge_office
from kiosk.office.roles import grant_kiosk_role, grant_staff_role
from kiosk.qrpayload import Payload, Verdict, encode, verify
from kiosk.staff.accounts import add_user
from kiosk.staff.console import StaffConsole
from kiosk.staff.lookup import Outcome
from kiosk.storage.migrate import alembic_config, script_location
from kiosk.storage.queue import Queued
from kiosk.submit import Submitter
from kiosk.sync import SyncWorker
from tests.integration.pg import PgCluster
from tests.integration.sync_support import answers, form, kiosk_config

# Staff-typed text naming a visitor, in plain text on purpose (not the sync tests' MARKER, which
# they search the whole shared cluster's files for).
VISITOR = "ZQXSTAFFTYPEDNAME"

PASSPHRASE = "a long office passphrase"
CLERK, CLERK_PW = "clerk.wang", "clerk password 1"
DENIED = psycopg.errors.InsufficientPrivilege
CHECK = psycopg.errors.CheckViolation
ROW = (
    "INSERT INTO submissions (id, reference, kiosk_id, form_id, form_version, lang, created_at,"
    " sealed_answers{extra_columns}) VALUES (gen_random_uuid(), %(ref)s, %(kiosk)s, %(form)s,"
    " 1, 'en', {created}, 'sealed'{extra_values})"
)


def as_role(url: str, role: str) -> str:
    return url.replace("postgresql+psycopg://postgres@", f"postgresql+psycopg://{role}@")


def dbname(url: str) -> str:
    return url.rsplit("/", 1)[1]


def row(
    ref: str = "ACEFGHJK",
    kiosk: str = "SK-ONE",
    created: str = "now()",
    form_id: str = "temporary-residence",
    **extra: str,
) -> str:
    """An INSERT of a plausible row (literals only: run as a kiosk role or the owner)."""
    return ROW.format(
        extra_columns="".join(f", {k}" for k in extra),
        extra_values="".join(f", {v}" for v in extra.values()),
        created=created,
    ) % {"ref": f"'{ref}'", "kiosk": f"'{kiosk}'", "form": f"'{form_id}'"}


@pytest.fixture
def kiosk_db(office_url: str, pg_cluster: PgCluster) -> Iterator[psycopg.Connection]:
    owner = office_engine(office_url)
    grant_kiosk_role(owner, "kiosk_one", "SK-ONE", password=None)
    owner.dispose()
    pg_cluster.execute(row("CEFGHJKM", "SK-TWO"), dbname(office_url))  # another kiosk's row
    with psycopg.connect(pg_cluster.dsn(dbname(office_url), "kiosk_one"), autocommit=True) as conn:
        yield conn


def test_a_kiosk_role_inserts_only_its_own_checked_rows(kiosk_db: psycopg.Connection) -> None:
    kiosk_db.execute(row().encode())  # its own kiosk, a good reference, the columns a kiosk sends
    assert len(kiosk_db.execute("SELECT id FROM submissions").fetchall()) == 1  # not SK-TWO's
    refused = {
        row(kiosk="SK-TWO", ref="EFGHJKMN"): (DENIED, "row-level security"),
        row(ref="EFGHJKMN", status="'done'"): (DENIED, "permission denied"),
        row(ref="EFGHJKMN", status_reason="'x'"): (DENIED, "permission denied"),
        row(ref="EFGHJKMN", assigned_to="'x'"): (DENIED, "permission denied"),
        row(ref="EFGHJKMN", received_at="now() - interval '1 year'"): (DENIED, "permission denied"),
        row(ref="BBBBBBBB"): (CHECK, "ck_submissions_reference"),  # B is not in the alphabet
        row(ref="acefghjk"): (CHECK, "ck_submissions_reference"),
        row(ref="ACEFGHJ"): (CHECK, "ck_submissions_reference"),
        row(ref="EFGHJKMN", kiosk="sk-one"): (DENIED, "row-level security"),
        row(ref="EFGHJKMN", created="now() + interval '2 days'"): (CHECK, "ck_submissions_created_at"),
        row(ref="EFGHJKMN", created="now() - interval '500 days'"): (CHECK, "ck_submissions_created_at"),
        row(): (psycopg.errors.UniqueViolation, "uq_submissions_kiosk_id_reference"),
    }
    for statement, (error, message) in refused.items():
        with pytest.raises(error, match=message):
            kiosk_db.execute(statement.encode())
    # A backlog a week old and a clock a few hours fast are still accepted.
    kiosk_db.execute(row(ref="FGHJKMNP", created="now() - interval '7 days'").encode())
    kiosk_db.execute(row(ref="GHJKMNPR", created="now() + interval '3 hours'").encode())
    for statement in (
        "UPDATE submissions SET kiosk_id = 'SK-TWO'",
        "SELECT staff_audit(NULL, 'x', NULL, NULL)",  # no staff function either
    ):
        with pytest.raises(DENIED):
            kiosk_db.execute(statement.encode())


def _kiosk(folder: Path, kiosk_id: str, url: str, office_public: Path) -> Submitter:
    config = kiosk_config(folder, kiosk_id, url)
    return Submitter(type(config)(**{**config.__dict__, "office_public_key": office_public}))


def _sync(submitter: Submitter, url: str) -> None:
    worker = SyncWorker(submitter.queue, url)
    report = worker.sync_once()
    worker.stop()
    assert (report.sent, report.quarantined, report.failure) == (1, 0, None), report


def test_a_reference_two_kiosks_drew_opens_each_ones_own_record(
    office_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _private, public = init_office_keys(tmp_path / "office-keys", PASSPHRASE)
    owner = office_engine(office_url)
    monkeypatch.setattr("kiosk.storage.queue.new_reference", lambda: "ACEFGHJK")  # both draw it
    made: dict[str, Queued] = {}
    for number, kiosk_id in ((1, "SK-A"), (2, "SK-B")):
        grant_kiosk_role(owner, f"kiosk_{number}", kiosk_id, password=None)
        submitter = _kiosk(tmp_path / kiosk_id, kiosk_id, office_url, public)
        register_kiosk_key(office_url, kiosk_id, public_b64(submitter.signing_key.public_key()), None)
        made[kiosk_id] = submitter.queue_answers(form(), "en", answers(f"PERSON{'AB'[number - 1]}"))
        _sync(submitter, as_role(office_url, f"kiosk_{number}"))  # delivered, not quarantined
        submitter.close()
    with owner.connect() as conn:
        alerts = conn.execute(select(audit_log).where(audit_log.c.action == "reference_duplicate")).all()
    assert [(a.actor, str(a.submission_id), a.db_user) for a in alerts] == [
        ("office", made["SK-B"].id, "kiosk_2")
    ]
    assert alerts[0].detail == "ref=ACEFGHJK from SK-B, also from SK-A"

    grant_staff_role(owner, "desk", password=None)
    add_user(owner, CLERK, CLERK_PW, "staff", "test")
    owner.dispose()
    clerk = StaffConsole(as_role(office_url, "desk"), tmp_path / "office-keys" / PRIVATE_FILE)
    clerk.sign_in(CLERK, CLERK_PW, PASSPHRASE)
    for kiosk_id, queued in made.items():
        opened = clerk.scan(queued.qr_payload)
        assert opened.outcome is Outcome.OPENED and opened.submission is not None
        assert (opened.submission.id, opened.submission.kiosk_id) == (queued.id, kiosk_id)
        surname = {r.field_id: r.value_zh for r in opened.answers}["surname"]
        assert surname == f"PERSON{'AB'[int(kiosk_id == 'SK-B')]}"
    typed = clerk.scan("ACEF-GHJK")  # a reference alone could be either visitor's
    assert typed.outcome is Outcome.MISMATCH and not typed.answers and typed.submission is None
    assert "SK-A, SK-B" in typed.detail and "scan the QR code" in typed.detail
    clerk.close()


def test_a_replaced_kiosk_key_still_verifies_what_it_signed_before(office_url: str, tmp_path: Path) -> None:
    _private, public = init_office_keys(tmp_path / "office-keys", PASSPHRASE)
    submitter = _kiosk(tmp_path / "kiosk", "SK-KEY", office_url, public)
    old_key = submitter.signing_key
    register_kiosk_key(office_url, "SK-KEY", public_b64(old_key.public_key()), "lobby")
    queued = submitter.queue_answers(form(), "en", answers())
    _sync(submitter, office_url)
    submitter.close()
    new_key = Ed25519PrivateKey.generate()  # the kiosk was reinstalled: a new key registered
    register_kiosk_key(office_url, "SK-KEY", public_b64(new_key.public_key()), "lobby")

    owner = office_engine(office_url)
    add_user(owner, CLERK, CLERK_PW, "admin", "test")
    with owner.connect() as conn:
        history = conn.execute(select(kiosk_keys.c.public_key, kiosk_keys.c.retired_at)).all()
    owner.dispose()
    retired = {k: at for k, at in history}
    assert retired[public_b64(new_key.public_key())] is None
    retired_at = retired[public_b64(old_key.public_key())]
    assert retired_at is not None

    clerk = StaffConsole(office_url, tmp_path / "office-keys" / PRIVATE_FILE)
    clerk.sign_in(CLERK, CLERK_PW, PASSPHRASE)
    opened = clerk.scan(queued.qr_payload)  # was ALTERED before the key history
    assert opened.outcome is Outcome.OPENED and opened.genuine
    later = (retired_at + dt.timedelta(hours=1)).replace(microsecond=0)
    after = Payload("CEFGHJKM", "SK-KEY", form().id, later)
    assert verify(encode(after, new_key), clerk.registry).verdict is Verdict.GENUINE
    # The retired key cannot sign anything dated after its retirement.
    assert verify(encode(after, old_key), clerk.registry).verdict is Verdict.ALTERED
    assert verify(encode(after, Ed25519PrivateKey.generate()), clerk.registry).verdict is Verdict.ALTERED
    actions = [e.action for e in clerk.audit_log(50)]
    assert actions.count("kiosk_registered") == 1 and actions.count("kiosk_key_replaced") == 1
    clerk.close()


def test_the_office_purge_deletes_what_is_past_its_forms_retention(
    office_url: str, pg_cluster: PgCluster
) -> None:
    now = dt.datetime(2031, 6, 1, 12, tzinfo=dt.UTC)  # injected: nothing here depends on today
    db = dbname(office_url)
    rows = (  # reference, form, days before `now`; "old-form" is not installed: 90 days
        ("ACEFGHJK", "temporary-residence", 40),
        ("CEFGHJKM", "temporary-residence", 20),
        ("EFGHJKMN", "temporary-residence", 400),
        ("FGHJKMNP", "old-form", 80),
        ("GHJKMNPR", "old-form", 100),
    )
    for ref, form_id, days_ago in rows:
        received = f"'{(now - dt.timedelta(days=days_ago)).isoformat()}'::timestamptz"
        extra = {"received_at": received}
        if ref == "ACEFGHJK":  # rejected with a reason naming the visitor
            extra |= {"status": "'rejected'", "status_reason": f"'photo of {VISITOR} missing'"}
        pg_cluster.execute(row(ref, created=received, form_id=form_id, **extra), db)
    pg_cluster.execute(
        "INSERT INTO submission_notes (submission_id, author, body)"
        f" SELECT id, 'clerk', 'called {VISITOR}' FROM submissions WHERE reference = 'ACEFGHJK'",
        db,
    )
    engine = office_engine(office_url)
    result = purge_office(engine, {"temporary-residence": 30}, 90, "cli:it", now=lambda: now)
    engine.dispose()
    assert result.deleted == {"old-form": 1, "temporary-residence": 2}
    kept = pg_cluster.execute("SELECT reference FROM submissions ORDER BY reference", db)
    assert kept == [("CEFGHJKM",), ("FGHJKMNP",)]
    assert pg_cluster.execute("SELECT count(*) FROM submission_notes", db) == [(0,)]
    entries = pg_cluster.execute("SELECT actor, action, detail FROM audit_log", db)
    assert entries == [
        (
            "cli:it",
            "office_purged",
            "old-form: 1 older than 90 days, temporary-residence: 2 older than 30 days"
            " (at 2031-06-01 12:00 UTC)",
        )
    ]
    pg_cluster.execute("CHECKPOINT")
    assert not any(VISITOR in str(v) for r in pg_cluster.execute("SELECT * FROM audit_log", db) for v in r)


def test_purge_office_command(office_url: str, pg_cluster: PgCluster, tmp_path: Path) -> None:
    long_ago = "'2020-01-01T00:00:00+00:00'::timestamptz"  # past any retention, whatever today is
    pg_cluster.execute(row(created=long_ago, received_at=long_ago), dbname(office_url))
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{tmp_path}"\nkiosk_id = "SK-CLI"\n')
    base = ["--config", str(config), "db", "purge-office", "--url", office_url]
    assert main([*base, "--older-than-days", "0"]) == 2
    assert main(base) == 0
    assert pg_cluster.execute("SELECT count(*) FROM submissions", dbname(office_url)) == [(0,)]


def test_0005_downgrades_and_upgrades_again(office_url: str, pg_cluster: PgCluster) -> None:
    engine = office_engine(office_url)
    try:
        with engine.connect() as connection:
            command.downgrade(alembic_config(script_location(*OFFICE_MIGRATIONS), connection), "0004")
            connection.commit()
    finally:
        engine.dispose()
    db = dbname(office_url)
    assert pg_cluster.execute("SELECT count(*) FROM pg_proc WHERE proname LIKE 'staff_%'", db) == [(0,)]
    pg_cluster.execute(row(), db)
    upgrade_office(office_url)
    assert pg_cluster.execute("SELECT version_num FROM office_schema_version", db) == [(office_head(),)]
    with pytest.raises(psycopg.errors.UniqueViolation):  # the same kiosk may not reuse it
        pg_cluster.execute(row(), db)
    pg_cluster.execute(row(kiosk="SK-TWO"), db)  # another kiosk may


def test_upgrading_to_0005_revokes_the_old_broad_grants(pg_cluster: PgCluster) -> None:
    url = pg_cluster.create_database("office_grants_0004")
    upgrade_office(url, "0004")
    db = dbname(url)
    for statement in (
        "DROP ROLE IF EXISTS old_desk",
        "DROP ROLE IF EXISTS old_kiosk",
        "CREATE ROLE old_desk LOGIN",
        "CREATE ROLE old_kiosk LOGIN",
        "GRANT SELECT ON staff_users TO old_desk",
        "GRANT UPDATE (failed_attempts, locked_until) ON staff_users TO old_desk",
        "GRANT INSERT (actor, action) ON audit_log TO old_desk",
        "GRANT UPDATE (status) ON submissions TO old_desk",
        "GRANT INSERT ON submissions TO old_kiosk",
    ):
        pg_cluster.execute(statement, db)
    upgrade_office(url)
    held = pg_cluster.execute(
        "SELECT has_table_privilege('old_desk', 'staff_users', 'SELECT'),"
        " has_column_privilege('old_desk', 'staff_users', 'failed_attempts', 'UPDATE'),"
        " has_column_privilege('old_desk', 'audit_log', 'actor', 'INSERT'),"
        " has_column_privilege('old_desk', 'submissions', 'status', 'UPDATE'),"
        " has_column_privilege('old_kiosk', 'submissions', 'status', 'INSERT'),"
        " has_function_privilege('old_desk', 'staff_sign_in(text, text)', 'EXECUTE')",
        db,
    )
    assert held == [(False,) * 6]  # fail closed: re-run the grant commands after the upgrade

"""The staff console core against a real PostgreSQL: sign-in, scans, work, search, export, audit."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import qrcode
from openpyxl import load_workbook
from sqlalchemy import select

from kiosk.cli import main
from kiosk.office.models import audit_log, kiosks
from kiosk.staff import accounts
from kiosk.staff.accounts import SignInFailure, SignInRefused
from kiosk.staff.console import NotSignedIn, StaffConsole
from kiosk.staff.lookup import Outcome
from kiosk.staff.records import CHINA_TIME
from kiosk.staff.search import Criteria, SearchError
from kiosk.staff.wedge import InputKind, parse
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


@pytest.fixture
def desk(tmp_path: Path, office_url: str) -> Desk:
    """A fresh office, for tests that change accounts or statuses."""
    return make_desk(tmp_path, office_url)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory, pg_cluster: PgCluster) -> Desk:
    """One office for the tests that only read (saves ~2 s of set-up per test)."""
    return make_desk(tmp_path_factory.mktemp("desk"), fresh_office(pg_cluster))


@pytest.fixture
def clerk(shared: Desk) -> Iterator[StaffConsole]:
    console = shared.console()
    console.sign_in(CLERK, CLERK_PW, PASSPHRASE)
    yield console
    console.close()


def actions(console: StaffConsole) -> list[tuple[str, str]]:
    with console.engine.connect() as conn:
        rows = conn.execute(select(audit_log.c.actor, audit_log.c.action).order_by(audit_log.c.id))
        return [(a, b) for a, b in rows]


def test_wedge_picks_the_code_out_of_stray_keys() -> None:
    code = "K1:ACEFGHJK:SK-1:TEMPORARY-RESIDENCE:T0ABCD:ABCDEFGH234567AB"
    assert parse(f"xx{code}\r").text == code
    assert parse(code.lower()).text == code  # caps lock
    assert parse(f"{code[:10]}{code}").text == code  # an interrupted scan before the real one
    tricky = code.replace("ACEFGHJK", "ACEFGHK3")  # "K3:" inside the code is no code start
    assert parse(tricky).text == tricky
    assert parse(" acef-ghjk ").kind is InputKind.REFERENCE
    assert parse("q ACEFGHJK").text == "ACEFGHJK"
    assert parse("hello").kind is InputKind.NOTHING


def test_sign_in_lock_out_and_wrong_office_key(desk: Desk) -> None:
    console = desk.console()
    with pytest.raises(NotSignedIn):
        console.scan(desk.synced[0].qr_payload)
    with pytest.raises(SignInRefused) as refused:
        console.sign_in(CLERK, CLERK_PW, "wrong passphrase!")
    assert refused.value.reason is SignInFailure.BAD_OFFICE_KEY and console.user is None
    for _ in range(accounts.MAX_FAILURES - 1):
        with pytest.raises(SignInRefused) as refused:
            console.sign_in(CLERK, "not the password", PASSPHRASE)
        assert refused.value.reason is SignInFailure.BAD_CREDENTIALS
    with pytest.raises(SignInRefused) as refused:
        console.sign_in(CLERK, "not the password", PASSPHRASE)
    assert refused.value.reason is SignInFailure.LOCKED
    with pytest.raises(SignInRefused) as refused:  # locked: even the right password is refused
        console.sign_in(CLERK, CLERK_PW, PASSPHRASE)
    assert refused.value.reason is SignInFailure.LOCKED
    with pytest.raises(SignInRefused):  # a password typed in the name box never reaches the log
        console.sign_in("Hunter2-secret", "whatever password", PASSPHRASE)
    accounts.set_password(console.engine, CLERK, "a new password 2", ADMIN)  # unlocks
    assert console.sign_in(CLERK, "a new password 2", PASSPHRASE).role == "staff"
    names = [a for _, a in actions(console)]
    assert all("Hunter2" not in actor for actor, _ in actions(console))
    assert (accounts.UNKNOWN_ACTOR, "sign_in_failed") in actions(console)
    assert names.count("sign_in_failed") == 6 and "account_locked" in names and "sign_in_locked" in names
    assert names[-1] == "sign_in" and "office_key_failed" in names
    console.close()


def test_scan_opens_answers_in_form_order_with_both_labels(shared: Desk, clerk: StaffConsole) -> None:
    result = clerk.scan(shared.synced[0].qr_payload + "\n")
    assert result.outcome is Outcome.OPENED and result.genuine
    rows = {r.field_id: r for r in result.answers}
    assert [r.field_id for r in result.answers][:3] == ["surname", "given_names", "sex"]
    assert rows["surname"].value_zh == MARKER and rows["surname"].label_en == "Surname"
    assert rows["surname"].label_zh == "英文姓"
    assert (rows["sex"].value_zh, rows["sex"].value_en) == ("男", "Male")
    assert result.submission is not None and result.submission.lang == "ko"
    assert set(result.timings_ms) == {"decode", "verify", "fetch", "open"}
    assert (CLERK, "open") in actions(clerk)


def test_forged_altered_and_unknown_codes_are_refused(shared: Desk, clerk: StaffConsole) -> None:
    code = shared.synced[0].qr_payload
    altered = code.replace(shared.synced[0].reference, shared.synced[1].reference)
    result = clerk.scan(altered)
    assert result.outcome is Outcome.FORGED and result.verdict == "altered" and not result.answers
    unknown = clerk.scan(code.replace("SK-DESK-1", "SK-EVIL-9"))
    assert unknown.outcome is Outcome.FORGED and unknown.verdict == "unknown-signer"
    assert [a for _, a in actions(clerk)].count("scan_rejected") == 2


def test_unsynced_reference_says_which_kiosk_holds_it(shared: Desk, clerk: StaffConsole) -> None:
    assert shared.unsynced is not None
    result = clerk.scan(shared.unsynced.qr_payload)
    assert result.outcome is Outcome.NOT_SYNCED and result.genuine
    assert result.kiosk is not None and result.kiosk.kiosk_id == "SK-DESK-2"
    assert result.kiosk.queue_depth == 1 and result.kiosk.last_seen is not None
    assert clerk.scan("ACEFGHJK").outcome is Outcome.NOT_FOUND


def test_status_flow_notes_and_reopen_is_admin_only(desk: Desk) -> None:
    clerk = desk.console()
    clerk.sign_in(CLERK, CLERK_PW, PASSPHRASE)
    info = clerk.scan(desk.synced[0].reference).submission
    assert info is not None and info.status == "new"
    clerk.set_status(info, "in_progress")
    with pytest.raises(WorkflowError):  # stale: someone (here: we) moved it meanwhile
        clerk.set_status(info, "in_progress")
    info = clerk.refresh(info.id)
    assert info is not None and info.assigned_to == CLERK
    with pytest.raises(WorkflowError):
        clerk.set_status(info, "rejected", "  ")
    clerk.set_status(info, "rejected", "photo missing")
    clerk.add_note(info.id, "visitor will come back Monday")
    info = clerk.refresh(info.id)
    assert info is not None and info.status_reason == "photo missing" and len(info.notes) == 1
    with pytest.raises(WorkflowError):
        clerk.set_status(info, "in_progress")  # reopening: admins only
    admin = desk.console()
    admin.sign_in(ADMIN, ADMIN_PW, PASSPHRASE)
    admin.set_status(info, "in_progress")
    entries = admin.audit_log(submission_id=info.id)
    assert [e.action for e in reversed(entries)] == ["open", "status", "status", "note", "status"]
    # No free text in the append-only log: the reason and the note are counted, not copied.
    assert not any("photo missing" in (e.detail or "") or "Monday" in (e.detail or "") for e in entries)
    assert any(e.detail == "in_progress -> rejected (reason: 13 characters)" for e in entries)
    with pytest.raises(PermissionError):
        clerk.audit_log()
    admin.close()
    # A deactivated kiosk's codes stop verifying (at once after a refresh; else within 60 s).
    with clerk.engine.begin() as conn:
        conn.execute(kiosks.update().where(kiosks.c.kiosk_id == "SK-DESK-1").values(active=False))
    clerk.registry.refresh()
    assert clerk.scan(desk.synced[0].qr_payload).verdict == "unknown-signer"
    clerk.close()


def test_search_by_reference_form_day_and_name(shared: Desk, clerk: StaffConsole) -> None:
    today = shared.synced[0].created_at.astimezone(CHINA_TIME).date()
    ref = shared.synced[1].reference
    assert [i.reference for i, _ in clerk.search(Criteria(reference=ref[:5]))] == [ref]
    assert len(clerk.search(Criteria(form_id="temporary-residence", day_from=today, day_to=today))) == 3
    assert (
        clerk.search(Criteria(day_from=today + dt.timedelta(days=1), day_to=today + dt.timedelta(days=2)))
        == []
    )
    found = clerk.search(Criteria(name="zqxmarker minjun", day_from=today, day_to=today))
    assert [(i.reference, name) for i, name in found] == [(shared.synced[0].reference, f"{MARKER} MINJUN")]
    with pytest.raises(SearchError):
        clerk.search(Criteria(name="kim"))  # a name search needs a date range
    with clerk.engine.connect() as conn:
        detail = (
            conn.execute(select(audit_log.c.detail).where(audit_log.c.action == "search")).scalars().all()
        )
    assert not any("ZQX" in d.upper() for d in detail)  # the name looked for is not logged


def test_export_of_a_day_csv_and_xlsx(shared: Desk, clerk: StaffConsole, tmp_path: Path) -> None:
    today = shared.synced[0].created_at.astimezone(CHINA_TIME).date()
    csv_path, xlsx_path, count = clerk.export_day(today, tmp_path / "export")
    assert count == 3 and oct(csv_path.stat().st_mode & 0o777) == "0o600"
    rows = list(csv.reader(csv_path.open(encoding="utf-8-sig")))
    assert rows[0][0] == "编号 Reference" and "英文姓 Surname" in rows[0] and len(rows) == 4
    sheet = load_workbook(xlsx_path).active
    assert (
        sheet is not None
        and sheet.max_row == 4
        and MARKER in [c.value for c in sheet[2]] + [c.value for r in sheet.iter_rows(min_row=2) for c in r]
    )
    assert (CLERK, "export") in actions(clerk)


def test_show_command_prints_json_with_the_verdict(
    shared: Desk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("KIOSK_OFFICE_PASSPHRASE", PASSPHRASE)
    base = ["staff", "--url", shared.url, "--key", str(shared.key_path), "show"]
    assert main([*base, shared.synced[0].qr_payload]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["verdict"] == "genuine" and shown["answers"][0]["value_zh"] == MARKER
    code = shared.synced[0].qr_payload
    middle = len(code) - 20  # inside the signature; its last characters may be padding bits
    forged = code[:middle] + ("B" if code[middle] != "B" else "C") + code[middle + 1 :]
    assert main([*base, forged]) == 1
    assert json.loads(capsys.readouterr().out)["outcome"] == "forged"
    image = tmp_path / "scan.png"
    qrcode.make(shared.synced[1].qr_payload).save(image)
    assert main([*base, str(image)]) == 0
    assert json.loads(capsys.readouterr().out)["submission"]["reference"] == shared.synced[1].reference
    assert main([*base, "nothing here"]) == 2
    assert shared.kiosk_folder is not None
    pdf = next((shared.kiosk_folder / "printed").glob("*.pdf"), None)
    assert pdf is None  # queue_answers renders nothing: no answers in clear on the kiosk disk


def test_a_kiosk_role_cannot_read_staff_accounts(desk: Desk, pg_cluster: PgCluster) -> None:
    import psycopg

    from kiosk.office.db import office_engine
    from kiosk.office.roles import grant_kiosk_role

    admin = office_engine(desk.url)
    grant_kiosk_role(admin, "kiosk_desk", "SK-DESK-1", password=None)
    admin.dispose()
    dsn = pg_cluster.dsn(desk.url.rsplit("/", 1)[1], "kiosk_desk")
    with psycopg.connect(dsn, autocommit=True) as conn:
        for statement in ("SELECT * FROM staff_users", "SELECT status_reason FROM submissions"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement.encode())

"""Reprint at the office (issue 7): the whole form again through the real cups-pdf queue, its QR
read back with zxing-cpp and verified; the spool file gone; every attempt audited; rows synced
before office revision 0003 (no signed code) reprinted without a QR; the 0002 → 0003 upgrade."""

from __future__ import annotations

import datetime as dt
import json
import stat
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import inspect, select

from kiosk.crypto.keys import public_b64, registry_for
from kiosk.crypto.office import PRIVATE_FILE, init_office_keys, load_public
from kiosk.crypto.seal import seal_legacy
from kiosk.office.db import office_engine
from kiosk.office.keys import register_kiosk_key
from kiosk.office.migrate import office_head, upgrade_office
from kiosk.office.models import audit_log, submissions
from kiosk.printing.cups import CupsPrinter, PrintResult
from kiosk.qrpayload import verify
from kiosk.staff import records
from kiosk.staff.accounts import add_user
from kiosk.staff.binding import BOUND_SINCE
from kiosk.staff.console import NotSignedIn, StaffConsole
from kiosk.staff.policy import IdlePolicy
from kiosk.staff.registry import OfficeKeyRegistry
from kiosk.staff.reprint import NO_CODE_SYNCED, ReprintResult, ReprintSettings, code_problem
from kiosk.staff_qt.window import StaffWindow
from kiosk.submit import Submitter
from kiosk.sync import SyncWorker
from kiosk.sync.sender import OfficeSender
from tests.integration.pg import PgCluster
from tests.integration.staff_support import (
    CLERK,
    CLERK_PW,
    PASSPHRASE,
    Desk,
    fresh_office,
    make_desk,
)
from tests.integration.sync_support import MARKER, answers, form, kiosk_config
from tests.integration.test_staff_console import SCREENS, scan, shown_window, signed_in

if TYPE_CHECKING:
    from tests.integration.cups_fixture import CupsServer


@dataclass
class SpoolWatch:
    """What the spool file looked like while CUPS had it (checked inside `submit`)."""

    seen: list[tuple[Path, int, int, bytes]] = field(default_factory=list)


class WatchedCups(CupsPrinter):
    """The real CUPS client, noting the spool file's path, modes and bytes as it is submitted."""

    def __init__(self, watch: SpoolWatch) -> None:
        super().__init__()
        self.watch = watch

    def submit(self, pdf: Path, printer: str | None = None, title: str = "kiosk",
               timeout: float = 20.0) -> PrintResult:  # fmt: skip
        mode = stat.S_IMODE(pdf.stat().st_mode)
        folder_mode = stat.S_IMODE(pdf.parent.stat().st_mode)
        self.watch.seen.append((pdf, mode, folder_mode, pdf.read_bytes()))
        return super().submit(pdf, printer, title, timeout)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, pg_cluster: PgCluster) -> Desk:
    return make_desk(tmp_path_factory.mktemp("desk"), fresh_office(pg_cluster))


def console_for(url: str, key_path: Path, printer: str, spool: Path) -> tuple[StaffConsole, SpoolWatch]:
    spool.mkdir(parents=True, exist_ok=True)
    watch = SpoolWatch()
    printing = ReprintSettings(printer, "A4", spool_dir=spool, timeout_s=30, cups=WatchedCups(watch))
    console = StaffConsole(url, key_path, printing=printing)
    console.sign_in(CLERK, CLERK_PW, PASSPHRASE)
    return console, watch


@pytest.fixture
def clerk(desk: Desk, cups: CupsServer, tmp_path: Path) -> Iterator[tuple[StaffConsole, SpoolWatch]]:
    console, watch = console_for(desk.url, desk.key_path, cups.queue, tmp_path / "spool")
    yield console, watch
    console.close()


def rasterised_codes(pdf: Path, workdir: Path, dpi: int = 150) -> list[list[str]]:
    """Every page rasterised with pdftoppm, then every QR code on each page read by zxing-cpp."""
    prefix = workdir / f"page-{dpi}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True, timeout=120)
    pages = []
    for png in sorted(workdir.glob(f"page-{dpi}-*.png")):
        with Image.open(png) as image:
            pages.append([b.text for b in zxingcpp.read_barcodes(image)])
    return pages


def pdf_text(pdf: Path | bytes) -> str:
    """The text of a PDF. (Ghostscript in cups-pdf drops the Unicode map of CJK glyphs: read
    Chinese from the spooled file, Latin text from CUPS's output.)"""
    source = BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    return "\n".join(page.extract_text() or "" for page in PdfReader(source).pages)


def reprint_rows(url: str, submission_id: str | None = None) -> list[tuple[str, str | None, str]]:
    engine = office_engine(url)
    query = select(audit_log.c.actor, audit_log.c.submission_id, audit_log.c.detail)
    query = query.where(audit_log.c.action == "reprint").order_by(audit_log.c.id)
    try:
        with engine.connect() as conn:
            rows = [(a, str(s) if s else None, d) for a, s, d in conn.execute(query)]
    finally:
        engine.dispose()
    return [r for r in rows if submission_id is None or r[1] == submission_id]


def printed_output(cups: CupsServer, result: ReprintResult, since: float) -> Path:
    assert result.job_id is not None, result
    return cups.find_output(result.job_id, f"reprint-{result.reference}", since)


def test_reprint_prints_the_whole_form_with_a_code_that_verifies(
    desk: Desk, clerk: tuple[StaffConsole, SpoolWatch], cups: CupsServer, tmp_path: Path
) -> None:
    console, watch = clerk
    queued = desk.synced[0]
    opened = console.scan(queued.qr_payload)
    assert opened.submission is not None
    since = time.time() - 1
    result = console.reprint(opened.submission.id)
    assert result.printed and result.with_qr, result
    assert (result.reference, result.printer) == (queued.reference, cups.queue)
    output = printed_output(cups, result, since)
    try:
        # What came out of CUPS: every page carries the kiosk's own signed code, genuine for both
        # the office's registry (kiosks table) and the kiosk's own key registry file.
        pages = rasterised_codes(output, tmp_path)
        assert len(pages) >= 2 and all(codes == [queued.qr_payload] for codes in pages), pages
        assert desk.kiosk_folder is not None
        for registry in (OfficeKeyRegistry(console.engine), registry_for(desk.kiosk_folder)):
            verdict = verify(pages[0][0], registry)
            assert verdict.genuine and verdict.payload is not None
            assert verdict.payload.reference == queued.reference
        assert MARKER in pdf_text(output) and queued.reference[:4] in pdf_text(output)
    finally:
        output.unlink(missing_ok=True)
    # The spool file: owner-only in a private folder while CUPS had it, gone afterwards.
    assert len(watch.seen) == 1
    spooled, mode, folder_mode, data = watch.seen[0]
    assert (mode, folder_mode) == (0o600, 0o700) and data.startswith(b"%PDF-")
    spooled_text = pdf_text(data)
    assert "补打" in spooled_text and "재인쇄" in spooled_text and MARKER in spooled_text  # ko visitor
    assert not spooled.exists() and not spooled.parent.exists()
    assert list((tmp_path / "spool").iterdir()) == []
    rows = reprint_rows(desk.url, opened.submission.id)
    assert len(rows) == 1 and rows[0][0] == CLERK
    detail = rows[0][2]
    assert f"ref={queued.reference} code=signed printer={cups.queue}: printed" in detail
    assert str(result.job_id) in detail and MARKER not in detail


def test_a_failed_print_still_deletes_the_spool_file_and_is_audited(
    desk: Desk, cups: CupsServer, tmp_path: Path
) -> None:
    console, watch = console_for(desk.url, desk.key_path, cups.stopped_queue, tmp_path / "spool")
    sid = desk.synced[1].id
    result = console.reprint(sid)
    assert (result.printed, result.outcome) == (False, "queue-stopped"), result
    assert watch.seen and not watch.seen[0][0].exists()
    assert list((tmp_path / "spool").iterdir()) == []
    assert reprint_rows(desk.url, sid)[-1][2].endswith(f"queue-stopped {result.detail}")
    # A form this desk does not have installed: refused before anything is rendered or spooled.
    console.forms = {}
    refused = console.reprint(sid)
    assert refused.outcome == "refused" and "not installed" in refused.detail
    assert len(watch.seen) == 1 and "refused" in reprint_rows(desk.url, sid)[-1][2]
    console.sign_out()
    with pytest.raises(NotSignedIn):
        console.reprint(sid)
    console.close()


def test_a_stored_code_must_be_genuine_and_this_rows_own(desk: Desk) -> None:
    console = desk.console()
    with console.engine.connect() as conn:
        found = records.fetch(conn, submission_id=desk.synced[2].id)
    assert found is not None
    info = found[0]
    registry = OfficeKeyRegistry(console.engine)
    assert code_problem(desk.synced[2].qr_payload, info, registry) == ""
    assert code_problem(None, info, registry) == NO_CODE_SYNCED
    assert "another reference" in code_problem(desk.synced[1].qr_payload, info, registry)
    code = desk.synced[2].qr_payload
    altered = code[:-3] + ("BBB" if code.endswith("AAA") else "AAA")
    assert "does not verify (altered)" in code_problem(altered, info, registry)
    console.close()


def test_an_office_at_0002_is_upgraded_and_its_old_rows_reprint_without_a_code(
    tmp_path: Path, pg_cluster: PgCluster, cups: CupsServer
) -> None:
    url = pg_cluster.create_database("office_0002")
    upgrade_office(url, "0002")
    _private, public = init_office_keys(tmp_path / "office-keys", PASSPHRASE)
    config = kiosk_config(tmp_path / "kiosk", "SK-OLD-1", url)
    submitter = Submitter(type(config)(**{**config.__dict__, "office_public_key": public}))
    register_kiosk_key(url, "SK-OLD-1", public_b64(submitter.signing_key.public_key()), "old kiosk")
    old = submitter.queue_answers(form(), "de", answers())
    new = submitter.queue_answers(form(), "ja", answers("NEWERONE"))
    worker = SyncWorker(submitter.queue, url)
    # The kiosk software before this change sent every column but the code, and sealed the answers
    # unbound (SB1): such a row made before the binding cut-over still opens, with a warning.
    rows = [{k: v for k, v in row.items() if k != "qr_payload"} for row in worker.outbox.ready(10)]
    document = {"form": form().id, "version": form().version, "lang": "de",
                "answers": form().visible_answers(answers())}  # fmt: skip
    for row in rows:
        if row["id"] == old.id:
            row["sealed_answers"] = seal_legacy(json.dumps(document).encode(), load_public(public))
            row["created_at"] = BOUND_SINCE - dt.timedelta(days=40)
    assert OfficeSender(worker.engine).send([r for r in rows if r["id"] == old.id]) == 1
    # The new kiosk software against the old schema: a setup error, nothing quarantined or lost.
    report = worker.sync_once()
    assert (report.sent, report.quarantined, report.failure) == (0, 0, "setup"), report
    assert "qr_payload" in (report.error or "")

    upgrade_office(url)  # to the head through 0003 and 0004
    engine = office_engine(url)
    columns = {c["name"]: c for c in inspect(engine).get_columns("submissions")}
    assert columns["qr_payload"]["nullable"]
    assert pg_cluster.execute("SELECT version_num FROM office_schema_version", url.rsplit("/", 1)[1]) == [
        (office_head(),)
    ]
    again = worker.sync_once()  # replays the old row (inserts nothing), delivers the new one
    assert (again.sent, again.inserted, again.failure) == (2, 1, None)
    with engine.connect() as conn:
        stored = dict(conn.execute(select(submissions.c.id, submissions.c.qr_payload)).all())
    engine.dispose()
    assert {str(k): v for k, v in stored.items()} == {old.id: None, new.id: new.qr_payload}
    worker.stop()
    submitter.close()

    key_path = tmp_path / "office-keys" / PRIVATE_FILE
    staff = StaffConsole(url, key_path)
    add_user(staff.engine, CLERK, CLERK_PW, "staff", "test")
    staff.close()
    console, watch = console_for(url, key_path, cups.queue, tmp_path / "spool")
    since = time.time() - 1
    result = console.reprint(old.id)
    assert result.printed and not result.with_qr and result.no_qr_reason == NO_CODE_SYNCED, result
    output = printed_output(cups, result, since)
    try:
        pages = rasterised_codes(output, tmp_path)
        assert pages and all(codes == [] for codes in pages)  # no code at all, not a wrong one
        text = pdf_text(output)
        assert "Nachdruck" in text and MARKER in text and old.reference[:4] in text
        assert "补打" in pdf_text(watch.seen[0][3])
    finally:
        output.unlink(missing_ok=True)
    assert "code=none" in reprint_rows(url, old.id)[-1][2]
    assert list((tmp_path / "spool").iterdir()) == []
    with_code = console.reprint(new.id)
    assert with_code.printed and with_code.with_qr, with_code
    printed_output(cups, with_code, since).unlink()
    console.close()


@pytest.fixture
def window(qtbot: QtBot, desk: Desk, cups: CupsServer, tmp_path: Path) -> Iterator[StaffWindow]:
    """The console window (as in test_staff_console) printing on the cups-pdf queue."""
    printing = ReprintSettings(cups.queue, spool_dir=tmp_path, timeout_s=30, cups=WatchedCups(SpoolWatch()))
    console = StaffConsole(desk.url, desk.key_path, printing=printing)
    yield from shown_window(qtbot, console, IdlePolicy(timeout_s=600))


def test_the_reprint_button_in_the_console(
    qtbot: QtBot, window: StaffWindow, desk: Desk, cups: CupsServer, tmp_path: Path
) -> None:
    win, button = window, window.reprint_button
    assert win.tabs.cornerWidget() is button and not button.isEnabled()
    signed_in(qtbot, win)
    forged = desk.synced[1].qr_payload.replace(desk.synced[1].reference, desk.synced[2].reference)
    scan(qtbot, win, forged)
    assert not button.isEnabled()  # a warning: nothing opened, nothing to reprint
    queued = desk.synced[2]
    scan(qtbot, win, queued.qr_payload)
    assert button.isEnabled() and button.isVisible() and button.text() == "Reprint form"
    since = time.time() - 1
    with qtbot.waitSignal(button.finished, timeout=40_000) as done:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert not button.isEnabled() and button.text() == "Printing…"  # no second job meanwhile
    result = done.args[0]
    assert isinstance(result, ReprintResult) and result.printed, result
    assert win.statusBar().currentMessage() == f"Reprinted {queued.reference} on {cups.queue}."
    win.grab().save(str(SCREENS / "staff-console-reprint.png"))
    assert button.isEnabled() and win.scan_page.table.rowCount() > 0
    output = printed_output(cups, result, since)
    codes = rasterised_codes(output, tmp_path, dpi=100)[0]
    output.unlink()
    assert codes == [queued.qr_payload]
    assert list(tmp_path.glob("kiosk-reprint-*")) == []
    assert reprint_rows(desk.url, result.submission_id)[-1][0] == CLERK
    scan(qtbot, win, desk.synced[0].reference)  # the scanner field kept the focus through it all
    assert button.isEnabled() and button.info is not None
    assert button.info.reference == desk.synced[0].reference
    win.tabs.setCurrentWidget(win.search_page)
    assert not button.isVisible()
    win.tabs.setCurrentWidget(win.scan_page)
    win.sign_out("user")
    assert not button.isEnabled()

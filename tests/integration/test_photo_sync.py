"""Pictures at the office (issue 17): sent with their submission exactly once (a replay inserts
nothing), unreadable to kiosk roles, readable to staff, shown by the console only when bound to
their record, deleted with their submission."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, update

from kiosk.crypto.keys import public_b64
from kiosk.crypto.office import PRIVATE_FILE, init_office_keys
from kiosk.office.db import office_engine
from kiosk.office.keys import register_kiosk_key
from kiosk.office.migrate import upgrade_office
from kiosk.office.models import attachments
from kiosk.office.purge import purge_office
from kiosk.office.roles import grant_kiosk_role, grant_staff_role
from kiosk.photos.image import to_jpeg
from kiosk.staff.accounts import add_user
from kiosk.staff.console import StaffConsole
from kiosk.staff.lookup import Outcome
from kiosk.storage.models import OutboxEntry
from kiosk.storage.outbox import PENDING
from kiosk.submit import Submitter
from kiosk.sync import SyncWorker
from tests.integration.pg import PgCluster
from tests.integration.staff_support import CLERK, CLERK_PW, PASSPHRASE
from tests.integration.sync_support import answers, form, kiosk_config
from tests.synthetic_images import document, portrait

KIOSK = "SK-PHOTO"


def _as_role(url: str, role: str) -> str:
    return url.replace("postgresql+psycopg://postgres@", f"postgresql+psycopg://{role}@")


def _pictures() -> dict[str, bytes]:
    return {"portrait": to_jpeg(portrait()), "passport": to_jpeg(document())}


def _photo_rows(pg: PgCluster, url: str) -> list[tuple[Any, ...]]:
    return pg.execute("SELECT submission_id::text, key FROM attachments ORDER BY 1, 2", url.rsplit("/", 1)[1])


@pytest.mark.parametrize("granted_before_0008", [False, True], ids=["granted-now", "granted-at-0007"])
def test_pictures_sync_exactly_once_and_stay_unreadable_to_the_kiosk(
    tmp_path: Path, pg_cluster: PgCluster, granted_before_0008: bool
) -> None:
    url = pg_cluster.create_database(f"office_photos_{int(granted_before_0008)}")
    upgrade_office(url, "0007" if granted_before_0008 else "head")
    admin = office_engine(url)
    grant_kiosk_role(admin, "kiosk_photo", KIOSK, password=None)  # at 0007: no pictures table yet
    admin.dispose()
    if granted_before_0008:
        upgrade_office(url)  # 0008 grants the pictures to that role
    kiosk_url = _as_role(url, "kiosk_photo")
    submitter = Submitter(kiosk_config(tmp_path, KIOSK, kiosk_url))
    pictures = _pictures()
    people = [answers(), {**answers(), "given_names": "SEOYEON", "document_number": "M23456789"}]
    queued = submitter.queue_group(
        form(), "ko", people, [(pictures, ["visa"]), ({"passport": pictures["passport"]}, [])]
    )
    lone = submitter.queue_answers(form(), "en", answers())
    worker = SyncWorker(submitter.queue, kiosk_url, batch_size=2)
    sent = sum(worker.sync_once().sent for _ in range(2))
    assert sent == 3 and worker.sync_once().sent == 0
    expected = sorted([(queued[0].id, "passport"), (queued[0].id, "portrait"), (queued[1].id, "passport")])
    assert _photo_rows(pg_cluster, url) == expected
    # Replay as if the local "sent" marks were lost: nothing is stored twice.
    with submitter.queue.session() as session, session.begin():
        session.query(OutboxEntry).update({OutboxEntry.state: PENDING})
    replay = worker.sync_once()
    assert (replay.sent, replay.inserted) == (3, 0)
    assert _photo_rows(pg_cluster, url) == expected
    worker.stop()
    submitter.close()
    assert lone.id not in {sid for sid, _ in _photo_rows(pg_cluster, url)}

    dsn = pg_cluster.dsn(url.rsplit("/", 1)[1], "kiosk_photo")
    with psycopg.connect(dsn, autocommit=True) as conn:
        for column in ("sealed", "kiosk_id", "*"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT {column} FROM attachments")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # row security: its own kiosk only
            conn.execute("INSERT INTO attachments (submission_id, key, kiosk_id, sealed) "
                         "VALUES (%s, 'x', 'SK-OTHER', '\\x00')", (queued[0].id,))  # fmt: skip
        for statement in ("DELETE FROM attachments", "UPDATE attachments SET key = 'y'"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


def _staffed_office(tmp_path: Path, url: str) -> tuple[Path, Any, dict[str, bytes]]:
    _private, public = init_office_keys(tmp_path / "office-keys", PASSPHRASE)
    config = kiosk_config(tmp_path / "kiosk", KIOSK, url)
    config = type(config)(**{**config.__dict__, "office_public_key": public})
    submitter = Submitter(config)
    register_kiosk_key(url, KIOSK, public_b64(submitter.signing_key.public_key()), "photos")
    pictures = _pictures()
    queued = submitter.queue_group(form(), "zh", [answers(), answers()],
                                   [(pictures, ["lease"]), (pictures, [])])  # fmt: skip
    worker = SyncWorker(submitter.queue, url)
    assert worker.sync_once().sent == 2
    worker.stop()
    submitter.close()
    engine = office_engine(url)
    add_user(engine, CLERK, CLERK_PW, "staff", "test")
    grant_staff_role(engine, "staff_photo", password=None)
    engine.dispose()
    return tmp_path / "office-keys" / PRIVATE_FILE, queued, pictures


def test_the_staff_console_shows_bound_pictures_and_refuses_swapped_ones(
    tmp_path: Path, office_url: str, pg_cluster: PgCluster, qtbot: Any
) -> None:
    key_path, queued, pictures = _staffed_office(tmp_path, office_url)
    console = StaffConsole(office_url, key_path)
    console.sign_in(CLERK, CLERK_PW, PASSPHRASE)
    try:
        result = console.scan(queued[0].qr_payload)
        assert result.outcome is Outcome.OPENED
        assert [p.key for p in result.photos.photos] == ["portrait", "passport"]
        assert result.photos.photos[0].jpeg == pictures["portrait"]
        assert [en for _zh, en in result.photos.skipped] == ["Lease contract"]

        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel

        from kiosk.staff_qt.photos_view import PhotoDialog
        from kiosk.staff_qt.scan_page import ScanPage

        page = ScanPage(console, "en")
        qtbot.addWidget(page)
        page.show_result(result)
        strip = page.photos
        assert not strip.isHidden() and len(strip.buttons) == 2
        assert "Lease contract" in strip.skipped.text()
        qtbot.mouseClick(strip.buttons[1], Qt.MouseButton.LeftButton)  # a thumbnail enlarges on click
        dialog = strip.findChild(PhotoDialog)
        assert dialog is not None and dialog.windowTitle() == "Passport photo page"
        large = dialog.findChild(QLabel, "photoLarge")
        assert large is not None and max(large.pixmap().width(), large.pixmap().height()) > 140
        dialog.close()
        page.clear()
        assert strip.buttons == []

        # Someone with write access moves the second person's passport onto the first: refused.
        engine = create_engine(office_url)
        with engine.begin() as conn:
            other = conn.execute(
                attachments.select().where(attachments.c.submission_id == queued[1].id)
            ).first()
            assert other is not None
            mine = (attachments.c.submission_id == queued[0].id) & (attachments.c.key == "passport")
            conn.execute(update(attachments).where(mine).values(sealed=other.sealed))
        engine.dispose()
        swapped = console.scan(queued[0].qr_payload)
        assert [p.key for p in swapped.photos.photos] == ["portrait"]
        assert swapped.photos.refused == ("passport",)
        actions = [row.action for row in console.audit_log(20, queued[0].id)]
        assert "open_photos" in actions and "photos_refused" in actions
    finally:
        console.close()
    # The staff role reads the pictures (still sealed) like the submissions.
    with psycopg.connect(
        pg_cluster.dsn(office_url.rsplit("/", 1)[1], "staff_photo"), autocommit=True
    ) as conn:
        assert len(conn.execute("SELECT sealed FROM attachments").fetchall()) == 4
    # The office purge deletes the pictures with their submissions.
    admin = office_engine(office_url)
    purge_office(admin, {}, 1, "test", now=lambda: _far_future())
    admin.dispose()
    assert _photo_rows(pg_cluster, office_url) == []


def _far_future() -> Any:
    import datetime as dt

    return dt.datetime.now(dt.UTC) + dt.timedelta(days=30)

"""Pictures are sealed and bound like the answers, queued in the submission's transaction, sent
with it, purged with it, and refused by the staff side when moved to another record or key."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from kiosk.config import KioskConfig
from kiosk.crypto.office import DEMO_PASSPHRASE, DEMO_PRIVATE_FILE, load_private
from kiosk.crypto.seal import SealError, binding, open_sealed, photo_binding
from kiosk.forms import Form
from kiosk.photos.image import to_jpeg
from kiosk.staff.photos import open_photos
from kiosk.staff.records import SubmissionInfo
from kiosk.storage.outbox import ATTACHMENTS, Outbox
from kiosk.submit import Submitter
from kiosk.sync.worker import cut_batches
from tests.core.helpers import FORM_ID
from tests.core.test_group_queue import family
from tests.synthetic_images import document, portrait

MARKER = b"PIXELS-OF-A-PASSPORT-MARKER"


@pytest.fixture
def submitter(data_dir: Path) -> Iterator[Submitter]:
    sub = Submitter(KioskConfig(demo=True))
    yield sub
    sub.close()


def office_key(data_dir: Path) -> Any:
    return load_private(data_dir / DEMO_PRIVATE_FILE, DEMO_PASSPHRASE)


def test_pictures_are_sealed_bound_and_queued_with_their_submission(
    submitter: Submitter, form: Form, sample: dict[str, Any], data_dir: Path
) -> None:
    photos = ({"passport": MARKER + b"1", "portrait": MARKER + b"2"}, ["lease", "host_id"])
    queued = submitter.queue_group(form, "en", [sample], [photos])[0]
    boxes = submitter.queue.attachments(queued.id)
    assert set(boxes) == {"passport", "portrait"}
    key = office_key(data_dir)
    record = binding(queued.id, queued.reference, "SK-LOBBY-1", FORM_ID, queued.created_at)
    assert open_sealed(boxes["passport"], key, photo_binding(record, "passport")) == MARKER + b"1"
    with pytest.raises(SealError):  # the passport's box does not open as the portrait
        open_sealed(boxes["passport"], key, photo_binding(record, "portrait"))
    row = submitter.queue.get_by_reference(queued.reference)
    assert row is not None
    document_ = json.loads(open_sealed(row.sealed_answers, key, record))
    assert document_["photos"] == {"taken": ["passport", "portrait"], "skipped": ["lease", "host_id"]}
    raw = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    assert MARKER not in raw  # never in plain text on disk (queue, WAL, anything else)


def test_pictures_never_reach_the_log(
    submitter: Submitter, form: Form, sample: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    submitter.queue_group(form, "en", [sample], [({"passport": MARKER}, ["visa"])])
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "submission queued" in logged
    assert MARKER.decode() not in logged and "passport" not in logged


def test_without_pictures_the_document_is_as_before(
    submitter: Submitter, form: Form, sample: dict[str, Any], data_dir: Path
) -> None:
    queued = submitter.queue_answers(form, "en", sample)
    assert submitter.queue.attachments(queued.id) == {}
    [row] = Outbox(submitter.queue).ready(5)
    assert ATTACHMENTS not in row


def test_a_failure_inside_the_transaction_leaves_no_picture(
    submitter: Submitter, form: Form, sample: dict[str, Any]
) -> None:
    def fail_on_outbox(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO OUTBOX"):
            raise OSError("disk full")

    people = family(sample, 2)
    photos: list[tuple[dict[str, bytes], list[str]]] = [({"passport": b"A"}, []), ({"passport": b"B"}, [])]
    event.listen(submitter.queue.engine, "before_cursor_execute", fail_on_outbox)
    with pytest.raises(OSError):
        submitter.queue_group(form, "en", people, photos)
    event.remove(submitter.queue.engine, "before_cursor_execute", fail_on_outbox)
    with submitter.queue.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM attachments").scalar_one() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM submissions").scalar_one() == 0


def test_outbox_rows_carry_the_pictures_and_purge_deletes_them(
    submitter: Submitter, form: Form, sample: dict[str, Any]
) -> None:
    queued = submitter.queue_group(form, "en", [sample], [({"visa": b"V"}, [])])[0]
    outbox = Outbox(submitter.queue)
    [row] = outbox.ready(5)
    assert [key for key, _box in row[ATTACHMENTS]] == ["visa"]
    assert outbox.attachment_bytes([queued.id])[queued.id] > 0
    outbox.mark_sent([queued.id])
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=1)
    assert outbox.purge_sent(later) == 1
    with submitter.queue.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM attachments").scalar_one() == 0


def test_batches_are_cut_by_picture_bytes() -> None:
    sizes = {"b": 10, "c": 10, "d": 30}
    assert cut_batches(["a", "b", "c", "d", "e"], 100, sizes, 20) == [["a", "b", "c"], ["d"], ["e"]]
    assert cut_batches(["a", "b", "c"], 2, {}, 20) == [["a", "b"], ["c"]]
    assert cut_batches([], 2, {}, 20) == []


def _jpeg(img: Any) -> bytes:
    return to_jpeg(img)


def test_staff_open_only_the_records_own_pictures(
    submitter: Submitter, form: Form, sample: dict[str, Any], data_dir: Path
) -> None:
    pictures = {"portrait": _jpeg(portrait()), "passport": _jpeg(document())}
    first, second = (submitter.queue_group(form, "en", [sample], [(pictures, ["visa"])])[0] for _ in range(2))
    key = office_key(data_dir)

    def info(q: Any) -> SubmissionInfo:
        return SubmissionInfo(q.id, q.reference, "SK-LOBBY-1", FORM_ID, 1, "en", q.created_at,
                              q.created_at, "new", None, None, None)  # fmt: skip

    boxes = submitter.queue.attachments(first.id)
    found = open_photos(boxes, key, info(first), form, ("visa",))
    assert [p.key for p in found.photos] == ["portrait", "passport"]
    assert found.photos[0].jpeg == pictures["portrait"]
    assert [en for _zh, en in found.skipped] == ["Visa or residence permit"]
    assert found.refused == ()
    # Moved to another record, or swapped between two keys of one record: refused, never shown.
    other = submitter.queue.attachments(second.id)
    assert open_photos(other, key, info(first), form).refused == ("portrait", "passport")
    swapped = {"portrait": boxes["passport"], "passport": boxes["portrait"]}
    assert open_photos(swapped, key, info(first), form).photos == ()
    assert open_photos({"passport": b"junk"}, key, info(first), form).refused == ("passport",)


def test_a_jpeg_decodes_back_to_the_picture() -> None:
    from PIL import Image

    data = _jpeg(portrait())
    assert Image.open(io.BytesIO(data)).format == "JPEG"

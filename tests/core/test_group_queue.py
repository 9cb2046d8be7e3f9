"""A group is queued in one local transaction: every person's row, or none (issue 18)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from kiosk.config import KioskConfig
from kiosk.crypto.office import DEMO_PASSPHRASE, DEMO_PRIVATE_FILE, load_private
from kiosk.crypto.seal import binding, open_sealed
from kiosk.forms import Form
from kiosk.qrpayload import box_hash, decode
from kiosk.storage.outbox import Outbox
from kiosk.submit import InvalidAnswers, Submitter
from tests.core.helpers import FORM_ID
from tests.core.test_groups import CHILD


@pytest.fixture
def submitter(data_dir: Path) -> Iterator[Submitter]:
    sub = Submitter(KioskConfig(demo=True))
    yield sub
    sub.close()


def family(sample: dict[str, Any], n: int = 3) -> list[dict[str, Any]]:
    names = ["MINJUN", "SEOYEON", "JIHO", "HAEUN"]
    child = {**sample, **CHILD, "guardian": "MINJUN KIM"}  # a minor names a guardian
    return [sample] + [{**child, "given_names": names[i]} for i in range(1, n)]


def test_a_group_is_queued_with_its_own_reference_box_and_qr_per_person(
    submitter: Submitter, form: Form, sample: dict[str, Any], data_dir: Path
) -> None:
    people = family(sample)
    queued = submitter.queue_group(form, "ko", people)
    assert len(queued) == 3 and len({q.reference for q in queued}) == 3 and len({q.id for q in queued}) == 3
    group = queued[0].group_id
    assert group is not None and len(group) == 36
    assert [(q.group_id, q.group_member, q.group_size) for q in queued] == [(group, n, 3) for n in (1, 2, 3)]
    office = load_private(data_dir / DEMO_PRIVATE_FILE, DEMO_PASSPHRASE)
    for q, answers in zip(queued, people, strict=True):
        row = submitter.queue.get_by_reference(q.reference)
        assert row is not None and row.group_id == group and row.group_member == q.group_member
        bound = binding(q.id, q.reference, "SK-LOBBY-1", FORM_ID, q.created_at)
        document = json.loads(open_sealed(row.sealed_answers, office, bound))
        assert document["answers"] == form.visible_answers(answers)
        assert document["group"] == {"id": group, "member": q.group_member, "size": 3}
        decoded = decode(q.qr_payload)
        assert not isinstance(decoded, str) and decoded[0].reference == q.reference
        assert q.qr_payload.split(":")[5] == box_hash(row.sealed_answers)  # its own box
    assert submitter.queue.count("pending") == 3


def test_the_sync_rows_carry_the_group(submitter: Submitter, form: Form, sample: dict[str, Any]) -> None:
    single = submitter.queue_answers(form, "en", sample)
    queued = submitter.queue_group(form, "en", family(sample, 2))
    rows = {r["reference"]: r for r in Outbox(submitter.queue).ready(10)}
    assert "group_id" not in rows[single.reference]  # a one-person visit sends what it always did
    for q in queued:
        row = rows[q.reference]
        assert (row["group_id"], row["group_member"], row["group_size"]) == (q.group_id, q.group_member, 2)


def test_one_invalid_person_queues_nobody(submitter: Submitter, form: Form, sample: dict[str, Any]) -> None:
    people = family(sample)
    people[2] = {**people[2], "document_number": "no!"}
    with pytest.raises(InvalidAnswers) as caught:
        submitter.queue_group(form, "en", people)
    assert {p.field for p in caught.value.problems} == {"document_number"}
    assert submitter.queue.count() == 0


def test_a_failure_inside_the_transaction_queues_nobody(
    submitter: Submitter, form: Form, sample: dict[str, Any]
) -> None:
    """The outbox insert of the group fails (disk full, say): not one person's row stays."""

    def fail_on_outbox(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO OUTBOX"):
            raise OSError("disk full")

    event.listen(submitter.queue.engine, "before_cursor_execute", fail_on_outbox)
    with pytest.raises(OSError):
        submitter.queue_group(form, "en", family(sample, 4))
    event.remove(submitter.queue.engine, "before_cursor_execute", fail_on_outbox)
    assert submitter.queue.count() == 0
    with submitter.queue.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM submissions").scalar_one() == 0


def test_a_reference_collision_redraws_the_whole_group(
    submitter: Submitter, form: Form, sample: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = submitter.queue_answers(form, "en", sample)
    draws = iter([earlier.reference, "MNPRTWXY", "ACEFGHJK", "ACEFGHJK", "MNPRTWXY", "CEFGHJKM"])
    monkeypatch.setattr("kiosk.storage.queue.new_reference", lambda: next(draws))
    queued = submitter.queue_group(form, "en", family(sample, 2))
    # 1st draw collides with the earlier row, 2nd draws the same code twice: the 3rd is used.
    assert [q.reference for q in queued] == ["MNPRTWXY", "CEFGHJKM"]
    assert submitter.queue.count() == 3

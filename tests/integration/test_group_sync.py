"""Groups at the office (issue 18): a kiosk role granted before revision 0007 still syncs, every
member arrives exactly once, and staff see "n of m" with the other references."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine

from kiosk.office.db import office_engine
from kiosk.office.migrate import upgrade_office
from kiosk.office.models import KIOSK_COLUMNS
from kiosk.office.roles import grant_kiosk_role
from kiosk.staff import records
from kiosk.staff_qt.scan_page import group_text
from kiosk.storage.models import OutboxEntry
from kiosk.storage.outbox import PENDING
from kiosk.submit import Submitter
from kiosk.sync import SyncWorker
from tests.integration.pg import PgCluster
from tests.integration.sync_support import answers, form, kiosk_config, office_rows

KIOSK = "SK-FAM"


def family(n: int) -> list[dict]:
    base = answers()
    return [{**base, "given_names": name} for name in ("MINJUN", "SEOYEON", "JIHO", "HAEUN")[:n]]


def test_a_role_granted_before_0007_syncs_groups_exactly_once(
    tmp_path: Path, pg_cluster: PgCluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_cluster.create_database("office_groups_0006")
    upgrade_office(url, "0006")
    admin = office_engine(url)
    with monkeypatch.context() as m:  # the role as the release before groups granted it
        m.setattr("kiosk.office.roles.KIOSK_COLUMNS", KIOSK_COLUMNS[:-3])
        grant_kiosk_role(admin, "kiosk_fam", KIOSK, password=None)
    admin.dispose()
    upgrade_office(url)  # 0007 grants the new columns to that role
    kiosk_url = url.replace("postgresql+psycopg://postgres@", "postgresql+psycopg://kiosk_fam@")
    submitter = Submitter(kiosk_config(tmp_path, KIOSK, kiosk_url))
    single = submitter.queue_answers(form(), "en", answers())
    group = submitter.queue_group(form(), "ko", family(3))
    worker = SyncWorker(submitter.queue, kiosk_url, batch_size=2)  # a batch splits the group
    sent = 0
    for _ in range(3):
        sent += worker.sync_once().sent
    assert sent == 4 and worker.sync_once().sent == 0
    # Replay every row as if the local "sent" marks were lost: nothing is stored twice.
    with submitter.queue.session() as session, session.begin():
        session.query(OutboxEntry).update({OutboxEntry.state: PENDING})
    replay = worker.sync_once()
    assert (replay.sent, replay.inserted) == (4, 0)
    worker.stop()
    made = {(q.id, q.reference, KIOSK) for q in [single, *group]}
    assert sorted(office_rows(url)) == sorted(made)
    rows = pg_cluster.execute(
        "SELECT reference, group_id, group_member, group_size FROM submissions ORDER BY group_member",
        url.rsplit("/", 1)[1],
    )
    by_ref = {r[0]: r[1:] for r in rows}
    assert by_ref[single.reference] == (None, None, None)
    for q in group:
        assert (str(by_ref[q.reference][0]), *by_ref[q.reference][1:]) == (q.group_id, q.group_member, 3)
    # The office refuses an inconsistent group row (CHECK of revision 0007).
    dsn = pg_cluster.dsn(url.rsplit("/", 1)[1])
    with psycopg.connect(dsn, autocommit=True) as conn, pytest.raises(psycopg.errors.CheckViolation):
        conn.execute("UPDATE submissions SET group_member = 4 WHERE reference = %s", (group[0].reference,))

    # Staff: "2 of 3" and the other two references, each with its status.
    engine = create_engine(url)
    with engine.connect() as conn:
        found = records.fetch(conn, reference=group[1].reference, kiosk_id=KIOSK)
        lone = records.fetch(conn, reference=single.reference, kiosk_id=KIOSK)
    engine.dispose()
    assert found is not None and lone is not None and lone[0].group is None
    info = found[0]
    assert info.group is not None and (info.group.member, info.group.size) == (2, 3)
    assert info.group.others == ((1, group[0].reference, "new"), (3, group[2].reference, "new"))
    assert info.group.missing == 0
    text = group_text("en", info)
    assert "2 of 3 people" in text and group[0].reference in text and group[2].reference in text
    first = {"member": 1, "reference": group[0].reference, "status": "new"}
    assert info.as_dict()["group"]["others"][0] == first
    submitter.close()

"""A staffed office for the staff console tests and benchmark: keys, users, synced submissions.

Kiosk SK-DESK-1 has synced its submissions; kiosk SK-DESK-2 holds one it has not sent yet and has
sent a heartbeat saying so.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.crypto.keys import public_b64
from kiosk.crypto.office import PRIVATE_FILE, init_office_keys
from kiosk.office.keys import register_kiosk_key
from kiosk.staff.accounts import add_user
from kiosk.staff.console import StaffConsole
from kiosk.storage.queue import Queued
from kiosk.submit import Submitter
from kiosk.sync import SyncWorker
from kiosk.sync.heartbeat import HeartbeatSource
from tests.integration.pg import PgCluster
from tests.integration.sync_support import MARKER, answers, form, kiosk_config

_numbers = itertools.count(1)
PASSPHRASE = "a long office passphrase"
ADMIN, ADMIN_PW = "admin.li", "admin password 1"
CLERK, CLERK_PW = "clerk.wang", "clerk password 1"


@dataclass
class Desk:
    url: str
    key_path: Path
    synced: list[Queued] = field(default_factory=list)
    unsynced: Queued | None = None
    kiosk_folder: Path | None = None

    def console(self) -> StaffConsole:
        return StaffConsole(self.url, self.key_path)


def _letters(number: int) -> str:
    """A surname suffix made of letters only (the form accepts Latin letters in names)."""
    out = ""
    while True:
        number, r = divmod(number, 26)
        out += chr(ord("A") + r)
        if number == 0:
            return out


def fresh_office(cluster: PgCluster) -> str:
    """A new migrated office database on `cluster` (for module-scoped fixtures)."""
    from kiosk.office.migrate import upgrade_office

    url = cluster.create_database(f"staff_{next(_numbers)}")
    upgrade_office(url)
    return url


def make_desk(folder: Path, url: str, count: int = 3) -> Desk:
    _private, public = init_office_keys(folder / "office-keys", PASSPHRASE)
    desk = Desk(url, folder / "office-keys" / PRIVATE_FILE, kiosk_folder=folder / "kiosk1")
    the_form = form()
    for number, kiosk_id in ((1, "SK-DESK-1"), (2, "SK-DESK-2")):
        config = kiosk_config(folder / f"kiosk{number}", kiosk_id, url)
        config = type(config)(**{**config.__dict__, "office_public_key": public})
        submitter = Submitter(config)
        register_kiosk_key(url, kiosk_id, public_b64(submitter.signing_key.public_key()), f"desk {number}")
        source = HeartbeatSource(kiosk_id, "1.0.0", lambda: "idle")
        worker = SyncWorker(submitter.queue, url, heartbeat=source)
        if number == 1:
            for i in range(count):
                data = answers(MARKER if i == 0 else "PERSON" + _letters(i))
                desk.synced.append(submitter.queue_answers(the_form, "ko", data))
            assert worker.sync_once().sent == count
        else:
            desk.unsynced = submitter.queue_answers(the_form, "fr", answers("NOTSENT"))
        assert worker.send_heartbeat()
        worker.stop()
        submitter.close()
    console = desk.console()
    add_user(console.engine, ADMIN, ADMIN_PW, "admin", "test")
    add_user(console.engine, CLERK, CLERK_PW, "staff", "test")
    console.close()
    return desk

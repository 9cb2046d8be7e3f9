"""Insert a batch of submissions into the office database in one transaction, idempotently.

The rows are `kiosk.storage.outbox.Outbox.ready`'s: metadata, sealed answers and the signed QR
payload (office revision 0003 or later is needed: upgrade the office database before the kiosks).
A kiosk role may INSERT exactly `kiosk.office.models.KIOSK_COLUMNS` (revision 0005): a column
added to these rows must be added there too, and the kiosk roles re-granted. Group members carry
three more columns (office revision 0007, which grants them to existing kiosk roles); rows are
inserted in runs of the same columns, all in the batch's one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.dialects import postgresql, sqlite

from kiosk.office.models import submissions


class OfficeSender:
    """Thread rules: one sender per worker thread; the engine's pool does the rest."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        dialect = sqlite if engine.dialect.name == "sqlite" else postgresql
        # Replaying a batch inserts nothing: the kiosk-made UUID is the conflict key. RETURNING
        # counts new rows; a kiosk role needs SELECT (id) for both (see kiosk.office.roles).
        self._statement = (
            dialect.insert(submissions)
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(submissions.c.id)
        )

    def send(self, rows: Sequence[dict[str, Any]]) -> int:
        """Commit `rows`; returns how many were new. Raises on any failure (nothing committed)."""
        if not rows:
            return 0
        runs: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row in rows:  # an executemany needs the same keys in every row
            runs.setdefault(tuple(sorted(row)), []).append(row)
        with self.engine.begin() as conn:
            return sum(len(conn.execute(self._statement, run).all()) for run in runs.values())

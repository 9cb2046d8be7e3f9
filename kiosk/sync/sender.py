"""Insert a batch of submissions into the office database in one transaction, idempotently.

The rows are `kiosk.storage.outbox.Outbox.ready`'s: metadata, sealed answers and the signed QR
payload (office revision 0003 or later is needed: upgrade the office database before the kiosks).
A kiosk role may INSERT exactly `kiosk.office.models.KIOSK_COLUMNS` (revision 0005): a column
added to these rows must be added there too, and the kiosk roles re-granted. Group members carry
three more columns (office revision 0007, which grants them to existing kiosk roles); rows are
inserted in runs of the same columns, all in the batch's one transaction.

On PostgreSQL a batch is ONE statement whatever its size: each column travels as one array
parameter in binary (`INSERT ... SELECT * FROM unnest(...)`). The office side took half the time
of a multi-row VALUES list (docs/sync.md, Figures): psycopg no longer parses a query with
thousands of placeholders, nor the server plans one, and the sealed bytes are not hex-encoded.
It needs no privilege beyond the INSERT: no temporary table (TEMPORARY on the database) nor COPY
(which row security refuses for a kiosk role).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, Connection, Engine, String
from sqlalchemy.dialects import postgresql, sqlite

from kiosk.office.models import attachments, submissions
from kiosk.storage.outbox import ATTACHMENTS

_PG = postgresql.dialect()


def _array_of(column: Column[Any]) -> str:
    """The array type a column travels in. Strings go as text[], not varchar(n)[]: an explicit
    cast would silently cut an overlong value, whereas the insert's assignment refuses it (a row
    error: the row is quarantined)."""
    if isinstance(column.type, String):
        return "text[]"
    return f"{column.type.compile(dialect=_PG)}[]"


def unnest_insert(columns: Sequence[str]) -> str:
    """The PostgreSQL statement for a batch of `columns`, one `%(name)b` array parameter each.
    Replaying a batch inserts nothing: the kiosk-made UUID is the conflict key. RETURNING counts
    new rows; a kiosk role needs SELECT (id) for both (see kiosk.office.roles)."""
    names = ", ".join(submissions.c[name].name for name in columns)  # KeyError: not a column
    arrays = ", ".join(f"%({name})b::{_array_of(submissions.c[name])}" for name in columns)
    return (
        f"INSERT INTO submissions ({names}) SELECT * FROM unnest({arrays})"
        " ON CONFLICT (id) DO NOTHING RETURNING id"
    )


class OfficeSender:
    """Thread rules: one sender per worker thread; the engine's pool does the rest."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._postgres = engine.dialect.name == "postgresql"
        self._statements: dict[tuple[str, ...], str] = {}
        # The SQLite demo office: the same insert through SQLAlchemy, one row set per batch.
        self._statement = (
            sqlite.insert(submissions)
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(submissions.c.id)
        )
        # Pictures (office revision 0008): replaying a batch inserts none again. No RETURNING,
        # so a kiosk role needs SELECT only on the conflict key (kiosk.office.roles).
        dialect = postgresql if self._postgres else sqlite
        self._pictures = dialect.insert(attachments).on_conflict_do_nothing(
            index_elements=["submission_id", "key"]
        )

    def send(self, rows: Sequence[dict[str, Any]]) -> int:
        """Commit `rows`; returns how many were new. Raises on any failure (nothing committed)."""
        if not rows:
            return 0
        runs: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        pictures: list[dict[str, Any]] = []
        for row in rows:  # an executemany needs the same keys in every row
            plain = {k: v for k, v in row.items() if k != ATTACHMENTS}
            pictures += [{"submission_id": row["id"], "key": key, "kiosk_id": row["kiosk_id"], "sealed": box}
                         for key, box in row.get(ATTACHMENTS, ())]  # fmt: skip
            runs.setdefault(tuple(sorted(plain)), []).append(plain)
        with self.engine.begin() as conn:
            if self._postgres:
                new = sum(self._send_arrays(conn, run) for run in runs.values())
            else:
                new = sum(len(conn.execute(self._statement, run).all()) for run in runs.values())
            if pictures:  # the same transaction: a submission never arrives without its pictures
                conn.execute(self._pictures, pictures)
            return new

    def _send_arrays(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> int:
        columns = tuple(rows[0])
        statement = self._statements.get(columns)
        if statement is None:
            statement = self._statements[columns] = unnest_insert(columns)
        arrays = {name: [row[name] for row in rows] for name in columns}
        # exec_driver_sql: psycopg sees the `%(name)b` placeholders as written, and SQLAlchemy
        # still wraps errors (kiosk.sync.errors.classify) and invalidates cut connections.
        return len(conn.exec_driver_sql(statement, arrays).all())

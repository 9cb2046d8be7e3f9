"""The kiosk's heartbeat: one upserted row per kiosk in the office `heartbeats` table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, func
from sqlalchemy.dialects import postgresql, sqlite

from kiosk.help import HelpCall
from kiosk.office.models import heartbeats
from kiosk.storage.outbox import QueueStats


@dataclass(frozen=True)
class HeartbeatSource:
    """Where a heartbeat's facts come from; `printer_state` is asked each time (may be slow)."""

    kiosk_id: str
    version: str
    printer_state: Callable[[], str] = lambda: "unknown"
    help_call: Callable[[], HelpCall | None] = lambda: None  # a visitor's open call for staff
    demo: bool = False  # reported in `version` ("1.2.0 (demo)"): the table has no column for it


def send_heartbeat(engine: Engine, source: HeartbeatSource, stats: QueueStats) -> HelpCall | None:
    """Upsert this kiosk's row; `last_seen` is the office clock, not the kiosk's. Returns the call
    for staff it carried (None: no call open, and the office's is cleared)."""
    try:
        printer = str(source.printer_state())[:40]
    except Exception as exc:  # a broken printer probe must not stop the heartbeat
        printer = f"probe failed: {type(exc).__name__}"[:40]
    values = {
        "kiosk_id": source.kiosk_id,
        "last_seen": func.now(),
        "queue_depth": stats.pending,
        "oldest_unsent_s": int(stats.oldest_unsent_s) if stats.oldest_unsent_s else None,
        "quarantined": stats.quarantined,
        "printer_state": printer,
        "version": (f"{source.version[:32]} (demo)" if source.demo else source.version)[:40],
        "last_error": stats.last_error,
        "help_number": call.number if (call := source.help_call()) else None,
        "help_since": call.since if call else None,
    }
    dialect = sqlite if engine.dialect.name == "sqlite" else postgresql
    insert = dialect.insert(heartbeats).values(**values)
    update = {k: insert.excluded[k] for k in values if k != "kiosk_id"}
    with engine.begin() as conn:
        conn.execute(insert.on_conflict_do_update(index_elements=["kiosk_id"], set_=update))
    return call

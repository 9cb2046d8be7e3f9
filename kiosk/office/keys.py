"""The office's list of kiosk public keys (what `kiosk keys register-kiosk` writes).

`kiosks` holds each kiosk's current key; `kiosk_keys` (revision 0005) every key it ever had. A
replaced key is retired (`retired_at`), not forgotten: codes it signed before then still verify.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, insert, inspect, select, update

from kiosk.office.db import office_engine
from kiosk.office.models import audit_log, kiosks
from kiosk.office.models import kiosk_keys as key_history


def register_kiosk_key(url: str, kiosk_id: str, public_b64: str, label: str | None) -> None:
    """Insert or replace a kiosk's key and note it in the audit log (one transaction)."""
    engine = office_engine(url)
    try:
        with engine.begin() as conn:
            known = conn.execute(select(kiosks.c.public_key).where(kiosks.c.kiosk_id == kiosk_id))
            old = known.scalar_one_or_none()
            if old is None:
                conn.execute(
                    insert(kiosks).values(kiosk_id=kiosk_id, public_key=public_b64, label=label)
                )
            else:
                conn.execute(
                    kiosks.update()
                    .where(kiosks.c.kiosk_id == kiosk_id)
                    .values(public_key=public_b64, label=label, active=True)
                )
            action = "kiosk_registered" if old is None else "kiosk_key_replaced"
            if old != public_b64:
                _keep_history(conn, kiosk_id, public_b64)
                conn.execute(
                    insert(audit_log).values(
                        actor="kiosk keys", action=action, detail=f"{kiosk_id} {public_b64}"
                    )
                )
    finally:
        engine.dispose()


def _keep_history(conn: Connection, kiosk_id: str, public_b64: str) -> None:
    """Retire the kiosk's other keys now; its new key is current (again, if it was retired).

    An office not yet at revision 0005 has no history table: revision 0005 starts it from `kiosks`.
    """
    if not inspect(conn).has_table("kiosk_keys"):
        return
    history = key_history.c
    conn.execute(
        update(key_history)
        .where(history.kiosk_id == kiosk_id, history.public_key != public_b64, history.retired_at.is_(None))
        .values(retired_at=func.now())
    )
    known = select(history.id).where(history.kiosk_id == kiosk_id, history.public_key == public_b64)
    if conn.execute(known).first() is None:
        conn.execute(insert(key_history).values(kiosk_id=kiosk_id, public_key=public_b64))
    else:
        conn.execute(
            update(key_history)
            .where(history.kiosk_id == kiosk_id, history.public_key == public_b64)
            .values(retired_at=None)
        )


def kiosk_keys(url: str) -> dict[str, str]:
    """Active kiosk ids → base64 public keys (for verifying QR codes at the office)."""
    engine = office_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(kiosks.c.kiosk_id, kiosks.c.public_key).where(kiosks.c.active)
            )
            return {str(k): str(v) for k, v in rows}
    finally:
        engine.dispose()

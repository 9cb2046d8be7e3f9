"""The office's list of kiosk public keys (what `kiosk keys register-kiosk` writes)."""

from __future__ import annotations

from sqlalchemy import insert, select

from kiosk.office.db import office_engine
from kiosk.office.models import audit_log, kiosks


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
                conn.execute(
                    insert(audit_log).values(
                        actor="kiosk keys", action=action, detail=f"{kiosk_id} {public_b64}"
                    )
                )
    finally:
        engine.dispose()


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

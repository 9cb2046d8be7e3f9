"""The kiosk key registry backed by the office database's `kiosks` table (active kiosks only)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine, select

from kiosk.crypto.keys import KeyRegistry
from kiosk.office.models import kiosks

CACHE_S = 60.0


class OfficeKeyRegistry(KeyRegistry):
    """`get(kiosk_id)` as `qrpayload.verify` expects, read from the office database.

    Keys are cached for CACHE_S seconds (a scan then costs no query); an unknown kiosk re-reads
    the table at once, so a kiosk registered a moment ago is found. Thread-safe.
    """

    def __init__(self, engine: Engine, cache_s: float = CACHE_S) -> None:
        super().__init__(Path("<office database: kiosks>"))
        self.engine = engine
        self.cache_s = cache_s
        self._lock = threading.Lock()
        self._keys: dict[str, str] = {}
        self._loaded_at = -1e18

    def refresh(self) -> dict[str, str]:
        """Read the active kiosks' keys now (also warms the cache at sign-in)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(kiosks.c.kiosk_id, kiosks.c.public_key).where(kiosks.c.active))
            keys = {str(k): str(v) for k, v in rows}
        with self._lock:
            self._keys, self._loaded_at = keys, time.monotonic()
        return keys

    def _read(self) -> dict[str, str]:
        with self._lock:
            fresh = time.monotonic() - self._loaded_at < self.cache_s
            keys = self._keys
        return keys if fresh else self.refresh()

    def get(self, kiosk_id: str) -> Ed25519PublicKey | None:
        if kiosk_id not in self._read():
            self.refresh()  # registered or re-activated since the last read?
        return super().get(kiosk_id)

    def register(self, kiosk_id: str, key: Ed25519PublicKey) -> None:
        raise NotImplementedError("register kiosks with `kiosk keys register-kiosk` (audited)")

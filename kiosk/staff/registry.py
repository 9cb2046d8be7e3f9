"""The kiosk key registry backed by the office database: `kiosks` (active kiosks' current keys)
and `kiosk_keys` (every key each had, revision 0005)."""

from __future__ import annotations

import base64
import datetime as dt
import threading
import time
from pathlib import Path

from sqlalchemy import Engine, select

from kiosk.clock import as_utc
from kiosk.crypto.keys import KeyRegistry
from kiosk.crypto.primitives import Ed25519PublicKey
from kiosk.office.models import kiosk_keys, kiosks

CACHE_S = 60.0
Retired = list[tuple[str, dt.datetime]]  # (base64 key, retired at)


class OfficeKeyRegistry(KeyRegistry):
    """`get(kiosk_id)` and `keys_at(kiosk_id, t)` as `qrpayload.verify` expects, from the office.

    A kiosk whose key was replaced (`kiosk keys register-kiosk` again) keeps its old key for codes
    made before the replacement: re-registering does not turn old receipts into ALTERED, and a
    retired key cannot sign anything dated after it was retired. Kiosk times are the kiosk's
    clock, and a stolen key can backdate: retiring a key limits it, it does not revoke it.
    Deactivating the kiosk (`active = false`) does revoke every key it had.

    Keys are cached for CACHE_S seconds (a scan then costs no query); an unknown kiosk re-reads
    the tables at once, so a kiosk registered a moment ago is found. Thread-safe.
    """

    def __init__(self, engine: Engine, cache_s: float = CACHE_S) -> None:
        super().__init__(Path("<office database: kiosks>"))
        self.engine = engine
        self.cache_s = cache_s
        self._lock = threading.Lock()
        self._keys: dict[str, str] = {}
        self._retired: dict[str, Retired] = {}
        self._loaded_at = -1e18

    def refresh(self) -> dict[str, str]:
        """Read the active kiosks' keys now (also warms the cache at sign-in)."""
        history = kiosk_keys.c
        with self.engine.connect() as conn:
            rows = conn.execute(select(kiosks.c.kiosk_id, kiosks.c.public_key).where(kiosks.c.active))
            keys = {str(k): str(v) for k, v in rows}
            old = conn.execute(
                select(history.kiosk_id, history.public_key, history.retired_at).where(
                    history.retired_at.is_not(None)
                )
            )
            retired: dict[str, Retired] = {}
            for kiosk_id, public, at in old:
                if kiosk_id in keys and public != keys[kiosk_id]:
                    at = as_utc(at)  # SQLite: naive UTC
                    retired.setdefault(str(kiosk_id), []).append((str(public), at))
        with self._lock:
            self._keys, self._retired, self._loaded_at = keys, retired, time.monotonic()
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

    def keys_at(self, kiosk_id: str, signed_at: dt.datetime) -> list[Ed25519PublicKey]:
        current = self.get(kiosk_id)
        if current is None:
            return []
        with self._lock:
            retired = list(self._retired.get(kiosk_id, ()))
        older = [Ed25519PublicKey.from_public_bytes(base64.b64decode(key))
                 for key, at in retired if signed_at <= at]  # fmt: skip
        return [current, *older]

    def register(self, kiosk_id: str, key: Ed25519PublicKey) -> None:
        raise NotImplementedError("register kiosks with `kiosk keys register-kiosk` (audited)")

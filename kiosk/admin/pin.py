"""The staff PIN: a salted scrypt hash in an owner-only file in data_dir; never the PIN itself."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

PIN_FILE = "admin-pin.json"
MIN_DIGITS, MAX_DIGITS = 6, 12
# scrypt cost: ~50 ms and 16 MB per try here; with the lockout, guessing 10^6 PINs takes years.
N, R, P = 2**14, 8, 1


class PinError(ValueError):
    """A PIN that may not be set (wrong length, not digits)."""


def check_format(pin: str) -> None:
    if not (pin.isascii() and pin.isdigit() and MIN_DIGITS <= len(pin) <= MAX_DIGITS):
        raise PinError(f"the PIN must be {MIN_DIGITS}-{MAX_DIGITS} digits")
    if len(set(pin)) == 1 or pin in "0123456789012" or pin in "9876543210987":
        raise PinError("the PIN is too easy to guess (one digit repeated, or a run)")


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024,
                          dklen=32)  # fmt: skip


class PinStore:
    """Reads and writes the PIN hash file. Any thread; `verify` is slow on purpose (scrypt)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / PIN_FILE

    def is_set(self) -> bool:
        return self.path.is_file()

    def set_pin(self, pin: str) -> None:
        check_format(pin)
        salt = secrets.token_bytes(16)
        record = {"v": 1, "kdf": "scrypt", "n": N, "r": R, "p": P, "salt": salt.hex(),
                  "hash": _hash(pin, salt, N, R, P).hex()}  # fmt: skip
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)  # os.open's mode is masked by umask; be explicit
        os.replace(tmp, self.path)

    def verify(self, pin: str) -> bool:
        """True only for the stored PIN; False when none is set or the file is unreadable."""
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
            expected = bytes.fromhex(record["hash"])
            salt = bytes.fromhex(record["salt"])
            n, r, p = int(record["n"]), int(record["r"]), int(record["p"])
        except (OSError, ValueError, KeyError, TypeError):
            return False
        if not (pin.isascii() and pin.isdigit() and len(pin) <= MAX_DIGITS):
            _hash("0", salt, n, r, p)  # same cost either way: no timing hint
            return False
        return hmac.compare_digest(_hash(pin, salt, n, r, p), expected)

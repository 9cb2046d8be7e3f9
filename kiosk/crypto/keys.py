"""The kiosk's Ed25519 signing key and the registry of kiosk public keys known to verifiers.

The private key is created on first run in the data folder with owner-only permissions. The
registry (a JSON file for the embedded default) maps kiosk ids to raw public keys in base64.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import os
from pathlib import Path

from kiosk.crypto.primitives import Ed25519PrivateKey, Ed25519PublicKey, KeyFormatError

KEY_FILE = "kiosk-signing-key.pem"
REGISTRY_FILE = "kiosk-keys.json"


def ensure_private_dir(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def write_secret(path: Path, data: bytes) -> None:
    """Write a file that only its owner can read, created with those permissions (no window)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def load_or_create_signing_key(data_dir: Path) -> Ed25519PrivateKey:
    path = ensure_private_dir(data_dir) / KEY_FILE
    if not path.exists():
        pem = Ed25519PrivateKey.generate().to_pem()  # unencrypted PKCS#8, as before
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
            write_secret(path, pem)
    try:
        return Ed25519PrivateKey.from_pem(path.read_bytes())
    except KeyFormatError as exc:
        raise ValueError(f"{path} does not hold an Ed25519 key ({exc})") from None


def kiosk_signing_key(data_dir: Path, kiosk_id: str) -> Ed25519PrivateKey:
    """The kiosk's signing key, entered in the local registry so `kiosk verify` here accepts it."""
    key = load_or_create_signing_key(data_dir)
    registry = registry_for(data_dir)
    if registry.get(kiosk_id) is None:
        registry.register(kiosk_id, key.public_key())
    return key


def public_b64(key: Ed25519PublicKey) -> str:
    return base64.b64encode(key.public_bytes_raw()).decode("ascii")


class KeyRegistry:
    """Kiosk id → public key, stored as a JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return {str(k): str(v) for k, v in data.items()}

    def get(self, kiosk_id: str) -> Ed25519PublicKey | None:
        value = self._read().get(kiosk_id)
        if value is None:
            return None
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(value))

    def keys_at(self, kiosk_id: str, signed_at: dt.datetime) -> list[Ed25519PublicKey]:
        """Every key that may have signed a code made at `signed_at`: the current one first, then
        retired ones retired after that time. A JSON registry keeps no history: the current key."""
        current = self.get(kiosk_id)
        return [] if current is None else [current]

    def register(self, kiosk_id: str, key: Ed25519PublicKey) -> None:
        entries = self._read()
        entries[kiosk_id] = public_b64(key)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(entries, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)


def registry_for(data_dir: Path) -> KeyRegistry:
    return KeyRegistry(data_dir / REGISTRY_FILE)

"""The QR payload: versioned, compact, signed, no personal data.

Text form (QR alphanumeric mode, so it fits version 8 at error correction M):
    K2:<REFERENCE>:<KIOSK-ID>:<FORM-ID>:<TIME base36>:<BOX HASH>:<Ed25519 signature, base32>
The box hash is the first 80 bits of SHA-256 over the sealed answers (base32, 16 characters), so
the signature covers the answers too: a sealed box moved to another row no longer matches.
The signature covers everything before the last ':'. Form ids are sent upper-case.
K1 (read only, made before binding) is the same without the box hash.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum

from kiosk.crypto.keys import KeyRegistry
from kiosk.crypto.primitives import Ed25519PrivateKey, InvalidSignature

VERSION = "K2"
LEGACY_VERSION = "K1"  # no box hash: answers not bound (kiosk.staff.binding decides)
BOX_HASH_CHARS = 16  # 80 bits
# fullmatch: `$` alone would let a trailing newline through.
_PART_RE = {
    "reference": re.compile(r"[A-Z0-9]{8}"),
    "kiosk": re.compile(r"[A-Z0-9][A-Z0-9-]{0,15}"),
    "form": re.compile(r"[A-Z][A-Z0-9_-]{0,39}"),
    "time": re.compile(r"[0-9A-Z]{1,8}"),
    "box": re.compile(r"[A-Z2-7]{16}"),
}
MAX_TEXT = 300  # a genuine K2 payload is at most 208 characters; anything longer is not ours
# Eight base-36 digits reach the year 91367, past what a datetime holds: malformed, not a crash.
# Any time before that is left to the signature (an edited time is "altered").
LATEST = dt.datetime(9000, 1, 1, tzinfo=dt.UTC)


class Verdict(StrEnum):
    GENUINE = "genuine"
    ALTERED = "altered"
    UNKNOWN_SIGNER = "unknown-signer"
    UNSUPPORTED = "unsupported-version"
    MALFORMED = "malformed"


@dataclass(frozen=True)
class Payload:
    reference: str
    kiosk_id: str
    form_id: str
    created: dt.datetime  # UTC, whole seconds
    box_hash: str = ""  # box_hash() of the sealed answers; "" only in a K1 (legacy) code

    @property
    def version(self) -> str:
        return VERSION if self.box_hash else LEGACY_VERSION

    def body(self) -> str:
        seconds = int(self.created.timestamp())
        parts = [self.version, self.reference, self.kiosk_id, self.form_id.upper(), _base36(seconds)]
        return ":".join([*parts, self.box_hash] if self.box_hash else parts)


def box_hash(sealed: bytes) -> str:
    """The short hash of a sealed box that a K2 code signs."""
    digest = hashlib.sha256(bytes(sealed)).digest()
    return base64.b32encode(digest[:10]).decode("ascii")


@dataclass(frozen=True)
class Verification:
    verdict: Verdict
    payload: Payload | None
    detail: str = ""

    @property
    def genuine(self) -> bool:
        return self.verdict is Verdict.GENUINE


def _base36(n: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def encode(payload: Payload, key: Ed25519PrivateKey) -> str:
    body = payload.body()
    signature = base64.b32encode(key.sign(body.encode("ascii"))).decode("ascii").rstrip("=")
    return f"{body}:{signature}"


def decode(text: str) -> tuple[Payload, bytes, str] | Verdict:
    """Split and parse a payload; returns (payload, signature, signed body) or a failure verdict.

    Never raises: whatever a scanner, a camera or a file hands over gets a verdict."""
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        return Verdict.MALFORMED
    text = text.strip()
    parts = text.split(":")
    if not parts or not parts[0].startswith("K"):
        return Verdict.MALFORMED
    if parts[0] not in (VERSION, LEGACY_VERSION):
        return Verdict.UNSUPPORTED if re.fullmatch(r"K\d+", parts[0]) else Verdict.MALFORMED
    if len(parts) != (7 if parts[0] == VERSION else 6):
        return Verdict.MALFORMED
    ref, kiosk, form, when, sig = *parts[1:5], parts[-1]
    box = parts[5] if parts[0] == VERSION else ""
    checks = [("reference", ref), ("kiosk", kiosk), ("form", form), ("time", when)]
    for name, value in checks + ([("box", box)] if parts[0] == VERSION else []):
        if not _PART_RE[name].fullmatch(value):
            return Verdict.MALFORMED
    try:
        signature = base64.b32decode(sig + "=" * (-len(sig) % 8))
    except (binascii.Error, ValueError):
        return Verdict.MALFORMED
    seconds = int(when, 36)
    if seconds >= LATEST.timestamp():
        return Verdict.MALFORMED
    created = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    payload = Payload(ref, kiosk, form.lower(), created, box)
    return payload, signature, text.rsplit(":", 1)[0]


def verify(text: str, registry: KeyRegistry) -> Verification:
    decoded = decode(text)
    if isinstance(decoded, Verdict):
        return Verification(decoded, None)
    payload, signature, body = decoded
    # A re-registered kiosk's old codes still verify with the key it had then (key history).
    candidates = registry.keys_at(payload.kiosk_id, payload.created)
    if not candidates:
        return Verification(Verdict.UNKNOWN_SIGNER, payload, f"no key for kiosk {payload.kiosk_id}")
    for public in candidates:
        try:
            public.verify(signature, body.encode("ascii"))
        except InvalidSignature:
            continue
        return Verification(Verdict.GENUINE, payload)
    return Verification(Verdict.ALTERED, payload, "the signature does not match")

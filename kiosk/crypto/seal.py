"""Sealed boxes: encrypt to the office's X25519 public key so the kiosk cannot read back answers.

Format v2 (written): b"SB2" | ephemeral public key (32) | nonce (12) | ChaCha20-Poly1305 ciphertext,
with associated data b"SB2" + the record's binding (`binding()`: submission id, reference, kiosk
id, form id and creation time). A box moved to another row, or a row's id, reference, kiosk, form
or time edited, no longer opens with that row's binding.
Format v1 (read only, made before binding): b"SB1" | same layout, associated data b"SB1" only.
The key is HKDF-SHA256 over the X25519 shared secret, bound to both public keys.
"""

from __future__ import annotations

import datetime as dt

from kiosk.crypto.primitives import (
    InvalidTag,
    X25519PrivateKey,
    X25519PublicKey,
    aead_decrypt,
    aead_encrypt,
    hkdf_sha256,
    random_bytes,
)

MAGIC = b"SB2"
LEGACY_MAGIC = b"SB1"
_HEADER = 3 + 32 + 12
_INFO = {MAGIC: b"kiosk-seal-v2", LEGACY_MAGIC: b"kiosk-seal-v1"}


class SealError(ValueError):
    """A sealed box that cannot be opened: wrong key, altered, or not this record's."""


def binding(submission_id: str, reference: str, kiosk_id: str, form_id: str,
            created: dt.datetime) -> bytes:  # fmt: skip
    """The associated data that ties a box to its record. Times are whole UTC seconds; form ids
    are compared lower-case (the QR code carries them upper-case)."""
    seconds = int(created.replace(tzinfo=created.tzinfo or dt.UTC).timestamp())
    parts = (submission_id.lower(), reference, kiosk_id, form_id.lower(), str(seconds))
    return "\x1f".join(parts).encode("utf-8")


def photo_binding(record: bytes, key: str) -> bytes:
    """The associated data of a picture (docs/photos.md): its record's binding plus the
    picture's key, so a picture opens only as that key of that record (never swapped between
    records, nor between the passport and the lease of one record)."""
    return record + b"\x1fphoto\x1f" + key.encode("utf-8")


def box_version(box: bytes) -> str | None:
    """'SB2', 'SB1', or None for something that is not a sealed box of a known version."""
    if len(box) < _HEADER + 16:
        return None
    head = bytes(box[:3])
    return head.decode("ascii") if head in _INFO else None


def _derive(shared: bytes, eph: bytes, recipient: bytes, info: bytes) -> bytes:
    return hkdf_sha256(shared, salt=eph + recipient, info=info, length=32)


def _seal(plaintext: bytes, recipient: X25519PublicKey, magic: bytes, aad: bytes) -> bytes:
    eph = X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes_raw()
    key = _derive(eph.exchange(recipient), eph_pub, recipient.public_bytes_raw(), _INFO[magic])
    nonce = random_bytes(12)
    return magic + eph_pub + nonce + aead_encrypt(key, nonce, plaintext, aad)


def seal(plaintext: bytes, recipient: X25519PublicKey, bound_to: bytes) -> bytes:
    """A v2 box of `plaintext` for `recipient`, opening only with the same `bound_to`."""
    return _seal(plaintext, recipient, MAGIC, MAGIC + bound_to)


def open_sealed(box: bytes, private: X25519PrivateKey, bound_to: bytes | None = None) -> bytes:
    """Open a box. A v2 box needs the binding of its record (`bound_to`); a v1 box has none, so
    the caller decides whether an unbound box is acceptable (kiosk.staff.binding)."""
    version = box_version(box)
    if version is None:
        raise SealError("not a sealed box of a known version")
    magic = version.encode("ascii")
    if magic == MAGIC and bound_to is None:
        raise SealError("a bound box needs its record to be opened")
    eph_pub, nonce, ciphertext = bytes(box[3:35]), bytes(box[35:47]), bytes(box[47:])
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
    except ValueError:  # a low-order point: no box a kiosk made
        raise SealError("the sealed box was altered") from None
    key = _derive(shared, eph_pub, private.public_key().public_bytes_raw(), _INFO[magic])
    aad = MAGIC + (bound_to or b"") if magic == MAGIC else LEGACY_MAGIC
    try:
        return aead_decrypt(key, nonce, ciphertext, aad)
    except InvalidTag:
        if magic == MAGIC:
            raise SealError("the sealed box was altered, is for another key, "
                            "or does not belong to this record") from None  # fmt: skip
        raise SealError("the sealed box was altered or is for another key") from None


def seal_legacy(plaintext: bytes, recipient: X25519PublicKey) -> bytes:
    """A v1 (unbound) box, as kiosks made before binding: for tests of old rows only."""
    return _seal(plaintext, recipient, LEGACY_MAGIC, LEGACY_MAGIC)

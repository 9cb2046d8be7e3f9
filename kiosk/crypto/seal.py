"""Sealed boxes: encrypt to the office's X25519 public key so the kiosk cannot read back answers.

Format v1: b"SB1" | ephemeral public key (32) | nonce (12) | ChaCha20-Poly1305 ciphertext.
The key is HKDF-SHA256 over the X25519 shared secret, bound to both public keys.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"SB1"


class SealError(ValueError):
    """A sealed box that cannot be opened: wrong key, or altered."""


def _raw(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _derive(shared: bytes, eph: bytes, recipient: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=eph + recipient, info=b"kiosk-seal-v1")
    return hkdf.derive(shared)


def seal(plaintext: bytes, recipient: X25519PublicKey) -> bytes:
    eph = X25519PrivateKey.generate()
    eph_pub = _raw(eph.public_key())
    key = _derive(eph.exchange(recipient), eph_pub, _raw(recipient))
    nonce = os.urandom(12)
    return MAGIC + eph_pub + nonce + ChaCha20Poly1305(key).encrypt(nonce, plaintext, MAGIC)


def open_sealed(box: bytes, private: X25519PrivateKey) -> bytes:
    if len(box) < 3 + 32 + 12 + 16 or not box.startswith(MAGIC):
        raise SealError("not a sealed box of a known version")
    eph_pub, nonce, ciphertext = box[3:35], box[35:47], box[47:]
    shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
    key = _derive(shared, eph_pub, _raw(private.public_key()))
    try:
        return ChaCha20Poly1305(key).decrypt(nonce, ciphertext, MAGIC)
    except InvalidTag:
        raise SealError("the sealed box was altered or is for another key") from None

"""The office private key at rest: scrypt + ChaCha20-Poly1305, in a versioned PEM-style file.

    -----BEGIN KIOSK OFFICE PRIVATE KEY-----
    base64( b"KOK2" | log2(n) | r | p | salt (16) | nonce (12) | ciphertext of the 32-byte key + tag )
    -----END KIOSK OFFICE PRIVATE KEY-----

Everything before the ciphertext is the AEAD's associated data, so the cost parameters cannot be
lowered in the file without the tag failing. scrypt n=2**17, r=8, p=1 takes ~0.3 s and 128 MiB on
the project's 2-core machine (PBKDF2 with 2048 rounds, cryptography's PKCS8 default that this
replaces, takes about a millisecond). Files written before (PKCS8 `ENCRYPTED PRIVATE KEY`) are
still read where the `cryptography` package is installed (PBKDF2 + AES-CBC: neither libsodium nor
the standard library has AES-CBC): the staff bundle and a development install carry it, the
lobby's bundle does not (issue 15). `kiosk keys upgrade-office-key` rewrites one in this format.
"""

from __future__ import annotations

import base64
import binascii

from kiosk.crypto.primitives import (
    InvalidTag,
    X25519PrivateKey,
    aead_decrypt,
    aead_encrypt,
    random_bytes,
    scrypt,
)

MAGIC = b"KOK2"
BEGIN = b"-----BEGIN KIOSK OFFICE PRIVATE KEY-----"
END = b"-----END KIOSK OFFICE PRIVATE KEY-----"
LEGACY_BEGIN = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"
LOG2_N, R, P = 17, 8, 1
# What a file may ask for: a crafted file must not make the office PC allocate gigabytes.
_LIMITS = {"log2_n": (14, 20), "r": (1, 16), "p": (1, 4)}
_HEADER = len(MAGIC) + 3 + 16 + 12


class WrongPassphrase(ValueError):
    """The passphrase does not open the key file (or the file was altered)."""


class KeyFileError(ValueError):
    """Not an office private key file of a known format."""


def _kdf(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    return scrypt(passphrase.encode("utf-8"), salt, n=2**log2_n, r=r, p=p, length=32)


def seal_private(key: X25519PrivateKey, passphrase: str, log2_n: int = LOG2_N) -> bytes:
    raw = key.private_bytes_raw()
    salt, nonce = random_bytes(16), random_bytes(12)
    header = MAGIC + bytes((log2_n, R, P)) + salt + nonce
    body = header + aead_encrypt(_kdf(passphrase, salt, log2_n, R, P), nonce, raw, header)
    lines = [base64.b64encode(body[i : i + 48]) for i in range(0, len(body), 48)]
    return b"\n".join([BEGIN, *lines, END]) + b"\n"


def is_legacy(data: bytes) -> bool:
    return data.lstrip().startswith(LEGACY_BEGIN)


def open_private(data: bytes, passphrase: str) -> X25519PrivateKey:
    """The key in `data` (this format or the older PKCS8 one). Raises WrongPassphrase or KeyFileError."""
    text = data.strip()
    if is_legacy(text):
        return _open_legacy(text, passphrase)
    if not (text.startswith(BEGIN) and text.endswith(END)):
        raise KeyFileError("not an office private key file")
    try:
        body = base64.b64decode(b"".join(text[len(BEGIN) : -len(END)].split()), validate=True)
    except (binascii.Error, ValueError):
        raise KeyFileError("the office private key file is damaged (not base64)") from None
    if len(body) != _HEADER + 32 + 16 or not body.startswith(MAGIC):
        raise KeyFileError("the office private key file is damaged or of an unknown version")
    log2_n, r, p = body[4], body[5], body[6]
    for name, value in (("log2_n", log2_n), ("r", r), ("p", p)):
        low, high = _LIMITS[name]
        if not low <= value <= high:
            raise KeyFileError(f"the office private key file asks for scrypt {name}={value}")
    salt, nonce, header = body[7:23], body[23:35], body[:_HEADER]
    try:
        key = _kdf(passphrase, salt, log2_n, r, p)
    except (ValueError, MemoryError):  # within the limits, but more memory than this PC gives
        raise KeyFileError(f"the office private key file asks for scrypt memory this PC cannot give "
                           f"(n=2**{log2_n}, r={r}, p={p})") from None  # fmt: skip
    try:
        raw = aead_decrypt(key, nonce, body[_HEADER:], header)
    except InvalidTag:
        why = "wrong passphrase for the office private key (or the file was altered)"
        raise WrongPassphrase(why) from None
    return X25519PrivateKey.from_private_bytes(raw)


LEGACY_NEEDS_CRYPTOGRAPHY = (
    "this office key file is in the old format (PKCS#8, PBKDF2), which needs the 'cryptography' "
    "package, not installed here: open it with the staff tools (the staff bundle, or an install "
    "with `pip install kiosk[legacy-keys]`) and re-save it with `kiosk keys upgrade-office-key FILE`"
)


def _open_legacy(data: bytes, passphrase: str) -> X25519PrivateKey:
    """The PKCS8 file `kiosk keys init-office` wrote before (PBKDF2, 2048 rounds). Imports
    `cryptography` here only: nothing else needs it, and the lobby's bundle leaves it out."""
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import x25519
    except ImportError:
        raise KeyFileError(LEGACY_NEEDS_CRYPTOGRAPHY) from None
    try:
        loaded = serialization.load_pem_private_key(data, password=passphrase.encode("utf-8"))
    except ValueError as exc:
        if "password" in str(exc).lower() or "decrypt" in str(exc).lower():
            raise WrongPassphrase("wrong passphrase for the office private key") from None
        raise KeyFileError(f"the office private key file cannot be read: {exc}") from None
    except TypeError as exc:
        raise KeyFileError(f"the office private key file cannot be read: {exc}") from None
    if not isinstance(loaded, x25519.X25519PrivateKey):
        raise KeyFileError("the file does not hold an X25519 private key")
    return X25519PrivateKey.from_private_bytes(loaded.private_bytes_raw())

"""Salted slow password hashes with hashlib.scrypt; the parameters travel inside each hash.

Format: ``scrypt$<log2 n>$<r>$<p>$<salt b64>$<hash b64>``. Raising the cost later only needs new
defaults: old hashes still verify with their own parameters and are upgraded at the next sign-in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

LOG2_N, R, P = 15, 8, 1  # 32 MiB and ~0.1 s per attempt on the 2-core office machine
SALT_BYTES, HASH_BYTES = 16, 32
MIN_PASSWORD = 10


def _scrypt(password: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    memory = 128 * r * (2**log2_n) * p
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=2**log2_n,
        r=r,
        p=p,
        maxmem=memory + 4 * 1024 * 1024,
        dklen=HASH_BYTES,
    )


def hash_password(password: str, log2_n: int = LOG2_N) -> str:
    salt = os.urandom(SALT_BYTES)
    digest = _scrypt(password, salt, log2_n, R, P)
    b64 = base64.b64encode
    return f"scrypt${log2_n}${R}${P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    """Constant-time check; a malformed stored hash never matches."""
    try:
        scheme, log2_n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), int(log2_n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def digest_for(password: str, params: str) -> str:
    """The base64 digest `password` gives under `params` (``scrypt$<log2 n>$<r>$<p>$<salt>``, what
    the office's `staff_sign_in_salt` hands out); '' for parameters that are not ours."""
    try:
        scheme, log2_n, r, p, salt = params.split("$")
        if scheme != "scrypt" or not (10 <= int(log2_n) <= 20 and 1 <= int(r) <= 32 and 1 <= int(p) <= 4):
            return ""
        digest = _scrypt(password, base64.b64decode(salt), int(log2_n), int(r), int(p))
    except (ValueError, TypeError):
        return ""
    return base64.b64encode(digest).decode()


def needs_rehash(stored: str) -> bool:
    return not stored.startswith(f"scrypt${LOG2_N}${R}${P}$")


# Checked against when the user does not exist, so an unknown name costs the same time.
DUMMY_HASH = "scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="

"""The few primitives the kiosk uses, over PyNaCl (libsodium) and the standard library.

X25519, Ed25519 and ChaCha20-Poly1305 (IETF, 12-byte nonce) come from libsodium; HKDF-SHA256
(RFC 5869) from `hmac`; scrypt from `hashlib` (OpenSSL). The key classes keep the method names of
the `cryptography` package they replace (issue 15: its 11.6 MB binding left the lobby bundle), and
every byte they write (raw keys, signatures, sealed boxes, PEM files) is what it wrote:
tests/core/test_crypto_compat.py checks both ways against `cryptography` itself.

PEM keys: the public half as SubjectPublicKeyInfo, the private half as unencrypted PKCS#8 (v1),
each a fixed DER prefix followed by the 32 raw bytes, parsed strictly here. Plain Python, no Qt;
every function is safe to call from any thread (libsodium keeps no per-call state).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os

from nacl import bindings
from nacl.exceptions import BadSignatureError, CryptoError
from nacl.exceptions import RuntimeError as NaclRuntimeError

KEY_BYTES = 32
SIGNATURE_BYTES = 64
NONCE_BYTES = 12
TAG_BYTES = 16

# DER of SubjectPublicKeyInfo / PKCS#8 PrivateKeyInfo (RFC 8410) up to the raw key.
_X25519_OID = b"\x06\x03\x2b\x65\x6e"  # 1.3.101.110
_ED25519_OID = b"\x06\x03\x2b\x65\x70"  # 1.3.101.112
_SPKI = b"\x30\x2a\x30\x05%s\x03\x21\x00"
_PKCS8 = b"\x30\x2e\x02\x01\x00\x30\x05%s\x04\x22\x04\x20"
_PUBLIC_LABEL, _PRIVATE_LABEL = b"PUBLIC KEY", b"PRIVATE KEY"


class InvalidTag(Exception):
    """An AEAD ciphertext that does not open: wrong key, nonce or associated data, or altered."""


class InvalidSignature(Exception):
    """An Ed25519 signature that does not verify."""


class KeyFormatError(ValueError):
    """Bytes that are not a key of the expected kind and encoding."""


def random_bytes(n: int) -> bytes:
    return os.urandom(n)


def _raw32(data: bytes, what: str) -> bytes:
    raw = bytes(data)
    if len(raw) != KEY_BYTES:
        raise KeyFormatError(f"an {what} is {KEY_BYTES} bytes, not {len(raw)}")
    return raw


# --- PEM ---------------------------------------------------------------------------------------
def pem_encode(label: bytes, der: bytes) -> bytes:
    """RFC 7468 armour, 64 base64 characters a line, as OpenSSL writes it."""
    text = base64.b64encode(der)
    lines = [text[i : i + 64] for i in range(0, len(text), 64)]
    return b"\n".join([b"-----BEGIN " + label + b"-----", *lines, b"-----END " + label + b"-----"]) + b"\n"


def pem_decode(label: bytes, data: bytes) -> bytes:
    """The DER inside one `label` armour; surrounding whitespace and CRLF line ends are allowed,
    nothing else (no headers, no second block, no text around it)."""
    begin, end = b"-----BEGIN " + label + b"-----", b"-----END " + label + b"-----"
    text = bytes(data).strip()
    if not (text.startswith(begin) and text.endswith(end)) or len(text) < len(begin) + len(end):
        raise KeyFormatError(f"not a PEM {label.decode()} block")
    inner = text[len(begin) : -len(end)]
    try:  # a header line ("Proc-Type: ...") or a second block is not base64 either
        return base64.b64decode(b"".join(inner.split()), validate=True)
    except (binascii.Error, ValueError):
        raise KeyFormatError(f"the PEM {label.decode()} block is not base64") from None


def _strip_prefix(der: bytes, prefix: bytes, what: str) -> bytes:
    if len(der) != len(prefix) + KEY_BYTES or not der.startswith(prefix):
        raise KeyFormatError(f"not an {what}")
    return der[len(prefix) :]


# --- X25519 ------------------------------------------------------------------------------------
class X25519PublicKey:
    __slots__ = ("_raw",)

    def __init__(self, raw: bytes) -> None:
        self._raw = _raw32(raw, "X25519 public key")

    @classmethod
    def from_public_bytes(cls, raw: bytes) -> X25519PublicKey:
        return cls(raw)

    @classmethod
    def from_pem(cls, data: bytes) -> X25519PublicKey:
        der = pem_decode(_PUBLIC_LABEL, data)
        return cls(_strip_prefix(der, _SPKI % _X25519_OID, "X25519 public key"))

    def public_bytes_raw(self) -> bytes:
        return self._raw

    def to_pem(self) -> bytes:
        return pem_encode(_PUBLIC_LABEL, _SPKI % _X25519_OID + self._raw)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, X25519PublicKey) and hmac.compare_digest(self._raw, other._raw)

    def __hash__(self) -> int:
        return hash(self._raw)


class X25519PrivateKey:
    __slots__ = ("_public", "_raw")

    def __init__(self, raw: bytes) -> None:
        self._raw = _raw32(raw, "X25519 private key")
        self._public = X25519PublicKey(bindings.crypto_scalarmult_base(self._raw))

    @classmethod
    def generate(cls) -> X25519PrivateKey:
        return cls(random_bytes(KEY_BYTES))

    @classmethod
    def from_private_bytes(cls, raw: bytes) -> X25519PrivateKey:
        return cls(raw)

    @classmethod
    def from_pem(cls, data: bytes) -> X25519PrivateKey:
        der = pem_decode(_PRIVATE_LABEL, data)
        return cls(_strip_prefix(der, _PKCS8 % _X25519_OID, "X25519 private key"))

    def private_bytes_raw(self) -> bytes:
        return self._raw

    def to_pem(self) -> bytes:
        return pem_encode(_PRIVATE_LABEL, _PKCS8 % _X25519_OID + self._raw)

    def public_key(self) -> X25519PublicKey:
        return self._public

    def exchange(self, peer: X25519PublicKey) -> bytes:
        """The shared secret. ValueError for a low-order peer point (an all-zero secret), as
        `cryptography` (OpenSSL) refuses it; libsodium refuses the same points."""
        try:
            shared = bindings.crypto_scalarmult(self._raw, peer.public_bytes_raw())
        except NaclRuntimeError:
            raise ValueError("X25519: the peer's public key is a low-order point") from None
        if not any(shared):  # not reached with libsodium's own check; kept as the rule itself
            raise ValueError("X25519: the shared secret is all zeros")
        return shared


# --- Ed25519 -----------------------------------------------------------------------------------
class Ed25519PublicKey:
    __slots__ = ("_raw",)

    def __init__(self, raw: bytes) -> None:
        self._raw = _raw32(raw, "Ed25519 public key")

    @classmethod
    def from_public_bytes(cls, raw: bytes) -> Ed25519PublicKey:
        return cls(raw)

    @classmethod
    def from_pem(cls, data: bytes) -> Ed25519PublicKey:
        der = pem_decode(_PUBLIC_LABEL, data)
        return cls(_strip_prefix(der, _SPKI % _ED25519_OID, "Ed25519 public key"))

    def public_bytes_raw(self) -> bytes:
        return self._raw

    def to_pem(self) -> bytes:
        return pem_encode(_PUBLIC_LABEL, _SPKI % _ED25519_OID + self._raw)

    def verify(self, signature: bytes, data: bytes) -> None:
        """Raises InvalidSignature. The length is checked first: libsodium reads the first 64
        bytes of signature + data, so a shorter signature would borrow bytes of the data."""
        signature = bytes(signature)
        if len(signature) != SIGNATURE_BYTES:
            raise InvalidSignature(f"an Ed25519 signature is {SIGNATURE_BYTES} bytes")
        try:
            bindings.crypto_sign_open(signature + bytes(data), self._raw)
        except BadSignatureError:
            raise InvalidSignature("the signature does not match") from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ed25519PublicKey) and hmac.compare_digest(self._raw, other._raw)

    def __hash__(self) -> int:
        return hash(self._raw)


class Ed25519PrivateKey:
    """A seed-based key (RFC 8032): the 32 raw bytes are the seed, as in `cryptography`."""

    __slots__ = ("_public", "_secret", "_seed")

    def __init__(self, seed: bytes) -> None:
        self._seed = _raw32(seed, "Ed25519 private key")
        public, self._secret = bindings.crypto_sign_seed_keypair(self._seed)
        self._public = Ed25519PublicKey(public)

    @classmethod
    def generate(cls) -> Ed25519PrivateKey:
        return cls(random_bytes(KEY_BYTES))

    @classmethod
    def from_private_bytes(cls, seed: bytes) -> Ed25519PrivateKey:
        return cls(seed)

    @classmethod
    def from_pem(cls, data: bytes) -> Ed25519PrivateKey:
        der = pem_decode(_PRIVATE_LABEL, data)
        return cls(_strip_prefix(der, _PKCS8 % _ED25519_OID, "Ed25519 private key"))

    def private_bytes_raw(self) -> bytes:
        return self._seed

    def to_pem(self) -> bytes:
        return pem_encode(_PRIVATE_LABEL, _PKCS8 % _ED25519_OID + self._seed)

    def public_key(self) -> Ed25519PublicKey:
        return self._public

    def sign(self, data: bytes) -> bytes:
        """The 64-byte signature (deterministic: the same key and data give the same bytes)."""
        return bindings.crypto_sign(bytes(data), self._secret)[:SIGNATURE_BYTES]


# --- AEAD, KDFs ----------------------------------------------------------------------------------
def aead_encrypt(key: bytes, nonce: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """ChaCha20-Poly1305 (RFC 8439): ciphertext followed by the 16-byte tag."""
    return bindings.crypto_aead_chacha20poly1305_ietf_encrypt(bytes(plaintext), bytes(aad), nonce, key)


def aead_decrypt(key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    """Raises InvalidTag."""
    ciphertext = bytes(ciphertext)
    if len(ciphertext) < TAG_BYTES:
        raise InvalidTag("shorter than a tag")
    try:
        return bindings.crypto_aead_chacha20poly1305_ietf_decrypt(ciphertext, bytes(aad), nonce, key)
    except CryptoError:
        raise InvalidTag("the ciphertext does not open") from None


def hkdf_sha256(ikm: bytes, salt: bytes, info: bytes, length: int = 32) -> bytes:
    """HKDF (RFC 5869) with SHA-256: extract, then expand to `length` bytes."""
    if not 0 < length <= 255 * 32:
        raise ValueError("HKDF-SHA256 gives 1 to 8160 bytes")
    prk = hmac.digest(salt or bytes(32), ikm, "sha256")
    out, block = b"", b""
    for counter in range(1, -(-length // 32) + 1):
        block = hmac.digest(prk, block + info + bytes((counter,)), "sha256")
        out += block
    return out[:length]


def scrypt(password: bytes, salt: bytes, n: int, r: int, p: int, length: int = 32) -> bytes:
    """scrypt (RFC 7914) with just the memory these parameters need (OpenSSL refuses more than
    `maxmem`, 32 MiB by default: n=2**17, r=8 needs 128 MiB). ValueError for parameters whose
    memory passes what hashlib accepts (2 GiB)."""
    needed = 128 * r * (n + 2) + 128 * r * p
    return hashlib.scrypt(password, salt=salt, n=n, r=r, p=p, maxmem=needed + 1024, dklen=length)

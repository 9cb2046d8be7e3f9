"""PyNaCl + stdlib (kiosk/crypto/primitives.py) against `cryptography`, byte for byte, both ways.

Every format the kiosk wrote with `cryptography` (sealed boxes, signatures, PEM key files, the
office key envelope) must read with the new code, and everything the new code writes must read
with `cryptography` (a test dependency: `pip install -e '.[dev]'`). The reference functions below
are the `cryptography` code the kiosk ran before issue 15, kept here as the yardstick.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature as CgInvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kiosk.crypto import envelope, primitives
from kiosk.crypto.keys import KEY_FILE, load_or_create_signing_key, public_b64
from kiosk.crypto.office import load_public, write_keypair
from kiosk.crypto.primitives import Ed25519PrivateKey, Ed25519PublicKey, X25519PrivateKey, X25519PublicKey
from kiosk.crypto.seal import SealError, binding, open_sealed, seal, seal_legacy
from kiosk.qrpayload import Payload, encode

PEM, RAW = serialization.Encoding.PEM, serialization.Encoding.Raw
NO_ENCRYPTION = serialization.NoEncryption()
BOUND = binding("0f8fad5b-d9cb-469f-a165-70867728950e", "ACEFGHJK", "SK-LOBBY-1", "temporary-residence",
                dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.UTC))  # fmt: skip
# Curve25519 points of small order (RFC 7748 §6.1 asks to refuse their all-zero secrets).
LOW_ORDER = [
    bytes(32),
    b"\x01" + bytes(31),
    bytes.fromhex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
    bytes.fromhex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
    bytes.fromhex("ec" + "ff" * 30 + "7f"),  # p - 1
]


def cg_raw_public(key: x25519.X25519PublicKey | ed25519.Ed25519PublicKey) -> bytes:
    return key.public_bytes(RAW, serialization.PublicFormat.Raw)


# --- the `cryptography` code of kiosk/crypto/seal.py before issue 15 --------------------------------
def reference_seal(plaintext: bytes, recipient: x25519.X25519PublicKey, magic: bytes, aad: bytes) -> bytes:
    eph = x25519.X25519PrivateKey.generate()
    eph_pub = cg_raw_public(eph.public_key())
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=eph_pub + cg_raw_public(recipient),
                info=b"kiosk-seal-v2" if magic == b"SB2" else b"kiosk-seal-v1")  # fmt: skip
    key = hkdf.derive(eph.exchange(recipient))
    nonce = os.urandom(12)
    return magic + eph_pub + nonce + ChaCha20Poly1305(key).encrypt(nonce, plaintext, aad)


def reference_open(box: bytes, private: x25519.X25519PrivateKey, aad: bytes) -> bytes:
    eph_pub, nonce = box[3:35], box[35:47]
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=eph_pub + cg_raw_public(private.public_key()),
                info=b"kiosk-seal-v2" if box[:3] == b"SB2" else b"kiosk-seal-v1")  # fmt: skip
    key = hkdf.derive(private.exchange(x25519.X25519PublicKey.from_public_bytes(eph_pub)))
    return ChaCha20Poly1305(key).decrypt(nonce, box[47:], aad)


def test_a_box_sealed_now_opens_with_cryptography_and_the_other_way() -> None:
    cg_office = x25519.X25519PrivateKey.generate()
    office = X25519PrivateKey.from_private_bytes(cg_office.private_bytes_raw())
    assert office.public_key().public_bytes_raw() == cg_raw_public(cg_office.public_key())
    message = "答案 réponse".encode() * 40

    box = seal(message, office.public_key(), BOUND)
    assert reference_open(box, cg_office, b"SB2" + BOUND) == message
    assert reference_open(seal_legacy(message, office.public_key()), cg_office, b"SB1") == message

    old_box = reference_seal(message, cg_office.public_key(), b"SB2", b"SB2" + BOUND)
    assert open_sealed(old_box, office, BOUND) == message
    with pytest.raises(SealError, match="does not belong to this record"):
        open_sealed(old_box, office, BOUND + b"x")
    old_v1 = reference_seal(message, cg_office.public_key(), b"SB1", b"SB1")
    assert open_sealed(old_v1, office) == message
    altered = bytearray(old_v1)
    altered[-1] ^= 1
    with pytest.raises(SealError, match="altered or is for another key"):
        open_sealed(bytes(altered), office)


@pytest.mark.parametrize("point", LOW_ORDER, ids=lambda p: p[:2].hex())
def test_a_low_order_point_is_refused_as_cryptography_refused_it(point: bytes) -> None:
    cg_office = x25519.X25519PrivateKey.generate()
    with pytest.raises(ValueError):
        cg_office.exchange(x25519.X25519PublicKey.from_public_bytes(point))
    office = X25519PrivateKey.from_private_bytes(cg_office.private_bytes_raw())
    with pytest.raises(ValueError, match=r"low-order|all zeros"):
        office.exchange(X25519PublicKey.from_public_bytes(point))
    box = b"SB2" + point + bytes(12) + bytes(40)
    with pytest.raises(SealError, match="altered"):
        open_sealed(box, office, BOUND)


def test_x25519_agrees_with_cryptography() -> None:
    ours, theirs = X25519PrivateKey.generate(), x25519.X25519PrivateKey.generate()
    cg_ours = x25519.X25519PrivateKey.from_private_bytes(ours.private_bytes_raw())
    assert cg_raw_public(cg_ours.public_key()) == ours.public_key().public_bytes_raw()
    peer = X25519PublicKey.from_public_bytes(cg_raw_public(theirs.public_key()))
    assert ours.exchange(peer) == cg_ours.exchange(theirs.public_key())


# --- Ed25519 -----------------------------------------------------------------------------------------
def test_ed25519_signatures_are_the_same_bytes_and_verify_both_ways() -> None:
    seed = os.urandom(32)
    ours, cg = Ed25519PrivateKey.from_private_bytes(seed), ed25519.Ed25519PrivateKey.from_private_bytes(seed)
    assert ours.public_key().public_bytes_raw() == cg_raw_public(cg.public_key())
    for message in (b"", b"K2:ACEFGHJK:SK-LOBBY-1", os.urandom(1000)):
        signature = ours.sign(message)
        assert len(signature) == 64 and signature == cg.sign(message)  # Ed25519 is deterministic
        cg.public_key().verify(signature, message)  # raises if not
        ours.public_key().verify(cg.sign(message), message)
    with pytest.raises(CgInvalidSignature):
        cg.public_key().verify(ours.sign(b"one"), b"two")
    with pytest.raises(primitives.InvalidSignature):
        ours.public_key().verify(cg.sign(b"one"), b"two")


def test_a_qr_code_signed_now_verifies_with_cryptography() -> None:
    ours = Ed25519PrivateKey.generate()
    cg_public = ed25519.Ed25519PublicKey.from_public_bytes(ours.public_key().public_bytes_raw())
    code = Payload("ACEFGHJK", "SK-LOBBY-1", "temporary-residence",
                   dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.UTC), "ABCDEFGHIJKLMNOP")  # fmt: skip
    text = encode(code, ours)
    body, sig = text.rsplit(":", 1)
    cg_public.verify(base64.b32decode(sig + "=" * (-len(sig) % 8)), body.encode("ascii"))


def test_a_signature_of_another_length_never_verifies() -> None:
    """libsodium reads signature + message as one buffer: a short signature must not borrow the
    first byte of the data, nor a long one lend its last byte to the data."""
    key = Ed25519PrivateKey.generate()
    message = b"K2:ACEFGHJK:SK-LOBBY-1:TEMPORARY-RESIDENCE"
    signature = key.sign(message)
    key.public_key().verify(signature, message)
    cases = [
        (signature[:63], signature[63:] + message),  # the same 64 + n bytes in one buffer
        (signature + message[:1], message[1:]),
        (b"", signature + message),
        (signature[:63], message),
    ]
    for wrong, data in cases:
        with pytest.raises(primitives.InvalidSignature):
            key.public_key().verify(wrong, data)


# --- PEM key files -----------------------------------------------------------------------------------
def test_pem_files_are_byte_for_byte_what_cryptography_writes(tmp_path: Path) -> None:
    cg_signer = ed25519.Ed25519PrivateKey.generate()
    signer = Ed25519PrivateKey.from_private_bytes(cg_signer.private_bytes_raw())
    assert signer.to_pem() == cg_signer.private_bytes(PEM, serialization.PrivateFormat.PKCS8, NO_ENCRYPTION)
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    assert signer.public_key().to_pem() == cg_signer.public_key().public_bytes(PEM, spki)
    cg_office = x25519.X25519PrivateKey.generate()
    office = X25519PrivateKey.from_private_bytes(cg_office.private_bytes_raw())
    assert office.public_key().to_pem() == cg_office.public_key().public_bytes(PEM, spki)
    assert office.to_pem() == cg_office.private_bytes(PEM, serialization.PrivateFormat.PKCS8, NO_ENCRYPTION)


def test_key_files_written_by_cryptography_still_load(tmp_path: Path) -> None:
    cg_signer = ed25519.Ed25519PrivateKey.generate()
    data = tmp_path / "data"
    data.mkdir()
    pem = cg_signer.private_bytes(PEM, serialization.PrivateFormat.PKCS8, NO_ENCRYPTION)
    (data / KEY_FILE).write_bytes(pem)
    loaded = load_or_create_signing_key(data)
    assert loaded.private_bytes_raw() == cg_signer.private_bytes_raw()
    assert loaded.sign(b"x") == cg_signer.sign(b"x")
    public = tmp_path / "office-public-key.pem"
    cg_office = x25519.X25519PrivateKey.generate()
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    public.write_bytes(cg_office.public_key().public_bytes(PEM, spki))
    assert load_public(public).public_bytes_raw() == cg_raw_public(cg_office.public_key())
    assert X25519PublicKey.from_pem(public.read_bytes().replace(b"\n", b"\r\n")) == load_public(public)


def test_key_files_written_now_load_with_cryptography(tmp_path: Path) -> None:
    data = tmp_path / "data"
    signer = load_or_create_signing_key(data)
    cg_signer = serialization.load_pem_private_key((data / KEY_FILE).read_bytes(), password=None)
    assert isinstance(cg_signer, ed25519.Ed25519PrivateKey)
    assert cg_signer.private_bytes_raw() == signer.private_bytes_raw()
    assert public_b64(signer.public_key()) == base64.b64encode(cg_raw_public(cg_signer.public_key())).decode()
    public = write_keypair(tmp_path / "private.pem", tmp_path / "public.pem", "a passphrase", log2_n=14)
    cg_public = serialization.load_pem_public_key((tmp_path / "public.pem").read_bytes())
    assert isinstance(cg_public, x25519.X25519PublicKey)
    assert cg_raw_public(cg_public) == public.public_bytes_raw()


def test_pem_parsing_is_strict(tmp_path: Path) -> None:
    signer = Ed25519PrivateKey.generate()
    office = X25519PrivateKey.generate()
    good = signer.to_pem()
    der = base64.b64decode(b"".join(good.split(b"\n")[1:-2]))
    bad = {
        "another kind of key": office.to_pem(),
        "a public key": signer.public_key().to_pem(),
        "one byte short": primitives.pem_encode(b"PRIVATE KEY", der[:-1]),
        "one byte more": primitives.pem_encode(b"PRIVATE KEY", der + b"\x00"),
        "another prefix": primitives.pem_encode(b"PRIVATE KEY", b"\x30\x2e\x02\x01\x01" + der[5:]),
        "other armour": good.replace(b"PRIVATE KEY", b"EC PRIVATE KEY"),
        "no end line": good.split(b"-----END")[0],
        "not base64": good.replace(good.split(b"\n")[1][:4], b"!!!!"),
        "a stray character": good.replace(b"-----\n", b"-----\n*", 1),
        "a header": good.replace(b"-----\n", b"-----\nProc-Type: 4,ENCRYPTED\n", 1),
        "two blocks": good + good,
        "empty": b"",
    }
    for why, data in bad.items():
        try:
            Ed25519PrivateKey.from_pem(data)
        except primitives.KeyFormatError:
            pass
        else:
            pytest.fail(f"accepted: {why}")
        (tmp_path / KEY_FILE).write_bytes(data)
        with pytest.raises(ValueError, match="does not hold an Ed25519 key"):
            load_or_create_signing_key(tmp_path)
    padded = Ed25519PrivateKey.from_pem(b"\n  " + good + b"\n\n")
    assert padded.private_bytes_raw() == signer.private_bytes_raw()
    (tmp_path / "public.pem").write_bytes(signer.public_key().to_pem())  # Ed25519, not X25519
    with pytest.raises(ValueError, match="does not hold an X25519 public key"):
        load_public(tmp_path / "public.pem")
    with pytest.raises(primitives.KeyFormatError):
        Ed25519PublicKey.from_public_bytes(bytes(31))


# --- the office key envelope and its KDFs ------------------------------------------------------------
def test_the_office_key_envelope_reads_both_ways() -> None:
    cg_office = x25519.X25519PrivateKey.generate()
    office = X25519PrivateKey.from_private_bytes(cg_office.private_bytes_raw())
    passphrase = "a long office passphrase"

    text = envelope.seal_private(office, passphrase, log2_n=14)
    body = base64.b64decode(b"".join(text.split(b"\n")[1:-2]))
    assert body[:7] == b"KOK2" + bytes((14, 8, 1))
    key = Scrypt(salt=body[7:23], length=32, n=2**14, r=8, p=1).derive(passphrase.encode())
    assert ChaCha20Poly1305(key).decrypt(body[23:35], body[35:], body[:35]) == cg_office.private_bytes_raw()

    salt, nonce = os.urandom(16), os.urandom(12)
    header = b"KOK2" + bytes((14, 8, 1)) + salt + nonce
    key = Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(passphrase.encode())
    made = header + ChaCha20Poly1305(key).encrypt(nonce, cg_office.private_bytes_raw(), header)
    lines = [base64.b64encode(made[i : i + 48]) for i in range(0, len(made), 48)]
    old_text = b"\n".join([envelope.BEGIN, *lines, envelope.END]) + b"\n"
    assert envelope.open_private(old_text, passphrase).private_bytes_raw() == cg_office.private_bytes_raw()
    with pytest.raises(envelope.WrongPassphrase):
        envelope.open_private(old_text, "another passphrase")


@pytest.mark.parametrize("length", [1, 32, 33, 64, 100])
def test_hkdf_sha256_is_cryptographys(length: int) -> None:
    ikm, salt, info = os.urandom(32), os.urandom(64), b"kiosk-seal-v2"
    for s in (salt, b""):
        expected = HKDF(algorithm=hashes.SHA256(), length=length, salt=s or None, info=info).derive(ikm)
        assert primitives.hkdf_sha256(ikm, s, info, length) == expected


def test_hkdf_sha256_rfc5869_case_1() -> None:
    okm = primitives.hkdf_sha256(bytes([0x0B] * 22), bytes(range(13)), bytes(range(0xF0, 0xFA)), 42)
    assert okm.hex() == ("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                         "34007208d5b887185865")  # fmt: skip


def test_scrypt_is_cryptographys() -> None:
    salt = os.urandom(16)
    for log2_n, r, p in ((14, 8, 1), (15, 4, 2)):
        expected = Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(b"pass")
        assert primitives.scrypt(b"pass", salt, n=2**log2_n, r=r, p=p) == expected
    with pytest.raises(ValueError):  # 2 GiB: beyond what hashlib (OpenSSL) is allowed to take
        primitives.scrypt(b"pass", salt, n=2**20, r=16, p=1)


def test_aead_is_chacha20_poly1305_ietf() -> None:
    key, nonce, aad = os.urandom(32), os.urandom(12), b"SB2"
    box = primitives.aead_encrypt(key, nonce, b"answers", aad)
    assert ChaCha20Poly1305(key).decrypt(nonce, box, aad) == b"answers"
    assert primitives.aead_decrypt(key, nonce, ChaCha20Poly1305(key).encrypt(nonce, b"x", aad), aad) == b"x"
    for wrong in (box[:-1] + bytes([box[-1] ^ 1]), box[:15], b""):
        with pytest.raises(primitives.InvalidTag):
            primitives.aead_decrypt(key, nonce, wrong, aad)
    with pytest.raises(primitives.InvalidTag):
        primitives.aead_decrypt(key, nonce, box, b"SB1")

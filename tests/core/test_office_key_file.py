"""The office private key file: scrypt + ChaCha20-Poly1305, versioned; old PKCS8 files still open."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import x25519

from kiosk.crypto import envelope
from kiosk.crypto.envelope import KeyFileError, WrongPassphrase
from kiosk.crypto.office import PRIVATE_FILE, init_office_keys, load_private, load_public, upgrade_private
from kiosk.crypto.primitives import X25519PrivateKey
from tests.core.helpers import run_kiosk

PASSPHRASE = "a long office passphrase"


def raw(key: X25519PrivateKey | x25519.X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes_raw()


def legacy_file(path: Path, passphrase: str) -> x25519.X25519PrivateKey:
    """A key file as `kiosk keys init-office` wrote it before (with `cryptography`): PKCS8,
    PBKDF2 with 2048 rounds."""
    key = x25519.X25519PrivateKey.generate()
    encryption = serialization.BestAvailableEncryption(passphrase.encode())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    path.write_bytes(pem)
    os.chmod(path, 0o600)
    return key


def body(path: Path) -> bytes:
    lines = path.read_bytes().split(b"\n")
    return base64.b64decode(b"".join(lines[1:-2]))


def test_round_trip_with_scrypt_parameters_in_the_file(tmp_path: Path) -> None:
    private, public = init_office_keys(tmp_path / "office", PASSPHRASE)
    text = private.read_bytes()
    assert text.startswith(b"-----BEGIN KIOSK OFFICE PRIVATE KEY-----")
    assert b"ENCRYPTED PRIVATE KEY" not in text
    assert body(private)[:7] == b"KOK2" + bytes((17, 8, 1))  # scrypt n=2**17, r=8, p=1
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    key = load_private(private, PASSPHRASE)
    assert raw(key) == load_public(public).public_bytes_raw()


def test_a_wrong_passphrase_is_a_clear_error(tmp_path: Path) -> None:
    private, _public = init_office_keys(tmp_path / "office", PASSPHRASE)
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        load_private(private, "not the passphrase")
    old = tmp_path / "old.pem"
    legacy_file(old, PASSPHRASE)
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        load_private(old, "not the passphrase")


def test_lowered_cost_or_altered_files_do_not_open(tmp_path: Path) -> None:
    private, _public = init_office_keys(tmp_path / "office", PASSPHRASE)
    data = bytearray(body(private))
    data[4] = 14  # an attacker lowering n in the file: the header is authenticated
    lowered = tmp_path / "lowered.pem"
    lowered.write_bytes(envelope.BEGIN + b"\n" + base64.b64encode(bytes(data)) + b"\n" + envelope.END + b"\n")
    with pytest.raises(WrongPassphrase):
        load_private(lowered, PASSPHRASE)
    data[4] = 40  # a memory bomb: refused before scrypt runs
    lowered.write_bytes(envelope.BEGIN + b"\n" + base64.b64encode(bytes(data)) + b"\n" + envelope.END + b"\n")
    with pytest.raises(KeyFileError, match="log2_n=40"):
        load_private(lowered, PASSPHRASE)
    armour = envelope.BEGIN + b"\n%s\n" + envelope.END
    for junk in (b"", b"hello", armour % b"!!!", armour % b"S09L"):
        lowered.write_bytes(junk)
        with pytest.raises(KeyFileError):
            load_private(lowered, PASSPHRASE)


def test_an_old_pkcs8_file_is_read_and_upgraded_in_place(tmp_path: Path) -> None:
    old = tmp_path / PRIVATE_FILE
    key = legacy_file(old, PASSPHRASE)
    assert raw(load_private(old, PASSPHRASE)) == raw(key)  # still readable as it is
    with pytest.raises(WrongPassphrase):
        upgrade_private(old, "not the passphrase")
    assert envelope.is_legacy(old.read_bytes())  # untouched after a wrong passphrase
    assert upgrade_private(old, PASSPHRASE) is True
    assert not envelope.is_legacy(old.read_bytes()) and body(old).startswith(b"KOK2")
    assert raw(load_private(old, PASSPHRASE)) == raw(key)  # the same key, the same passphrase
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    assert upgrade_private(old, PASSPHRASE) is False  # already current
    assert sorted(p.name for p in tmp_path.iterdir()) == [PRIVATE_FILE]


def test_the_upgrade_command(tmp_path: Path) -> None:
    old = tmp_path / PRIVATE_FILE
    legacy_file(old, PASSPHRASE)
    env = {**os.environ, "KIOSK_OFFICE_PASSPHRASE": "not the passphrase"}
    wrong = run_kiosk("keys", "upgrade-office-key", str(old), env=env)
    assert wrong.returncode == 2 and "wrong passphrase" in wrong.stderr and "Traceback" not in wrong.stderr
    env["KIOSK_OFFICE_PASSPHRASE"] = PASSPHRASE
    done = run_kiosk("keys", "upgrade-office-key", str(old), env=env)
    assert done.returncode == 0, done.stderr
    assert "rewritten" in done.stdout and not envelope.is_legacy(old.read_bytes())

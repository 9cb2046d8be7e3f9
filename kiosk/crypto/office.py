"""The office's X25519 key pair: the kiosk seals answers to its public half.

The kiosk only ever holds the public key. For a laptop demo with no office, and only when the
config says `demo = true`, a demo pair is made in the data folder on first run (private half
owner-only, encrypted with the demo passphrase).
"""

from __future__ import annotations

from pathlib import Path

from kiosk.crypto import envelope
from kiosk.crypto.keys import ensure_private_dir, write_secret
from kiosk.crypto.primitives import KeyFormatError, X25519PrivateKey, X25519PublicKey

DEMO_PRIVATE_FILE = "office-demo-private-key.pem"
DEMO_PASSPHRASE = "demo"
DEMO_LOG2_N = 14


def write_keypair(private_path: Path, public_path: Path, passphrase: str,
                  log2_n: int = envelope.LOG2_N) -> X25519PublicKey:  # fmt: skip
    """The private half in kiosk.crypto.envelope's format (scrypt + ChaCha20-Poly1305)."""
    key = X25519PrivateKey.generate()
    write_secret(private_path, envelope.seal_private(key, passphrase, log2_n))
    public = key.public_key()
    public_path.write_bytes(public.to_pem())  # SubjectPublicKeyInfo PEM, as before
    return public


def load_public(path: Path) -> X25519PublicKey:
    try:
        return X25519PublicKey.from_pem(path.read_bytes())
    except KeyFormatError as exc:
        raise ValueError(f"{path} does not hold an X25519 public key ({exc})") from None


def load_private(path: Path, passphrase: str) -> X25519PrivateKey:
    """Either format (kiosk.crypto.envelope). Raises envelope.WrongPassphrase or KeyFileError
    (both ValueError) or OSError."""
    return envelope.open_private(path.read_bytes(), passphrase)


def upgrade_private(path: Path, passphrase: str) -> bool:
    """Rewrite an older (PKCS8, PBKDF2) key file in the current format, same key and passphrase;
    False when it already is. The old file is replaced atomically, never left half-written."""
    data = path.read_bytes()
    key = envelope.open_private(data, passphrase)
    if not envelope.is_legacy(data):
        return False
    fresh = path.with_name(path.name + ".new")
    fresh.unlink(missing_ok=True)
    write_secret(fresh, envelope.seal_private(key, passphrase))
    fresh.replace(path)
    return True


def office_public_key(public_path: Path, data_dir: Path, *, demo: bool = False) -> X25519PublicKey:
    """The office public key; in demo mode only, makes the demo pair beside it when it is the
    default and missing (FileNotFoundError otherwise)."""
    if demo and not public_path.exists() and public_path.parent == data_dir:
        ensure_private_dir(data_dir)
        # The demo passphrase is public: a costly KDF would protect nothing, only slow tests.
        return write_keypair(data_dir / DEMO_PRIVATE_FILE, public_path, DEMO_PASSPHRASE, DEMO_LOG2_N)
    return load_public(public_path)


PRIVATE_FILE = "office-private-key.pem"
PUBLIC_FILE = "office-public-key.pem"
MIN_PASSPHRASE = 12


def init_office_keys(folder: Path, passphrase: str) -> tuple[Path, Path]:
    """Make the office key pair in `folder`: the private half encrypted with `passphrase`.

    Refuses to overwrite an existing pair (FileExistsError): losing the private key loses every
    submission sealed to it.
    """
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValueError(f"the passphrase must have at least {MIN_PASSPHRASE} characters")
    ensure_private_dir(folder)
    private_path, public_path = folder / PRIVATE_FILE, folder / PUBLIC_FILE
    if public_path.exists():
        raise FileExistsError(public_path)
    write_keypair(private_path, public_path, passphrase)
    return private_path, public_path

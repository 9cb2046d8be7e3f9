"""The lobby runs without the `cryptography` package (issue 15: its 11.6 MB left the bundle).

Only the reader of old PKCS8 office key files imports it, inside that one function; without it,
that reader says what to do and everything else (sealing, signing, key files) works.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import x25519

from tests.core.helpers import ROOT

KIOSK = ROOT / "kiosk"
# Run first in the child: any `import cryptography...` then fails as on the lobby's bundle.
BLOCK = "import sys; sys.modules['cryptography'] = None\n"


def cryptography_imports(path: Path) -> list[tuple[str, int]]:
    """(enclosing function or '<module>', line) of every import of cryptography in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.level == 0:
                names = [child.module or ""]
            else:
                visit(child, where)
                continue
            if any(name.split(".")[0] == "cryptography" for name in names):
                found.append((where, child.lineno))

    visit(tree, "<module>")
    return found


def test_only_the_legacy_key_reader_imports_cryptography() -> None:
    places = {
        f"{path.relative_to(ROOT)}:{where}"
        for path in sorted(KIOSK.rglob("*.py"))
        for where, _line in cryptography_imports(path)
    }
    assert places == {"kiosk/crypto/envelope.py:_open_legacy"}


def test_the_checker_sees_imports_at_any_depth(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "import os\nif True:\n    import cryptography.x509\n"
        "def f():\n    from cryptography.hazmat import primitives\n"
        "class C:\n    def g(self):\n        import cryptographyx\n"
    )
    assert cryptography_imports(source) == [("<module>", 3), ("f", 5)]


def test_importing_every_kiosk_module_loads_no_cryptography() -> None:
    """The lobby's bundle carries every kiosk module (kiosk.spec collects them): the UI, sync,
    printing, QR and crypto modules among them. Importing all of them must not need it."""
    script = (
        "import importlib, pathlib, sys\n"
        "names = sorted('.'.join(p.with_suffix('').parts).removesuffix('.__init__')\n"
        "               for p in pathlib.Path('kiosk').rglob('*.py')\n"
        "               if p.name != '__main__.py' and 'migrations' not in p.parts)\n"
        "assert {'kiosk.qt.app', 'kiosk.sync.worker', 'kiosk.printing.cups'} <= set(names)\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(len(names), ' '.join(sorted(m for m in sys.modules if m.split('.')[0] == 'cryptography')))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            timeout=180, env=env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    count, _, loaded = result.stdout.strip().partition(" ")
    assert int(count) > 150 and loaded == ""


def test_without_cryptography_an_old_key_file_says_what_to_do(tmp_path: Path) -> None:
    old = tmp_path / "office-private-key.pem"
    key = x25519.X25519PrivateKey.generate()
    encryption = serialization.BestAvailableEncryption(b"a long office passphrase")
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    old.write_bytes(pem)
    script = BLOCK + (
        "from pathlib import Path\n"
        "import datetime as dt\n"
        "from kiosk.crypto.envelope import KeyFileError\n"
        "from kiosk.crypto.office import init_office_keys, load_private, load_public\n"
        "from kiosk.crypto.keys import load_or_create_signing_key\n"
        "from kiosk.crypto.seal import open_sealed, seal\n"
        "from kiosk.qrpayload import Payload, encode\n"
        "folder = Path(sys.argv[1])\n"
        "private, public = init_office_keys(folder / 'office', 'a long office passphrase')\n"
        "box = seal(b'answers', load_public(public), b'bound')\n"
        "office = load_private(private, 'a long office passphrase')\n"
        "assert open_sealed(box, office, b'bound') == b'answers'\n"
        "when = dt.datetime(2027, 3, 1, tzinfo=dt.UTC)\n"
        "encode(Payload('ACEFGHJK', 'SK-1', 'dog', when), load_or_create_signing_key(folder / 'data'))\n"
        "try:\n"
        "    load_private(folder / 'office-private-key.pem', 'a long office passphrase')\n"
        "except KeyFileError as exc:\n"
        "    print(exc)\n"
        "assert 'cryptography' not in [m.split('.')[0] for m in sys.modules if sys.modules[m] is not None]\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "old format" in result.stdout and "kiosk keys upgrade-office-key" in result.stdout

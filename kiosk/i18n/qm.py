"""Compile the QML strings of each catalog into a Qt .qm file (via a .ts and lrelease).

Why not a Python QTranslator subclass: QML's type loader thread calls QCoreApplication::translate
(for error strings) while the GUI thread holds the GIL and waits for that loader; a Python
override then needs the GIL and both threads deadlock (seen when the virtual keyboard loads its
dial-pad layout). A plain C++ QTranslator loaded from a .qm never touches Python.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kiosk import paths
from kiosk.i18n.catalog import catalog_path, read_catalog
from kiosk.i18n.extract import qml_messages
from kiosk.i18n.pseudo import PSEUDO, pseudo


def qm_dir(root: Path | None = None) -> Path:
    return (root or paths.app_root()) / "i18n" / "qm"


def qm_path(lang: str, root: Path | None = None) -> Path:
    return qm_dir(root) / f"{lang}.qm"


def ts_document(lang: str, root: Path | None = None) -> str:
    """A Qt Linguist .ts with one context per QML file, translated from the .po catalog."""
    root = root or paths.app_root()
    if lang == PSEUDO:
        messages = {source: pseudo(source) for _, source in qml_messages(root)}
    else:
        messages = read_catalog(catalog_path(lang, root / "i18n"), lang).messages
    contexts: dict[str, set[str]] = {}
    for context, source in qml_messages(root):
        contexts.setdefault(context, set()).add(source)
    from xml.sax.saxutils import escape  # only when compiling: not at the kiosk's start

    out = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
           f'<TS version="2.1" language="{lang}">']  # fmt: skip
    for context in sorted(contexts):
        out.append(f"<context><name>{escape(context)}</name>")
        for source in sorted(contexts[context]):
            text = messages.get(source, "")
            kind = "" if text else ' type="unfinished"'
            out.append(f"<message><source>{escape(source)}</source>"
                       f"<translation{kind}>{escape(text)}</translation></message>")  # fmt: skip
        out.append("</context>")
    out.append("</TS>")
    return "\n".join(out)


def lrelease() -> str:
    """The lrelease tool shipped with PySide6 (console script beside this interpreter)."""
    found = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).parent / "pyside6-lrelease"
    )
    if not Path(found).exists():
        raise FileNotFoundError("pyside6-lrelease not found: install PySide6 (pip install -e .)")
    return found


def compile_qm(languages: list[str], root: Path | None = None) -> list[Path]:
    folder = qm_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in languages:
            ts = Path(tmp) / f"{lang}.ts"
            ts.write_text(ts_document(lang, root), encoding="utf-8")
            out = qm_path(lang, root)
            subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(out)], check=True)
            made.append(out)
    return made


def stale(languages: list[str], root: Path | None = None) -> list[str]:
    """Languages whose .qm is missing or older than their .po or the QML sources."""
    root = root or paths.app_root()
    qml_mtime = max((p.stat().st_mtime for p in (root / "ui").rglob("*.qml")), default=0.0)
    out = []
    for lang in languages:
        qm, po = qm_path(lang, root), catalog_path(lang, root / "i18n")
        po_mtime = po.stat().st_mtime if po.exists() else 0.0
        if not qm.exists() or qm.stat().st_mtime < max(po_mtime, qml_mtime):
            out.append(lang)
    return out

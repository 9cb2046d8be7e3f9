"""The core never imports Qt: only kiosk/qt/ and kiosk/staff_qt/ (UI adapters) may import PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.core.helpers import ROOT

KIOSK = ROOT / "kiosk"
QT_PACKAGES = ("PySide6", "shiboken6")
QT_ADAPTERS = ("qt", "staff_qt")  # the kiosk's UI adapter and the staff console window


def qt_imports(source: str) -> list[tuple[int, str]]:
    """(line, module) of every Qt import, at any depth (inside functions and ifs too)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [(node.lineno, name) for name in names if name.split(".")[0] in QT_PACKAGES]
    return sorted(found)


def core_modules() -> list[Path]:
    return [p for p in sorted(KIOSK.rglob("*.py")) if p.relative_to(KIOSK).parts[0] not in QT_ADAPTERS]


def test_no_core_module_imports_qt() -> None:
    modules = core_modules()
    assert KIOSK / "session.py" in modules and KIOSK / "pdf" / "render.py" in modules
    assert not any(p.is_relative_to(KIOSK / "qt") for p in modules)
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: imports {name}"
        for path in modules
        for line, name in qt_imports(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_checker_sees_every_kind_of_qt_import() -> None:
    source = (
        "import os\n"
        "if True:\n    from PySide6.QtCore import QObject\n"
        "def f():\n    import shiboken6, json\n"
        "from . import PySide6\n"  # a relative import of a local module: not Qt
        "import PySide6.QtGui as gui\n"
    )
    assert qt_imports(source) == [(3, "PySide6.QtCore"), (5, "shiboken6"), (7, "PySide6.QtGui")]


def test_importing_the_core_loads_no_qt() -> None:
    """Also transitively: a core module importing a Qt-using helper would fail here."""
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in core_modules()
        # scripts run by a tool, not imported: `python -m kiosk` and Alembic's env.py
        if p.name != "__main__.py" and "migrations" not in p.parts
    )
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(' '.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_the_qt_layers_start_no_thread_of_their_own() -> None:
    """Slow work in the UI adapters goes through kiosk.qt.worker (Qt's pools), never a raw thread."""
    found = []
    for package in QT_ADAPTERS:
        for path in sorted((KIOSK / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and node.attr == "Thread":
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []

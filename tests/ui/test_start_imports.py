"""What the attract screen does not need is not imported before it: SQLAlchemy and the local
queue, ReportLab, phonenumbers, Alembic load after the first frame (cold start, issue 15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LATER = ("sqlalchemy", "alembic", "reportlab", "phonenumbers", "psycopg", "kiosk.storage.queue")


def test_the_kiosk_window_module_leaves_the_heavy_imports_for_after_the_first_frame() -> None:
    code = f"import sys, kiosk.qt.app; print(' '.join(m for m in {LATER!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=True)  # fmt: skip
    assert done.stdout.strip() == ""


def test_giving_freed_memory_back_is_a_plain_call_with_a_yes_or_no() -> None:
    from kiosk.memory import release_free_memory

    assert isinstance(release_free_memory(), bool)  # glibc: True or False; elsewhere False

"""Helpers of the core tests: sample answers kept valid, and `kiosk` run as a user would."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from kiosk.forms import load_forms
from kiosk.forms.samples import load_sample

ROOT = Path(__file__).resolve().parents[2]
FORM_ID = "temporary-residence"


def fresh_sample(today: dt.date | None = None) -> dict[str, Any]:
    """The bundled temporary-residence sample, its relative dates resolved on `today`."""
    return load_sample(load_forms()[FORM_ID], today)


def run_kiosk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m kiosk ARGS` as a user would, from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=ROOT,
        env=env if env is not None else dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
    )

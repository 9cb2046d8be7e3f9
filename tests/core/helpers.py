"""Helpers of the core tests: sample answers kept valid, and `kiosk` run as a user would."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from kiosk import paths

ROOT = Path(__file__).resolve().parents[2]
FORM_ID = "temporary-residence"
# Dates of the stay that `today` bounds ("max": "today", "min": "-1y"): moved with the calendar.
MOVING_DATES = ("entry_date", "arrival_date", "departure_date", "visa_expiry", "document_expiry")


def fresh_sample(today: dt.date | None = None) -> dict[str, Any]:
    """The bundled sample with its travel dates moved so that entry was a week before `today`.

    The sample file is written on a given day; without this the tests would start failing a
    year later, when its arrival date falls out of the form's "-1y" bound.
    """
    today = today or dt.date.today()
    answers: dict[str, Any] = json.loads(
        (paths.samples_dir() / f"{FORM_ID}.json").read_text(encoding="utf-8")
    )
    shift = today - dt.timedelta(days=7) - dt.date.fromisoformat(answers["entry_date"])
    for key in MOVING_DATES:
        answers[key] = (dt.date.fromisoformat(answers[key]) + shift).isoformat()
    return answers


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

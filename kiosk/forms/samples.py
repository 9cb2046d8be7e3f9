"""Sample answers of the bundled forms, with their dates moved so that they stay valid."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.forms.model import FieldType, Form

# The day the sample files were written: every date in them is moved by (today - this day), so
# the order of dates and their distance from "today" stay as written, whatever the calendar says.
WRITTEN_ON = dt.date(2026, 11, 27)


def shift_dates(form: Form, answers: dict[str, Any], today: dt.date) -> dict[str, Any]:
    shift = today - WRITTEN_ON
    out = dict(answers)
    for f in form.fields:
        value = out.get(f.id)
        if f.type is FieldType.DATE and isinstance(value, str):
            day = dt.date.fromisoformat(value) + shift
            out[f.id] = day.isoformat()
    return out


def load_sample(form: Form, today: dt.date | None = None, folder: Path | None = None) -> dict[str, Any]:
    """The bundled sample answers of `form`, dates moved to stay valid on `today`."""
    path = (folder or paths.samples_dir()) / f"{form.id}.json"
    answers: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return shift_dates(form, answers, today or dt.date.today())


def find_sample(form_id: str, forms_dir: Path | None = None) -> Path | None:
    """`samples/<id>.json` beside an override forms folder (`forms_dir`), else the bundled one."""
    for folder in [*([forms_dir / "samples"] if forms_dir else []), paths.samples_dir()]:
        path = folder / f"{form_id}.json"
        if path.is_file():
            return path
    return None

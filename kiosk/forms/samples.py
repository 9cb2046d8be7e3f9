"""Answers files (the bundled samples, `kiosk render/submit --data`): relative dates resolved.

A date answer may be written as the form definitions write their bounds — "today", "+6d", "-1d",
"+4y", "-6y" — and is resolved against the day the file is used, so a sample stays valid whatever
the calendar says. A date of birth is written as an ISO date: it does not move.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.forms.model import FieldType, Form
from kiosk.forms.validate import BOUND_RE, resolve_bound


def is_relative_date(value: Any) -> bool:
    return isinstance(value, str) and (value == "today" or BOUND_RE.match(value) is not None)


def resolve_dates(form: Form, answers: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """`answers` with every relative date of a date field replaced by its ISO date on `today`."""
    out = dict(answers)
    for f in form.fields:
        value = out.get(f.id)
        if f.type is FieldType.DATE and isinstance(value, str) and is_relative_date(value):
            out[f.id] = resolve_bound(value, today).isoformat()
    return out


def read_answers(path: Path) -> dict[str, Any]:
    """One JSON object of field id → answer; ValueError (with the reason) for anything else."""
    try:
        answers = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(answers, dict):
        raise ValueError(f"{path} must hold one JSON object of field id → answer")
    return answers


def load_sample(
    form: Form, today: dt.date | None = None, forms_dir: Path | None = None
) -> dict[str, Any]:
    """The sample answers of `form` (beside `forms_dir`, else bundled), dates resolved on `today`."""
    path = find_sample(form.id, forms_dir)
    if path is None:
        raise FileNotFoundError(f"no sample answers for form {form.id!r} (samples/{form.id}.json)")
    return resolve_dates(form, read_answers(path), today or dt.date.today())


def find_sample(form_id: str, forms_dir: Path | None = None) -> Path | None:
    """`samples/<id>.json` beside an override forms folder (`forms_dir`), else the bundled one."""
    for folder in [*([forms_dir / "samples"] if forms_dir else []), paths.samples_dir()]:
        path = folder / f"{form_id}.json"
        if path.is_file():
            return path
    return None

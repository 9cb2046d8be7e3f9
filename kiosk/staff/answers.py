"""Open sealed answers and lay them out as staff read them: form order, labels in two languages."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from kiosk.crypto.primitives import X25519PrivateKey
from kiosk.crypto.seal import open_sealed
from kiosk.forms.display import display_value, is_free_text
from kiosk.forms.model import FieldType, Form
from kiosk.i18n import translate

LABEL_LANGS = ("zh", "en")  # the official form is Chinese; staff also read English


@dataclass(frozen=True)
class AnswerRow:
    """One answer: labels and values in Chinese and English; `raw` is what the kiosk stored."""

    field_id: str
    label_zh: str
    label_en: str
    value_zh: str
    value_en: str
    raw: str
    free_text: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class OpenedDocument:
    form_id: str
    form_version: int
    lang: str
    answers: dict[str, Any]
    photos_taken: tuple[str, ...] = ()  # picture keys (docs/photos.md)
    photos_skipped: tuple[str, ...] = ()  # papers the visitor will show at the counter


def open_document(box: bytes, key: X25519PrivateKey, bound_to: bytes | None) -> OpenedDocument:
    """Decrypt in memory only; `bound_to` is the record's binding (kiosk.staff.binding checks
    which boxes may be opened). Raises SealError (wrong key, altered, another record's) or
    ValueError (not JSON)."""
    data = json.loads(open_sealed(box, key, bound_to).decode("utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise ValueError("the sealed document has no answers")
    photos: dict[str, Any] = data["photos"] if isinstance(data.get("photos"), dict) else {}
    taken, skipped = photos.get("taken", []), photos.get("skipped", [])
    return OpenedDocument(
        str(data.get("form", "")), int(data.get("version", 0)), str(data.get("lang", "")), data["answers"],
        tuple(str(k) for k in taken) if isinstance(taken, list) else (),
        tuple(str(k) for k in skipped) if isinstance(skipped, list) else (),
    )


def _raw(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def labelled_rows(form: Form | None, answers: dict[str, Any]) -> list[AnswerRow]:
    """Every answer in the order of the form; answers the form no longer has come last, by id."""
    rows: list[AnswerRow] = []
    seen: set[str] = set()
    for field in form.fields if form else []:
        if field.type is FieldType.NOTE or field.id not in answers:
            continue
        seen.add(field.id)
        value = answers[field.id]
        rows.append(
            AnswerRow(
                field.id,
                translate("zh", field.label),
                translate("en", field.label),
                display_value(field, value, "zh"),
                display_value(field, value, "en"),
                _raw(value),
                is_free_text(field),
            )
        )
    for field_id in sorted(set(answers) - seen):
        raw = _raw(answers[field_id])
        rows.append(AnswerRow(field_id, field_id, field_id, raw, raw, raw, True))
    return rows

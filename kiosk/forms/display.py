"""Answers as people read them: option labels, country names and dates in a given language."""

from __future__ import annotations

from typing import Any

from babel.dates import format_date

from kiosk.countries import country_name
from kiosk.forms.model import Field, FieldType, Option
from kiosk.forms.validate import parse_date
from kiosk.i18n import N_, translate
from kiosk.languages import babel_locale

YES, NO = N_("Yes"), N_("No")


def option_text(option: Option, lang: str) -> str:
    """An option's label in `lang`: its own translation (staff data files), else the catalog's."""
    return option.label_in(lang) or translate(lang, option.label)


def _choice_text(field: Field, value: Any, lang: str) -> str:
    option = field.option(str(value))
    return option_text(option, lang) if option else str(value)


def display_value(field: Field, value: Any, lang: str) -> str:
    """One answer shown in `lang`; free text is shown exactly as entered."""
    if value is None or value == "" or value == []:
        return ""
    match field.type:
        case FieldType.CHOICE:
            return _choice_text(field, value, lang)
        case FieldType.MULTICHOICE:
            items = value if isinstance(value, list) else [value]
            return ", ".join(_choice_text(field, v, lang) for v in items)
        case FieldType.COUNTRY:
            return country_name(str(value), lang)
        case FieldType.YESNO:
            return translate(lang, YES if value == "yes" else NO)
        case FieldType.DATE:
            day = parse_date(value)
            return format_date(day, "long", locale=babel_locale(lang)) if day else str(value)
    return str(value)


def is_free_text(field: Field) -> bool:
    """Typed by the visitor (not translated when shown in another language)."""
    return field.type in (FieldType.TEXT, FieldType.NUMBER, FieldType.PHONE, FieldType.EMAIL)

"""The visitor's presenter (Qt-free): the rows the lists show, in the visitor's language."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from kiosk.forms.display import display_value, option_text
from kiosk.forms.model import Field, FieldType, Form, menu_order
from kiosk.forms.validate import Problem, parse_date, resolve_bound
from kiosk.i18n import N_, catalog
from kiosk.icons import glyph
from kiosk.session import VisitorSession


@dataclass(frozen=True)
class ServiceRow:
    form_id: str
    title: str
    summary: str
    icon: str  # the glyph in the icon font (kiosk.icons)
    bring: str  # what to bring, in short ("" if the form says nothing)


@dataclass(frozen=True)
class FieldRow:
    field_id: str
    field_type: str
    label: str
    help: str
    required: bool
    value: Any
    display: str
    error: str
    warning: str
    options: list[dict[str, str]]
    latin: bool
    uppercase: bool
    max_length: int
    date_min: str
    date_max: str
    date_start: str  # where the wheels open: the answer, else today, kept within min..max


@dataclass(frozen=True)
class ReviewRow:
    field_id: str
    section: str
    label: str
    display: str
    person: int = 0  # whose answer (0-based); a shared answer is person 0's, edited for everyone
    edit_name: str = ""  # objectName suffix: the field id, with "_<person>" after the first


@dataclass(frozen=True)
class DoneRow:
    """One person's reference on the done screen (no personal data)."""

    reference: str  # spaced "ACEF GHJK", as read aloud
    qr_source: str
    person: int  # 1-based


def _date_range(f: Field, value: Any, today: dt.date) -> tuple[str, str, str]:
    """A date field's lowest, highest and opening day of the wheels, from the kiosk's clock."""
    if f.type is not FieldType.DATE:
        return "", "", ""
    low = resolve_bound(f.date_min, today) if f.date_min else resolve_bound("-100y", today)
    high = resolve_bound(f.date_max, today) if f.date_max else resolve_bound("+20y", today)
    start = min(max(parse_date(value) or today, low), high)
    return low.isoformat(), high.isoformat(), start.isoformat()


def days_in_month(year: int, month: int) -> int:
    """The days of `month` (1-12) in `year`: what the date picker's day wheel offers.

    A wheel between two models (index -1) may ask for month 0: kept within 1-12, never a traceback.
    """
    return calendar.monthrange(_year(year), _month(month))[1]


def wheel_date(year: int, month: int, day: int) -> str:
    """The ISO date the picker's wheels show, the day kept within the month (31 in June is the 30th)."""
    year, month = _year(year), _month(month)
    return dt.date(year, month, max(1, min(day, days_in_month(year, month)))).isoformat()


def _year(year: int) -> int:
    return max(dt.MINYEAR, min(year, dt.MAXYEAR))


def _month(month: int) -> int:
    return max(1, min(month, 12))


def field_rows(session: VisitorSession, today: dt.date | None = None) -> list[FieldRow]:
    form, lang = session.form, session.lang
    if form is None:
        return []
    cat = catalog(lang)
    today = today or dt.date.today()
    step = form.steps[session.step_index]
    problems: dict[str, Problem] = {}
    for problem in session.problems:
        problems.setdefault(problem.field, problem)
    rows = []
    for f in step.visible_fields(session.answers):
        value = session.answers.get(f.id)
        p = problems.get(f.id)
        message = cat.format(p.message, **p.params) if p else ""
        low, high, start = _date_range(f, value, today)
        rows.append(FieldRow(
            field_id=f.id, field_type=f.type.value, label=cat.gettext(f.label),
            help=cat.gettext(f.help) if f.help else "", required=f.required,
            value=value if value is not None else "", display=display_value(f, value, lang),
            error=message if p and not p.warning else "", warning=message if p and p.warning else "",
            options=[{"value": o.value, "label": option_text(o, lang)}
                     for o in f.options_for(session.answers)],
            latin=f.latin, uppercase=f.uppercase, max_length=f.max_length or 0,
            date_min=low, date_max=high, date_start=start,
        ))  # fmt: skip
    return rows


def review_rows(form: Form, answers: dict[str, Any], lang: str) -> list[ReviewRow]:
    cat = catalog(lang)
    rows = []
    for step in form.steps:
        for f in step.visible_fields(answers):
            rows.append(ReviewRow(f.id, cat.gettext(step.title), cat.gettext(f.label),
                                  display_value(f, answers.get(f.id), lang), 0, f.id))  # fmt: skip
    return rows


PERSON_SECTION = N_("Person {n}: {name} · {step}")
SHARED_SECTION = N_("Everyone at this address · {step}")


def group_review_rows(form: Form, people: list[dict[str, Any]], lang: str) -> list[ReviewRow]:
    """Each person's own answers under their name, then the shared steps once for everyone."""
    if len(people) < 2:
        return review_rows(form, form.visible_answers(people[0]) if people else {}, lang)
    cat = catalog(lang)
    rows = []
    personal = form.person_step_indexes()
    names = dict(form.mrz_prefill)  # the passport's name fields name the person
    for n, person in enumerate(people):
        answers = form.visible_answers(person)
        name = " ".join(str(answers.get(names.get(k, ""), "")) for k in ("given_names", "surname"))
        for index in personal:
            step = form.steps[index]
            section = cat.format(PERSON_SECTION, n=n + 1, name=name.strip(), step=cat.gettext(step.title))
            for f in step.visible_fields(answers):
                rows.append(ReviewRow(f.id, section, cat.gettext(f.label),
                                      display_value(f, answers.get(f.id), lang), n,
                                      f.id if n == 0 else f"{f.id}_{n}"))  # fmt: skip
    shared = form.visible_answers(people[0])
    for index, step in enumerate(form.steps):
        if index in personal:
            continue
        section = cat.format(SHARED_SECTION, step=cat.gettext(step.title))
        for f in step.visible_fields(shared):
            rows.append(ReviewRow(f.id, section, cat.gettext(f.label),
                                  display_value(f, shared.get(f.id), lang), 0, f.id))  # fmt: skip
    return rows


def service_rows(forms: dict[str, Form], lang: str) -> list[ServiceRow]:
    """The service menu in the center's order (`priority`), then by id."""
    cat = catalog(lang)
    ordered = menu_order(forms)
    return [ServiceRow(f.id, cat.gettext(f.title), cat.gettext(f.summary), glyph(f.icon),
                       cat.gettext(f.bring) if f.bring else "") for f in ordered]  # fmt: skip

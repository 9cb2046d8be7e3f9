"""Validate answers against a form: per-field rules and cross-field checks.

Every function returns problems (a message id plus named parameters, translated where shown);
none raises on bad input, whatever the visitor typed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from kiosk.countries import is_country_code
from kiosk.forms.model import Answers, DateOrderCheck, Field, FieldType, Form, Step
from kiosk.i18n import N_

# Latin letters (with diacritics, as ICAO allows in the visual zone), spaces, hyphens, apostrophes.
LATIN_RE = re.compile(r"^[A-Za-z\u00C0-\u024F' \-.]*$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BOUND_RE = re.compile(r"^([+-])(\d+)([yd])$")


@dataclass(frozen=True)
class Problem:
    field: str
    message: str  # English source, translated through the catalogs
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    warning: bool = False  # shown, but does not block Next or Submit


def resolve_bound(bound: str, today: dt.date) -> dt.date:
    if bound == "today":
        return today
    m = BOUND_RE.match(bound)
    if m:
        sign = 1 if m.group(1) == "+" else -1
        amount = int(m.group(2)) * sign
        if m.group(3) == "d":
            return today + dt.timedelta(days=amount)
        year = today.year + amount
        return today.replace(year=year, day=min(today.day, 28 if today.month == 2 else today.day))
    return dt.date.fromisoformat(bound)


def parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not DATE_RE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _text(f: Field, value: Any) -> list[Problem]:
    if not isinstance(value, str):
        return [Problem(f.id, N_("Please enter text."))]
    if f.min_length is not None and len(value) < f.min_length:
        return [Problem(f.id, N_("Please enter at least {count} characters."),
                        {"count": f.min_length})]  # fmt: skip
    if f.max_length is not None and len(value) > f.max_length:
        return [Problem(f.id, N_("Please enter at most {count} characters."),
                        {"count": f.max_length})]  # fmt: skip
    if f.latin and not LATIN_RE.match(value):
        return [Problem(f.id, N_("Please use Latin letters only, as printed in your passport."))]
    if f.pattern and not re.fullmatch(f.pattern, value):
        return [Problem(f.id, f.pattern_message or N_("This does not look right. Please check."))]
    return []


def _number(f: Field, value: Any) -> list[Problem]:
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        return [Problem(f.id, N_("Please enter a number."))]
    if number != number or number in (float("inf"), float("-inf")):
        return [Problem(f.id, N_("Please enter a number."))]
    if f.integer and not number.is_integer():
        return [Problem(f.id, N_("Please enter a whole number."))]
    if f.minimum is not None and number < f.minimum:
        return [Problem(f.id, N_("Please enter {minimum} or more."), {"minimum": f.minimum})]
    if f.maximum is not None and number > f.maximum:
        return [Problem(f.id, N_("Please enter {maximum} or less."), {"maximum": f.maximum})]
    return []


def _date(f: Field, value: Any, today: dt.date) -> list[Problem]:
    day = parse_date(value)
    if day is None:
        return [Problem(f.id, N_("Please choose a valid date."))]
    if f.date_min and day < resolve_bound(f.date_min, today):
        return [Problem(f.id, N_("This date is too early."))]
    if f.date_max and day > resolve_bound(f.date_max, today):
        if f.date_max == "today":
            return [Problem(f.id, N_("This date cannot be in the future."))]
        return [Problem(f.id, N_("This date is too late."))]
    return []


def _chosen(value: Any, allowed: set[str]) -> bool:
    # isinstance first: a list or dict is unhashable and would raise in the set lookup
    return isinstance(value, str) and value in allowed


def _choice(f: Field, value: Any) -> list[Problem]:
    allowed = {o.value for o in f.options}
    if f.type is FieldType.MULTICHOICE:
        if not isinstance(value, list) or not all(_chosen(v, allowed) for v in value):
            return [Problem(f.id, N_("Please choose from the list."))]
        return []
    if not _chosen(value, allowed):
        return [Problem(f.id, N_("Please choose from the list."))]
    return []


def _phone(f: Field, value: Any) -> list[Problem]:
    import phonenumbers  # 40 ms: loaded off the GUI thread after the kiosk's first frame (qt.app)

    try:
        number = phonenumbers.parse(str(value), "CN")
    except phonenumbers.NumberParseException:
        message = N_("Please enter a phone number, e.g. 138 0013 8000 or +82 10 1234 5678.")
        return [Problem(f.id, message)]
    if not phonenumbers.is_valid_number(number):
        return [Problem(f.id, N_("This phone number is not valid. Please check it."))]
    return []


def empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def validate_field(f: Field, value: Any, today: dt.date | None = None) -> list[Problem]:
    """Problems of one answer (a required field left empty included)."""
    if empty(value):
        return [Problem(f.id, N_("Please fill in this field."))] if f.required else []
    today = today or dt.date.today()
    match f.type:
        case FieldType.TEXT:
            return _text(f, value)
        case FieldType.NUMBER:
            return _number(f, value)
        case FieldType.DATE:
            return _date(f, value, today)
        case FieldType.CHOICE | FieldType.MULTICHOICE:
            return _choice(f, value)
        case FieldType.COUNTRY:
            ok = isinstance(value, str) and is_country_code(value)
            return [] if ok else [Problem(f.id, N_("Please choose a country from the list."))]
        case FieldType.PHONE:
            return _phone(f, value)
        case FieldType.EMAIL:
            ok = isinstance(value, str) and len(value) <= 254 and bool(EMAIL_RE.match(value))
            message = N_("Please enter an e-mail address like name@example.com.")
            return [] if ok else [Problem(f.id, message)]
        case FieldType.YESNO:
            return [] if value in ("yes", "no") else [Problem(f.id, N_("Please answer yes or no."))]
        case FieldType.NOTE:
            return []
    return []  # pragma: no cover - every type is matched above


def answer_checks(f: Field, value: Any, answers: Answers) -> list[Problem]:
    """Rules of one answer that depend on others: a cascading list's parent, a `constraint`."""
    if empty(value):
        return []
    if f.filter_by is not None:
        allowed = {o.value for o in f.options_for(answers)}
        items = value if isinstance(value, list) else [value]
        if not all(_chosen(v, allowed) for v in items):
            return [Problem(f.id, N_("Please choose from the list."))]
    if f.constraint is not None:
        try:
            ok = bool(f.constraint(answers, value))
        except (TypeError, ValueError):
            ok = False
        if not ok:
            return [Problem(f.id, f.constraint_message or N_("This does not look right. Please check."))]
    return []


def cross_checks(
    form: Form, answers: Answers, only: set[str] | None = None, today: dt.date | None = None
) -> list[Problem]:
    """Cross-field checks whose fields are visible, answered and (if given) among `only`."""
    problems: list[Problem] = []
    today = today or dt.date.today()
    for check in form.checks:
        if not all(c.holds(answers) for c in check.when):
            continue
        names = (check.earlier, check.later) if isinstance(check, DateOrderCheck) else (check.field,)
        if only is not None and not any(n in only for n in names):
            continue
        if not all(form.field(n).visible(answers) for n in names):
            continue
        if isinstance(check, DateOrderCheck):
            a, b = parse_date(answers.get(check.earlier)), parse_date(answers.get(check.later))
            if a and b and b < a:
                problems.append(Problem(check.later, check.message, warning=check.warning))
            continue
        day = parse_date(answers.get(check.field))
        if day is None:
            continue
        offset = (day - today).days
        too_early = check.min_days is not None and offset < check.min_days
        too_late = check.max_days is not None and offset > check.max_days
        if too_early or too_late:
            problems.append(Problem(check.field, check.message, warning=check.warning))
    # one message per field at a time, the first check's (a block is listed before a warning)
    problems.sort(key=lambda p: p.warning)
    first: dict[str, Problem] = {}
    for problem in problems:
        first.setdefault(problem.field, problem)
    return list(first.values())


def validate_step(form: Form, step: Step, answers: Answers, today: dt.date | None = None) -> list[Problem]:
    problems: list[Problem] = []
    ids = set()
    for f in step.visible_fields(answers):
        ids.add(f.id)
        found = validate_field(f, answers.get(f.id), today)
        problems.extend(found or answer_checks(f, answers.get(f.id), answers))
    bad = {p.field for p in problems}
    problems.extend(p for p in cross_checks(form, answers, ids, today) if p.field not in bad)
    return problems


def validate_answers(form: Form, answers: Answers, today: dt.date | None = None) -> list[Problem]:
    """Every problem of a whole submission (used before submit and by `kiosk render`)."""
    problems: list[Problem] = []
    known = {f.id for f in form.fields}
    for key in answers:
        if key not in known:
            problems.append(Problem(key, N_("This answer does not belong to the form.")))
    for step in form.steps:
        for problem in validate_step(form, step, answers, today):
            # a check across two steps is found on both: report it once
            if problem not in problems:
                problems.append(problem)
    return problems


def blocking(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.warning]

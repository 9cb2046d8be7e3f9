"""Search submissions by reference, form, status and day; by name by opening them in memory.

Names are inside the sealed answers, so a name search must open every submission of its date
range (at most MAX_NAME_DAYS days) and match in memory; nothing opened is kept or written.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select

from kiosk.office.models import submissions
from kiosk.staff.records import CHINA_TIME, META

MAX_RESULTS = 500
MAX_NAME_DAYS = 31
NAME_FIELDS = ("surname", "given_names", "chinese_name")


class SearchError(ValueError):
    pass


@dataclass(frozen=True)
class Criteria:
    reference: str = ""  # a prefix, upper-case
    form_id: str = ""
    status: str = ""
    day_from: dt.date | None = None  # days in China time, inclusive
    day_to: dt.date | None = None
    name: str = ""  # matched against NAME_FIELDS after opening

    def describe(self) -> str:
        """For the audit log: the criteria, but never the name looked for."""
        parts = [
            f"{k}={v}"
            for k, v in (
                ("ref", self.reference),
                ("form", self.form_id),
                ("status", self.status),
                ("from", self.day_from),
                ("to", self.day_to),
            )
            if v
        ]
        if self.name:
            parts.append("name=(not logged)")
        return " ".join(parts) or "all"


def day_bounds(day_from: dt.date, day_to: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day_from, dt.time(), CHINA_TIME)
    end = dt.datetime.combine(day_to + dt.timedelta(days=1), dt.time(), CHINA_TIME)
    return start, end


def query(criteria: Criteria, with_sealed: bool = False) -> Select[Any]:
    if criteria.name:
        if criteria.day_from is None or criteria.day_to is None:
            raise SearchError("a name search needs a date range (names are sealed)")
        if (criteria.day_to - criteria.day_from).days + 1 > MAX_NAME_DAYS:
            raise SearchError(f"a name search covers at most {MAX_NAME_DAYS} days")
    columns = [*META, submissions.c.sealed_answers] if with_sealed else META
    q = select(*columns).order_by(submissions.c.created_at.desc())
    if criteria.reference:
        q = q.where(submissions.c.reference.startswith(criteria.reference.upper(), autoescape=True))
    if criteria.form_id:
        q = q.where(submissions.c.form_id == criteria.form_id)
    if criteria.status:
        q = q.where(submissions.c.status == criteria.status)
    if criteria.day_from or criteria.day_to:
        start, end = day_bounds(
            criteria.day_from or dt.date(2000, 1, 1), criteria.day_to or dt.date(2999, 12, 31)
        )
        q = q.where(submissions.c.created_at >= start, submissions.c.created_at < end)
    return q if criteria.name else q.limit(MAX_RESULTS)


def fold(text: str) -> str:
    """Case-, accent- and width-insensitive form for matching names typed by staff."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and not ch.isspace())


def name_of(answers: dict[str, Any]) -> str:
    return " ".join(str(answers[f]) for f in NAME_FIELDS if answers.get(f))


def name_matches(wanted: str, answers: dict[str, Any]) -> bool:
    """Every word typed is found in one of the name fields (in any order)."""
    haystack = [fold(str(answers.get(f) or "")) for f in NAME_FIELDS]
    words = [fold(w) for w in wanted.split() if fold(w)]
    return bool(words) and all(any(w in h for h in haystack) for w in words)

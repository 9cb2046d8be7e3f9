"""Loader parts beyond plain fields: conditions, data-file options, expressions, cross-checks,
the documents checklist, the passport prefill map and the group rule. Each reports problems to the checker."""

from __future__ import annotations

import re
from typing import Any

from kiosk.forms.checker import Checker
from kiosk.forms.data import DataFileError, load_options
from kiosk.forms.expr import ExpressionError, compile_expression
from kiosk.forms.model import (
    Check,
    Condition,
    DateFromTodayCheck,
    DateOrderCheck,
    Document,
    Expression,
    Field,
    FieldType,
    GroupRule,
    Option,
    Step,
)

# The fields of kiosk.mrz.MrzResult a form may prefill from a scanned passport.
MRZ_FIELDS = ("surname", "given_names", "nationality", "birth_date", "sex", "document_number",
              "expiry_date", "issuing_state")  # fmt: skip
DOCUMENT_KEYS = {"label", "when", "photo", "key", "photo_label"}
PHOTO_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
PORTRAIT_KEY = "portrait"  # the key of the visitor's portrait; no document may take it
SHOW_IF_HELP = ("needs 'equals', 'in' (a list), 'not_equals', 'not_in' (a list), 'filled': true/false "
                "or 'age_under' (years, on a date of birth)")


def condition(c: Checker, raw: Any, where: str, key: str = "show_if") -> Condition | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("field"), str):
        c.fail(where, f"'{key}' must be an object with 'field' and 'equals', 'in' or 'filled'")
        return None
    name = raw["field"]
    if "equals" in raw:
        return Condition(name, (raw["equals"],))
    if "not_equals" in raw:
        return Condition(name, (raw["not_equals"],), negate=True)
    if isinstance(raw.get("in"), list):
        return Condition(name, tuple(raw["in"]))
    if isinstance(raw.get("not_in"), list):
        return Condition(name, tuple(raw["not_in"]), negate=True)
    if isinstance(raw.get("filled"), bool):  # "filled": false = shown while still empty
        return Condition(name, filled=True, negate=not raw["filled"])
    age = raw.get("age_under")
    if isinstance(age, int) and not isinstance(age, bool) and 1 <= age <= 150:
        return Condition(name, age_under=age)  # the field is checked to be a date: check_references
    c.fail(where, f"'{key}' {SHOW_IF_HELP}")
    return None


def conditions(c: Checker, raw: Any, where: str) -> tuple[Condition, ...]:
    """`when`: one condition or a list of them, all of which must hold."""
    items = raw if isinstance(raw, list) else [] if raw is None else [raw]
    out = [condition(c, item, where, "when") for item in items]
    return tuple(x for x in out if x is not None)


def data_options(c: Checker, raw: Any, where: str) -> tuple[Option, ...]:
    if not isinstance(raw, dict) or not isinstance(raw.get("file"), str):
        c.fail(where, "'options_from' must be an object with 'file' and 'list'")
        return ()
    try:
        return load_options(raw["file"], str(raw.get("list", "")))
    except DataFileError as exc:
        c.fail(where, str(exc))
        return ()


def expression(c: Checker, raw: Any, key: str, where: str) -> tuple[Expression | None, set[str]]:
    if raw is None:
        return None, set()
    try:
        return compile_expression(raw)
    except ExpressionError as exc:
        c.fail(where, f"'{key}': {exc}")
        return None, set()


def check_references(c: Checker, ids: dict[str, Field], refs: dict[str, set[str]]) -> None:
    """Conditions, cascades and expressions may only name fields of the form."""
    for f in ids.values():
        where = f"field '{f.id}'"
        if f.show_if and f.show_if.field not in ids:
            c.fail(where, f"'show_if' refers to unknown field '{f.show_if.field}'")
        elif f.show_if and f.show_if.field == f.id:
            c.fail(where, "'show_if' cannot refer to the field itself")
        elif f.show_if and f.show_if.age_under and ids[f.show_if.field].type is not FieldType.DATE:
            c.fail(where, "'show_if' with 'age_under' must refer to a date field")
        if f.filter_by is not None:
            parent = ids.get(f.filter_by)
            if parent is None or parent.type is not FieldType.CHOICE or parent.id == f.id:
                c.fail(where, f"'filter_by' must name another choice field, not {f.filter_by!r}")
        for name in sorted(refs.get(f.id, set()) - set(ids)):
            c.fail(where, f"an expression refers to unknown field '{name}'")


def _date_field(c: Checker, ids: dict[str, Field], ref: Any, where: str, key: str) -> None:
    if not isinstance(ref, str) or ref not in ids or ids[ref].type is not FieldType.DATE:
        c.fail(where, f"'{key}' must name a date field, not {ref!r}")


def _when_refs(c: Checker, when: tuple[Condition, ...], ids: dict[str, Field], where: str) -> None:
    for cond in when:
        if cond.field not in ids and cond.field not in c.declared:
            c.fail(where, f"'when' refers to unknown field '{cond.field}'")


def checks(c: Checker, raw: Any, ids: dict[str, Field]) -> tuple[Check, ...]:
    out: list[Check] = []
    if raw is not None and not isinstance(raw, list):
        c.fail("form", "'checks' must be a list")
        return ()
    for i, item in enumerate(raw or []):
        where = f"check {i + 1}"
        kind = item.get("type") if isinstance(item, dict) else None
        if not isinstance(item, dict) or kind not in ("date_order", "date_from_today"):
            c.fail(where, "only checks of type 'date_order' and 'date_from_today' are known")
            continue
        message = c.text(item, "message", where)
        when = conditions(c, item.get("when"), where)
        _when_refs(c, when, ids, where)
        warning = bool(item.get("warning", False))
        if kind == "date_order":
            for key in ("earlier", "later"):
                _date_field(c, ids, item.get(key), where, key)
            out.append(DateOrderCheck(str(item.get("earlier", "")), str(item.get("later", "")),
                                      message, warning, when))  # fmt: skip
            continue
        _date_field(c, ids, item.get("field"), where, "field")
        low, high = item.get("min_days"), item.get("max_days")
        if not all(x is None or (isinstance(x, int) and not isinstance(x, bool)) for x in (low, high)):
            c.fail(where, "'min_days' and 'max_days' must be whole numbers")
            continue
        if low is None and high is None:
            c.fail(where, "a 'date_from_today' check needs 'min_days' or 'max_days'")
        out.append(DateFromTodayCheck(str(item.get("field", "")), message, low, high, warning, when))
    return tuple(out)


def documents(c: Checker, raw: Any, ids: dict[str, Field]) -> tuple[Document, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        c.fail("form", "'documents' must be a list")
        return ()
    out: list[Document] = []
    keys: set[str] = set()
    for i, item in enumerate(raw):
        where = f"document {i + 1}"
        if not isinstance(item, dict):
            c.fail(where, "a document must be an object with a 'label' and optional 'when'")
            continue
        for key in sorted(set(item) - DOCUMENT_KEYS):
            c.fail(where, f"unknown key '{key}'")
        when = conditions(c, item.get("when"), where)
        _when_refs(c, when, ids, where)
        photo = item.get("photo", False)
        if not isinstance(photo, bool):
            c.fail(where, "'photo' must be true or false")
            photo = False
        key = item.get("key", "")
        if photo or "key" in item:
            if not isinstance(key, str) or not PHOTO_KEY_RE.match(key) or key == PORTRAIT_KEY:
                c.fail(where, f"a photographed document needs a 'key' matching {PHOTO_KEY_RE.pattern} "
                              f"(not '{PORTRAIT_KEY}'), not {key!r}")  # fmt: skip
                key = ""
            elif key in keys:
                c.fail(where, f"duplicate document key '{key}'")
            keys.add(str(key))
        if "photo_label" in item and not photo:
            c.fail(where, "'photo_label' needs \"photo\": true")
        photo_label = c.text(item, "photo_label", where, required=False)
        out.append(Document(c.text(item, "label", where), when, str(key or ""), photo, photo_label))
    return tuple(out)


def portrait(c: Checker, raw: Any) -> bool:
    """`"portrait": true`: the visitor's 2-inch photo is taken at the kiosk."""
    if raw is None:
        return False
    if not isinstance(raw, bool):
        c.fail("form", "'portrait' must be true or false")
        return False
    return raw


def mrz_prefill(c: Checker, raw: Any, ids: dict[str, Field]) -> tuple[tuple[str, str], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not raw:
        c.fail("form", "'mrz_prefill' must map passport fields to field ids")
        return ()
    for source, target in raw.items():
        if source not in MRZ_FIELDS:
            c.fail("mrz_prefill", f"unknown passport field '{source}' (known: {', '.join(MRZ_FIELDS)})")
        if not isinstance(target, str) or target not in c.declared:
            c.fail("mrz_prefill", f"'{source}' must name a field of the form, not {target!r}")
    return tuple((str(k), str(v)) for k, v in raw.items())


def group(c: Checker, raw: Any, steps: list[Step], refs_of: dict[str, set[str]]) -> GroupRule | None:
    """`"group": {"shared_steps": [step ids], "max_people": n}`: steps asked once for everyone.

    A field of a shared step may depend (show_if, filter_by, relevant) only on shared fields:
    a shared answer is the same for every person, so what it shows must be too.
    """
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("shared_steps"), list):
        c.fail("group", "'group' must be an object with a list of 'shared_steps' (step ids)")
        return None
    unknown = set(raw) - {"shared_steps", "max_people", "guardian"}
    if unknown:
        c.fail("group", f"unknown keys: {', '.join(sorted(unknown))}")
    shared = [s for s in raw["shared_steps"] if isinstance(s, str)]
    step_ids = [step.id for step in steps]
    for sid in raw["shared_steps"]:
        if sid not in step_ids:
            c.fail("group", f"'shared_steps' names unknown step {sid!r}")
    if steps and set(step_ids) <= set(shared):
        c.fail("group", "at least one step must be asked for each person")
    people = raw.get("max_people", 6)
    if not isinstance(people, int) or isinstance(people, bool) or not 2 <= people <= 20:
        c.fail("group", "'max_people' must be a whole number from 2 to 20")
        people = 6
    shared_fields = [f for step in steps if step.id in shared for f in step.fields]
    shared_ids = {f.id for f in shared_fields}
    for f in shared_fields:
        needs = set(refs_of.get(f.id, set())) | {f.filter_by or f.id}
        needs |= {f.show_if.field} if f.show_if else set()
        personal = sorted(needs - shared_ids)
        if personal:
            names = ", ".join(personal)
            c.fail(f"field '{f.id}'", f"a shared step's field depends on per-person fields: {names}")
    guardian = raw.get("guardian")
    if guardian is not None and (guardian not in {f.id for s in steps for f in s.fields}
                                 or guardian in shared_ids):  # fmt: skip
        c.fail("group", f"'guardian' must name a field of a per-person step, not {guardian!r}")
    return GroupRule(tuple(shared), people, guardian if isinstance(guardian, str) else None)

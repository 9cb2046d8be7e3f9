"""Read form definitions (JSON) and check them; errors name the file, the field and the problem."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.forms import parts
from kiosk.forms.checker import Checker
from kiosk.forms.model import Field, FieldType, Form, Option, Step
from kiosk.i18n.catalog import use_form_catalogs
from kiosk.icons import CODEPOINTS, DEFAULT_SERVICE_ICON

ID_RE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
MAX_DEFINITION_BYTES = 1024 * 1024  # the largest bundled form is 20 KB
# What `kiosk forms import` writes when the spreadsheet has no purpose (ODK sheets never do).
PURPOSE_PLACEHOLDER = "TO BE WRITTEN: why this data is collected"
DATE_BOUND_RE = re.compile(r"^(today|[+-]\d{1,3}[yd]|\d{4}-\d{2}-\d{2})$")
FIELD_KEYS = {
    "id", "type", "label", "help", "required", "show_if", "options", "min_length", "max_length",
    "pattern", "pattern_message", "latin", "uppercase", "min", "max", "integer",
    "options_from", "filter_by", "relevant", "constraint", "constraint_message",
}  # fmt: skip


class FormDefinitionError(ValueError):
    """A broken form definition. `problems` holds one "file: where: what" line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _options(c: Checker, raw: Any, where: str) -> tuple[Option, ...]:
    if not isinstance(raw, list) or not raw:
        c.fail(where, "'options' must be a non-empty list")
        return ()
    out: list[Option] = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("value"), str):
            c.fail(f"{where} option {i + 1}", "each option needs a string 'value' and 'label'")
            continue
        label = c.text(item, "label", f"{where} option {i + 1}")
        out.append(Option(item["value"], label, str(item.get("parent", ""))))
    return tuple(out)


def _choice_options(c: Checker, raw: dict[str, Any], where: str) -> tuple[Option, ...]:
    if "options_from" in raw:
        if "options" in raw:
            c.fail(where, "give either 'options' or 'options_from', not both")
        options = parts.data_options(c, raw["options_from"], where)
    else:
        options = _options(c, raw.get("options"), where)
    # in a cascading list a value may recur under another parent ("other" in each subdistrict)
    keys = {(o.parent, o.value) for o in options}
    if len(keys) != len(options):
        c.fail(where, "option values must be unique")
    return options


def _date_bound_ok(bound: Any) -> bool:
    if not isinstance(bound, str) or not DATE_BOUND_RE.match(bound):
        return False
    if bound[0].isdigit():  # 2026-13-45 has the shape of a date but is none
        try:
            dt.date.fromisoformat(bound)
        except ValueError:
            return False
    return True


def _field(c: Checker, raw: Any, where: str, refs_of: dict[str, set[str]]) -> Field | None:
    if not isinstance(raw, dict):
        c.fail(where, "a field must be an object")
        return None
    fid = raw.get("id")
    if not isinstance(fid, str) or not ID_RE.match(fid):
        c.fail(where, f"field id {fid!r} must match {ID_RE.pattern}")
        return None
    where = f"field '{fid}'"
    for key in sorted(set(raw) - FIELD_KEYS):
        c.fail(where, f"unknown key '{key}'")
    try:
        ftype = FieldType(str(raw.get("type")))
    except ValueError:
        known = ", ".join(FieldType)
        c.fail(where, f"unknown type {raw.get('type')!r} (known: {known})")
        return None
    options: tuple[Option, ...] = ()
    if ftype in (FieldType.CHOICE, FieldType.MULTICHOICE):
        options = _choice_options(c, raw, where)
    elif "options" in raw or "options_from" in raw or "filter_by" in raw:
        c.fail(where, f"'options' only applies to choice fields, not {ftype}")
    if ftype is FieldType.NOTE and raw.get("required"):
        c.fail(where, "a note cannot be required")
    relevant, refs = parts.expression(c, raw.get("relevant"), "relevant", where)
    constraint, more = parts.expression(c, raw.get("constraint"), "constraint", where)
    if refs | more:
        refs_of[fid] = refs | more
    pattern = raw.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            c.fail(where, f"'pattern' is not a valid regular expression: {exc}")
    date_min = date_max = None
    minimum = maximum = None
    if ftype is FieldType.DATE:
        for key in ("min", "max"):
            bound = raw.get(key)
            if bound is not None and not _date_bound_ok(bound):
                c.fail(where, f"'{key}' of a date must be today, ±Ny, ±Nd or YYYY-MM-DD")
        date_min, date_max = raw.get("min"), raw.get("max")
    else:
        for key in ("min", "max"):
            if key in raw and not isinstance(raw[key], int | float):
                c.fail(where, f"'{key}' must be a number")
        minimum, maximum = raw.get("min"), raw.get("max")
    for key in ("min_length", "max_length"):
        if key in raw and (not isinstance(raw[key], int) or raw[key] < 0):
            c.fail(where, f"'{key}' must be a whole number ≥ 0")
    return Field(
        id=fid,
        type=ftype,
        label=c.text(raw, "label", where),
        help=c.text(raw, "help", where, required=False),
        required=bool(raw.get("required", False)),
        show_if=parts.condition(c, raw.get("show_if"), where),
        options=options,
        min_length=raw.get("min_length"),
        max_length=raw.get("max_length"),
        pattern=pattern,
        pattern_message=c.text(raw, "pattern_message", where, required=False) or None,
        latin=bool(raw.get("latin", False)),
        uppercase=bool(raw.get("uppercase", False)),
        minimum=minimum,
        maximum=maximum,
        integer=bool(raw.get("integer", False)),
        date_min=date_min,
        date_max=date_max,
        filter_by=raw.get("filter_by") if isinstance(raw.get("filter_by"), str) else None,
        relevant=relevant,
        constraint=constraint,
        constraint_message=c.text(raw, "constraint_message", where, required=False) or None,
    )


def parse_form(data: Any, source: str) -> Form:
    """Build a Form from parsed JSON, or raise FormDefinitionError listing every problem."""
    c = Checker(source)
    if not isinstance(data, dict):
        raise FormDefinitionError([f"{source}: top level: must be an object"])
    fid = data.get("id")
    if not isinstance(fid, str) or not ID_RE.match(fid):
        c.fail("form", f"'id' {fid!r} must match {ID_RE.pattern}")
    steps: list[Step] = []
    ids: dict[str, Field] = {}
    refs_of: dict[str, set[str]] = {}
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        c.fail("form", "'steps' must be a non-empty list")
        raw_steps = []
    for si, raw_step in enumerate(raw_steps):
        where = f"step {si + 1}"
        if not isinstance(raw_step, dict) or not isinstance(raw_step.get("fields"), list):
            c.fail(where, "a step must be an object with 'id', 'title' and a list of 'fields'")
            continue
        fields: list[Field] = []
        for fi, raw_field in enumerate(raw_step["fields"]):
            if isinstance(raw_field, dict) and isinstance(raw_field.get("id"), str):
                c.declared.add(raw_field["id"])
            f = _field(c, raw_field, f"{where} field {fi + 1}", refs_of)
            if f is None:
                continue
            if f.id in ids:
                c.fail(f"field '{f.id}'", "duplicate field id")
            ids[f.id] = f
            fields.append(f)
        if not raw_step["fields"]:
            c.fail(where, "a step needs at least one field")
        steps.append(Step(str(raw_step.get("id", f"step{si + 1}")),
                          c.text(raw_step, "title", where), tuple(fields)))  # fmt: skip
    parts.check_references(c, ids, refs_of)
    checks = parts.checks(c, data.get("checks"), ids)
    documents = parts.documents(c, data.get("documents"), ids)
    mrz = parts.mrz_prefill(c, data.get("mrz_prefill"), ids)
    group = parts.group(c, data.get("group"), steps, refs_of)
    portrait = parts.portrait(c, data.get("portrait"))
    version = data.get("version", 1)
    if not isinstance(version, int) or version < 1:
        c.fail("form", "'version' must be a whole number ≥ 1")
    retention = data.get("retention_days", 90)
    if not isinstance(retention, int) or not 1 <= retention <= 3650:
        c.fail("form", "'retention_days' must be a whole number from 1 to 3650")
    priority = data.get("priority", 100)
    if not isinstance(priority, int) or isinstance(priority, bool) or not 1 <= priority <= 1000:
        c.fail("form", "'priority' must be a whole number from 1 (first on the menu) to 1000")
    title = c.text(data, "title", "form")
    summary = c.text(data, "summary", "form", required=False)
    bring = c.text(data, "bring", "form", required=False)
    icon = data.get("icon", DEFAULT_SERVICE_ICON)
    if not isinstance(icon, str) or icon not in CODEPOINTS:
        c.fail("form", f"'icon' must be one of the kiosk's icons: {', '.join(sorted(CODEPOINTS))}")
    purpose = c.text(data, "purpose", "form")
    if purpose == PURPOSE_PLACEHOLDER:
        c.fail("form", "'purpose' is still the placeholder of `kiosk forms import`: write why the "
                       "data is collected (visitors read it on the consent screen)")  # fmt: skip
    if c.problems:
        raise FormDefinitionError(c.problems)
    return Form(str(fid), int(version), title, summary, purpose, int(retention), tuple(steps),
                checks, source, documents, mrz, int(priority), str(icon), bring, group, portrait)  # fmt: skip


def load_form(path: Path) -> Form:
    source = path.name
    try:
        if path.stat().st_size > MAX_DEFINITION_BYTES:
            raise FormDefinitionError([f"{source}: larger than {MAX_DEFINITION_BYTES // 1024} KB"])
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FormDefinitionError([f"{source}: cannot read: {exc.strerror}"]) from None
    except json.JSONDecodeError as exc:
        problem = f"{source}: line {exc.lineno}: not valid JSON: {exc.msg}"
        raise FormDefinitionError([problem]) from None
    except UnicodeDecodeError as exc:
        raise FormDefinitionError([f"{source}: not UTF-8 text (byte {exc.start})"]) from None
    except RecursionError:
        raise FormDefinitionError([f"{source}: nested too deeply"]) from None
    form = parse_form(data, source)
    if form.id != path.stem:
        raise FormDefinitionError([f"{source}: form: 'id' {form.id!r} must match the file name"])
    return form


def form_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or paths.forms_dir()).glob("*.json"))


def load_forms(folder: Path | None = None) -> dict[str, Form]:
    """Load every definition of a folder; raise one error listing the problems of all files.
    The folder's form catalogs (`<form>.<lang>.po`, from `kiosk forms import`) join the languages'."""
    use_form_catalogs(folder or paths.forms_dir())
    forms: dict[str, Form] = {}
    problems: list[str] = []
    for path in form_files(folder):
        try:
            form = load_form(path)
        except FormDefinitionError as exc:
            problems.extend(exc.problems)
            continue
        forms[form.id] = form
    if problems:
        raise FormDefinitionError(problems)
    return forms

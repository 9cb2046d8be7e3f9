"""Convert an XLSForm workbook to a form definition; every unsupported row is reported, never dropped.

Sheets: survey, choices, settings. Groups become steps; expressions are kept in XLSForm syntax
(kiosk.forms.expr checks them); labels in the source language become msgids and the other
languages become gettext catalogs (<form>.<lang>.po) that the kiosk reads beside the form.
A real ODK/KoboToolbox sheet has no `purpose`: `--purpose` gives it, else a placeholder goes in
that `kiosk forms check` and the kiosk refuse until someone writes why the data is collected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.forms.expr import ExpressionError, compile_expression
from kiosk.forms.loader import ID_RE, PURPOSE_PLACEHOLDER, FormDefinitionError, parse_form
from kiosk.xlsform.sheets import Row, SheetTooLarge, languages, read_sheet, split_column

TYPES = {"text": "text", "integer": "number", "decimal": "number", "date": "date", "note": "note"}
SURVEY_COLUMNS = {"type", "name", "label", "hint", "required", "relevant", "constraint",
                  "constraint_message", "choice_filter", "required_message"}  # fmt: skip
CHOICE_COLUMNS = {"list_name", "name", "label"}
SETTINGS_COLUMNS = {"form_id", "form_title", "version", "default_language", "purpose", "summary",
                    "retention_days", "instance_name", "style"}  # fmt: skip
YES, NO = {"yes", "true", "true()", "1"}, {"no", "false", "false()", "0", ""}
FILTER_RE = re.compile(r"^\s*(?:(?P<col>[a-z_][a-z0-9_]*)\s*=\s*\$\{(?P<f1>[^}]+)\}"
                       r"|\$\{(?P<f2>[^}]+)\}\s*=\s*(?P<col2>[a-z_][a-z0-9_]*))\s*$")  # fmt: skip


class XlsFormError(ValueError):
    """The spreadsheet cannot be imported; `problems` has one "sheet row N: what" line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    definition: dict[str, Any]
    source_language: str
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # lang → msgid → text

    @property
    def needs_purpose(self) -> bool:
        return bool(self.definition.get("purpose") == PURPOSE_PLACEHOLDER)


class _Converter:
    def __init__(self, survey: list[Row], choices: list[Row], settings: list[Row], stem: str,
                 purpose: str | None = None) -> None:  # fmt: skip
        self.problems: list[str] = []
        self.survey, self.choices = survey, choices
        self.settings = settings[0] if settings else Row("settings", 2, {})
        langs = languages(survey) | languages(choices) | languages(settings)
        self.source = self._source_language(langs)
        self.translations: dict[str, dict[str, str]] = {lang: {} for lang in langs - {self.source}}
        self.stem = stem
        self.purpose = purpose

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def _source_language(self, langs: set[str]) -> str:
        if "en" in langs:
            return "en"
        default = split_column(f"x::{self.settings.get('default_language')}")[1] or ""
        if default in langs:
            return default
        has_plain = any("label" in r.cells for r in self.survey)
        return "en" if has_plain or not langs else sorted(langs)[0]

    def text(self, row: Row, base: str, required: bool = False) -> str:
        """The source text of a column (a msgid); other languages go to the catalogs."""
        texts = row.texts.get(base, {})
        source = texts.get(self.source) or row.cells.get(base, "")
        if not source and required:
            self.fail(row.where, f"'{base}' is empty in the source language ({self.source})")
        for lang, text in texts.items():
            if lang != self.source and source:
                self.translations[lang][source] = text
        return source

    def check_columns(self, rows: list[Row], known: set[str]) -> None:
        for row in rows:
            for column in sorted((set(row.cells) | set(row.texts)) - known):
                self.fail(row.where, f"column '{column}' is not supported")

    def expression(self, row: Row, column: str) -> str | None:
        text = row.get(column)
        if not text:
            return None
        try:
            compile_expression(text)
        except ExpressionError as exc:
            self.fail(row.where, f"{column} '{text}': {exc}")
            return None
        return text

    def options(self, row: Row, list_name: str, filter_column: str | None) -> list[dict[str, str]]:
        out: list[dict[str, str]] = []
        for choice in self.choices:
            if choice.get("list_name") != list_name:
                continue
            option = {"value": choice.get("name"), "label": self.text(choice, "label", True)}
            if filter_column:
                option["parent"] = choice.get(filter_column)
            out.append(option)
        if not out:
            self.fail(row.where, f"choice list '{list_name}' is missing from the choices sheet")
        return out

    def required(self, row: Row) -> bool:
        value = row.get("required").lower()
        if value not in YES | NO:
            self.fail(row.where, f"required '{row.get('required')}' is not supported (use yes or no)")
        return value in YES

    def choice_filter(self, row: Row) -> tuple[str | None, str | None]:
        """(column of the choices sheet, field id) of a simple `column = ${field}` filter."""
        text = row.get("choice_filter")
        if not text:
            return None, None
        m = FILTER_RE.match(text)
        if not m:
            self.fail(row.where, f"choice_filter '{text}' is not supported (only column = ${{field}})")
            return None, None
        return m.group("col") or m.group("col2"), m.group("f1") or m.group("f2")

    def field(self, row: Row, group_relevant: list[str]) -> dict[str, Any] | None:
        kind, _, rest = row.get("type").partition(" ")
        name = row.get("name")
        if not ID_RE.match(name):
            self.fail(row.where, f"name '{name}' must be lowercase letters, digits, _ or - (max 40)")
        out: dict[str, Any] = {"id": name}
        if kind in TYPES:
            out["type"] = TYPES[kind]
            if kind == "integer":
                out["integer"] = True
        elif kind in ("select_one", "select_multiple") and rest.strip() and " " not in rest.strip():
            out["type"] = "choice" if kind == "select_one" else "multichoice"
            column, parent = self.choice_filter(row)
            out["options"] = self.options(row, rest.strip(), column)
            if parent:
                out["filter_by"] = parent
        else:
            self.fail(row.where, f"type '{row.get('type')}' is not supported")
            return None
        out["label"] = self.text(row, "label", required=True)
        hint = self.text(row, "hint")
        if hint:
            out["help"] = hint
        if kind != "note" and self.required(row):
            out["required"] = True
        relevant = [r for r in [*group_relevant, self.expression(row, "relevant")] if r]
        if relevant:
            out["relevant"] = " and ".join(f"({r})" for r in relevant) if len(relevant) > 1 else relevant[0]
        constraint = self.expression(row, "constraint")
        if constraint:
            out["constraint"] = constraint
            message = self.text(row, "constraint_message")
            if message:
                out["constraint_message"] = message
        if row.get("choice_filter") and kind not in ("select_one", "select_multiple"):
            self.fail(row.where, "choice_filter only applies to select_one and select_multiple")
        return out

    def steps(self, title: str) -> list[dict[str, Any]]:
        steps: list[dict[str, Any]] = []
        current: dict[str, Any] | None = None
        group_relevant: list[str] = []
        for row in self.survey:
            kind = row.get("type").replace("_", " ").strip().lower()
            if kind == "begin group":
                if current is not None and current.get("group"):
                    self.fail(row.where, "a group inside a group is not supported")
                    continue
                name = row.get("name") or f"step{len(steps) + 1}"
                current = {"id": name, "title": self.text(row, "label") or title, "fields": [],
                           "group": True}  # fmt: skip
                steps.append(current)
                relevant = self.expression(row, "relevant")
                group_relevant = [relevant] if relevant else []
                continue
            if kind == "end group":
                if current is None or not current.get("group"):
                    self.fail(row.where, "'end group' without a 'begin group'")
                current, group_relevant = None, []
                continue
            f = self.field(row, group_relevant)
            if f is None:
                continue
            if current is None:  # fields outside any group make a step of their own
                current = {"id": f"step{len(steps) + 1}", "title": title, "fields": []}
                steps.append(current)
            current["fields"].append(f)
        for step in steps:
            step.pop("group", None)
        return [s for s in steps if s["fields"]]

    def convert(self) -> dict[str, Any]:
        s = self.settings
        self.check_columns([s], SETTINGS_COLUMNS)
        filter_columns = {self.choice_filter(r)[0] for r in self.survey if r.get("choice_filter")}
        self.check_columns(self.survey, SURVEY_COLUMNS)
        self.check_columns(self.choices, CHOICE_COLUMNS | {c for c in filter_columns if c})
        form_id = s.get("form_id") or self.stem
        if not ID_RE.match(form_id):
            self.fail("settings row 2", f"form_id '{form_id}' must be lowercase letters, digits, _ or -")
        title = self.text(s, "form_title") or form_id
        # The option wins over the sheet; neither: a placeholder that `forms check` refuses.
        purpose = (self.purpose or "").strip() or self.text(s, "purpose") or PURPOSE_PLACEHOLDER
        definition: dict[str, Any] = {"id": form_id, "version": 1, "title": title}
        summary = self.text(s, "summary")
        if summary:
            definition["summary"] = summary
        definition["purpose"] = purpose
        for key in ("version", "retention_days"):
            if s.get(key):
                if s.get(key).isdigit():
                    definition[key] = int(s.get(key))
                else:
                    self.fail("settings row 2", f"{key} '{s.get(key)}' must be a whole number")
        definition["steps"] = self.steps(title)
        return definition


def convert_workbook(workbook: Any, stem: str, purpose: str | None = None) -> ImportResult:
    """Convert an openpyxl workbook; XlsFormError lists every problem (sheet and row)."""
    names = {name.lower(): name for name in workbook.sheetnames}
    problems = [f"{name}: sheet not supported" for name in names if name not in
                ("survey", "choices", "settings")]  # fmt: skip
    if "survey" not in names:
        raise XlsFormError([*problems, "survey: the sheet is missing"])

    def sheet(name: str) -> list[Row]:
        return read_sheet(workbook[names[name]], name) if name in names else []

    try:
        sheets = sheet("survey"), sheet("choices"), sheet("settings")
    except SheetTooLarge as exc:
        raise XlsFormError([*problems, str(exc)]) from None
    conv = _Converter(*sheets, stem, purpose)
    definition = conv.convert()
    problems += conv.problems
    if not problems:
        checked = dict(definition)
        if checked["purpose"] == PURPOSE_PLACEHOLDER:  # written on purpose; the rest must hold
            checked["purpose"] = "(to be written)"
        try:
            parse_form(checked, f"{stem}.xlsx")
        except FormDefinitionError as exc:  # anything our format cannot hold, said in its words
            problems += exc.problems
    if problems:
        raise XlsFormError(problems)
    translations = {lang: t for lang, t in conv.translations.items() if t}
    return ImportResult(definition, conv.source, translations)


def import_xlsform(path: Path, purpose: str | None = None) -> ImportResult:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, BadZipFile) as exc:
        raise XlsFormError([f"{path.name}: cannot read the spreadsheet: {exc}"]) from None
    try:
        return convert_workbook(workbook, path.stem.lower().replace(" ", "-"), purpose)
    finally:
        workbook.close()

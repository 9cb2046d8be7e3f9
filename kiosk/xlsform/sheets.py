"""Read the sheets of an XLSForm workbook into rows of {column: text}, with language columns split."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# "label::English (en)", "label::en", "hint::Chinese (zh)": the language code is what counts.
LANG_COLUMN_RE = re.compile(
    r"^(?P<base>[a-z_]+)::(?:[^()]*\((?P<code>[A-Za-z-]+)\)|(?P<bare>[A-Za-z-]+))\s*$"
)


@dataclass
class Row:
    """One spreadsheet row: its number as people see it (the header is row 1) and its cells."""

    sheet: str
    number: int
    cells: dict[str, str]
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # base → language → text

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    @property
    def where(self) -> str:
        return f"{self.sheet} row {self.number}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def split_column(header: str) -> tuple[str, str | None]:
    """('label', 'zh') for "label::Chinese (zh)"; ('label', None) for a plain "label"."""
    m = LANG_COLUMN_RE.match(header)
    if not m:
        return header, None
    return m.group("base"), (m.group("code") or m.group("bare") or "").lower()


# A sheet may declare any size ("A1:XFD1048576" is 17 billion cells): read no further than this.
MAX_ROWS = 2000
MAX_COLUMNS = 100


class SheetTooLarge(ValueError):
    """A sheet with data beyond MAX_ROWS or MAX_COLUMNS; the message names the sheet."""


def read_sheet(ws: Any, name: str) -> list[Row]:
    """The rows of one sheet; SheetTooLarge past MAX_ROWS rows or MAX_COLUMNS columns of data."""
    # Never past the caps; never past the sheet's own size either (an in-memory sheet would
    # create every cell it is asked for).
    max_row = min(ws.max_row or MAX_ROWS + 2, MAX_ROWS + 2)
    max_col = min(ws.max_column or MAX_COLUMNS + 1, MAX_COLUMNS + 1)
    rows = list(ws.iter_rows(max_row=max_row, max_col=max_col, values_only=True))
    if not rows:
        return []
    if len(rows) > MAX_ROWS + 1 and any(v is not None for v in rows[-1]):
        raise SheetTooLarge(f"{name}: more than {MAX_ROWS} rows; a kiosk form has far fewer")
    if any(len(r) > MAX_COLUMNS and r[MAX_COLUMNS] is not None for r in rows):
        raise SheetTooLarge(f"{name}: more than {MAX_COLUMNS} columns")
    rows = [r[:MAX_COLUMNS] for r in rows[: MAX_ROWS + 1]]
    headers = [_text(h) for h in rows[0]]
    out: list[Row] = []
    for number, values in enumerate(rows[1:], start=2):
        row = Row(name, number, {})
        for header, value in zip(headers, values, strict=False):
            text = _text(value)
            if not header or not text:
                continue
            base, lang = split_column(header)
            base = base.strip().lower()
            if lang is None:
                row.cells[base] = text
            else:
                row.texts.setdefault(base, {})[lang] = text
        if row.cells or row.texts:
            out.append(row)
    return out


def languages(rows: list[Row]) -> set[str]:
    return {lang for row in rows for texts in row.texts.values() for lang in texts}

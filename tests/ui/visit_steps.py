"""Fill one step of a form through the QML controls, value by value, as a visitor would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from kiosk.presenter import FieldRow
from tests.ui.qml_driver import Driver


def fill_field(d: Driver, row: FieldRow, value: Any) -> None:
    fid = row.field_id
    match row.field_type:
        case "choice":
            d.click(f"choice_{fid}_{value}")
        case "multichoice":
            for v in value:
                d.click(f"choice_{fid}_{v}")
        case "yesno":
            d.click(f"{value}_{fid}")
        case "note":
            pass  # nothing to answer
        case "country":
            d.click(f"country_{fid}")
            d.type_text("countrySearch", value)
            d.click(f"countryItem_{value}")
        case "date":
            day = dt.date.fromisoformat(value)
            low = dt.date.fromisoformat(row.date_min)
            d.click(f"date_{fid}")
            d.set_property("yearWheel", "currentIndex", day.year - low.year)
            d.set_property("monthWheel", "currentIndex", day.month - 1)
            d.set_property("dayWheel", "currentIndex", day.day - 1)
            d.click("dateOk")
        case _:
            d.type_text(f"input_{fid}", str(value))


def fill_step(d: Driver, current_rows: Callable[[], list[FieldRow]], answers: dict[str, Any]) -> list[str]:
    """Fill every shown field that has a sample answer, including fields that a choice reveals;
    returns the ids filled."""
    filled: list[str] = []
    while True:
        todo = [r for r in current_rows() if r.field_id in answers and r.field_id not in filled]
        if not todo:
            return filled
        row = todo[0]
        fill_field(d, row, answers[row.field_id])
        filled.append(row.field_id)

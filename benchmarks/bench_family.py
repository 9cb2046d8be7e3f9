"""A family of four at one address: one visit with "Add another person" against four single
visits, driven through the QML screens offscreen as a visitor would (the tests' QML driver):
taps, characters typed, date-wheel settings and wall time. Run:
PYTHONPATH=. QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software .venv/bin/python benchmarks/bench_family.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

FORM = "temporary-residence"


@dataclass
class Count:
    taps: int = 0
    typed: int = 0
    wheels: int = 0
    seconds: float = 0.0


def family() -> list[dict[str, Any]]:
    """The sample family: two adults and two children (ages 9 and 6, whatever today is)."""
    from kiosk.forms import load_forms
    from kiosk.forms.samples import load_sample

    base = load_sample(load_forms()[FORM])
    today = dt.date.today()

    def born(years: int) -> str:
        return today.replace(year=today.year - years, day=min(today.day, 28)).isoformat()

    return [
        base,
        {**base, "given_names": "JIYOUNG", "surname": "PARK", "sex": "F", "birth_date": "1990-09-03",
         "document_number": "M23456780", "visa_number": "E98765430"},
        {**base, "given_names": "SEOYEON", "sex": "F", "birth_date": born(9),
         "document_number": "M23456781", "visa_number": "E98765431"},
        {**base, "given_names": "JIHO", "birth_date": born(6),
         "document_number": "M23456782", "visa_number": "E98765432"},
    ]  # fmt: skip


def make_driver(count: Count):  # type: ignore[no-untyped-def]
    from tests.ui.qml_driver import Driver

    class CountingDriver(Driver):
        def click(self, name: str) -> None:
            count.taps += 1
            super().click(name)

        def type_text(self, name: str, text: str) -> None:
            count.typed += len(text)
            super().type_text(name, text)

        def set_property(self, name: str, prop: str, value: Any) -> None:
            count.wheels += 1
            super().set_property(name, prop, value)

    return CountingDriver


def walk_steps(d, visit, answers: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.visit_steps import fill_step

    while visit.screen == "step":
        fill_step(d, lambda: visit.fields.rows, answers)
        d.click("nextButton")
        if visit.screen == "step" and any(r.error for r in visit.fields.rows):
            raise SystemExit(f"refused: {[(r.field_id, r.error) for r in visit.fields.rows if r.error]}")


def begin(d, visit) -> None:  # type: ignore[no-untyped-def]
    d.click("startButton")
    d.click("lang_en")
    d.click(f"service_{FORM}")
    d.accept_consent()
    assert visit.screen == "step"


def finish(d, visit) -> None:  # type: ignore[no-untyped-def]
    d.click("submitButton")
    d.find("doneScreen", timeout=30)
    d.click("doneButton")
    assert visit.screen == "attract"


def singles(kw, people: list[dict[str, Any]]) -> Count:  # type: ignore[no-untyped-def]
    count = Count()
    d, visit = make_driver(count)(kw.window), kw.visit
    start = time.monotonic()
    from kiosk.forms.model import age_in_years

    for person in people:
        answers = dict(person)
        if age_in_years(person["birth_date"], dt.date.today()) < 18:  # a child alone types it
            answers["guardian"] = f"{people[0]['given_names']} {people[0]['surname']}"
        begin(d, visit)
        walk_steps(d, visit, answers)
        finish(d, visit)
    count.seconds = time.monotonic() - start
    return count


def one_visit(kw, people: list[dict[str, Any]]) -> Count:  # type: ignore[no-untyped-def]
    count = Count()
    d, visit = make_driver(count)(kw.window), kw.visit
    start = time.monotonic()
    begin(d, visit)
    walk_steps(d, visit, people[0])
    for person in people[1:]:
        d.click("addPersonButton")
        walk_steps(d, visit, person)  # the guardian is prefilled with the first person's name
    assert len(visit.session.people) == len(people)
    finish(d, visit)
    count.seconds = time.monotonic() - start
    return count


def main() -> None:
    from PySide6.QtGui import QGuiApplication

    from kiosk.qt.bootstrap import prepare_environment

    prepare_environment()
    from kiosk.config import KioskConfig
    from kiosk.qt.app import create_window

    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    people = family()
    results = {}
    for name, run in (("four single visits", singles), ("one family visit", one_visit)):
        kw = create_window(KioskConfig(data_dir=Path(tempfile.mkdtemp()), demo=True), sync=False)
        kw.window.resize(1920, 1080)
        kw.window.show()
        app.processEvents()
        results[name] = run(kw, people)
        kw.close()
    a, b = results["four single visits"], results["one family visit"]
    print(f"{'':22}{'taps':>6}{'typed':>7}{'wheels':>8}{'seconds':>9}")
    for name, c in results.items():
        print(f"{name:22}{c.taps:>6}{c.typed:>7}{c.wheels:>8}{c.seconds:>9.1f}")
    print(f"{'family / singles':22}{b.taps / a.taps:>6.2f}{b.typed / a.typed:>7.2f}"
          f"{b.wheels / a.wheels:>8.2f}{b.seconds / a.seconds:>9.2f}")  # fmt: skip


if __name__ == "__main__":
    main()

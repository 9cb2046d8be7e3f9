"""Test-wide set-up: Qt runs offscreen with the software renderer and the virtual keyboard;
`--today` runs the suite on another day (`make test-any-day`)."""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
# The kiosk embeds its keyboard (InputPanel in Main.qml). Without this, a Widgets window in the same
# process (the staff console tests) makes the keyboard open its own desktop panel window, which then
# keeps the focus away from every kiosk window tested after it.
os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
# These categories make QML loading hang while pytest-qt's message handler is installed.
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false;qt.qml.propertyCache*=false")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--today", metavar="YYYY-MM-DD|+Nd", default=os.environ.get("KIOSK_TEST_TODAY"),
        help="run as if today were this day (or N days from now): Python's wall clock is moved "
        "(time-machine), the monotonic clock is not. Tests must pass on any day.",
    )  # fmt: skip


def shifted_today(value: str, today: dt.date) -> dt.date:
    """`--today`'s day: an ISO date, or "+N"/"-N" days (a "d" may follow) from `today`."""
    m = re.fullmatch(r"([+-]\d+)d?", value)
    return today + dt.timedelta(days=int(m.group(1))) if m else dt.date.fromisoformat(value)


_travel: Any = None


def pytest_configure(config: pytest.Config) -> None:
    global _travel
    value = config.getoption("--today")
    if not value:
        return
    import time_machine

    now = dt.datetime.now().astimezone()
    day = shifted_today(value, now.date())
    # Keep the time of day (ticking), move the day: "today" in every date.today() and datetime.now().
    moved = dt.datetime.combine(day, now.timetz())
    # Python processes the tests start move with it (tests/anyday/sitecustomize.py).
    os.environ["KIOSK_TEST_CLOCK_SHIFT"] = str((moved - now).total_seconds())
    anyday = os.path.join(os.path.dirname(__file__), "anyday")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [anyday, os.environ.get("PYTHONPATH")]))
    _travel = time_machine.travel(moved, tick=True)
    _travel.start()


def pytest_report_header(config: pytest.Config) -> str | None:
    return f"today is moved to {dt.date.today()} (--today)" if _travel else None


def pytest_unconfigure(config: pytest.Config) -> None:
    if _travel is not None:
        _travel.stop()

"""The date picker's rules (kiosk.presenter), which DateInput.qml asks through the Kiosk singleton."""

from __future__ import annotations

from kiosk.presenter import days_in_month, wheel_date


def test_days_in_month_follow_the_calendar() -> None:
    assert [days_in_month(2023, m) for m in range(1, 13)] == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    assert days_in_month(2024, 2) == 29
    assert days_in_month(1900, 2) == 28
    assert days_in_month(2000, 2) == 29


def test_the_wheels_day_is_kept_within_the_month() -> None:
    assert wheel_date(2024, 6, 31) == "2024-06-30"
    assert wheel_date(2023, 2, 30) == "2023-02-28"
    assert wheel_date(2024, 2, 29) == "2024-02-29"
    assert wheel_date(1999, 12, 5) == "1999-12-05"


def test_a_wheel_between_models_gives_a_date_not_a_traceback() -> None:
    assert days_in_month(2024, 0) == 31
    assert wheel_date(2024, 0, 0) == "2024-01-01"
    assert wheel_date(2024, 13, 40) == "2024-12-31"
    assert wheel_date(0, 1, 1) == "0001-01-01"

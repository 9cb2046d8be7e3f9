"""Calls for staff: numbers, one open call, the idle timer waiting longer (no Qt)."""

from __future__ import annotations

import datetime as dt

from kiosk.help import HelpDesk
from kiosk.idle import WAITING_FACTOR, IdleTimer


class Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


def test_numbers_count_up_one_open_call_at_a_time_and_restart_each_day() -> None:
    clock = Clock(dt.datetime(2031, 3, 4, 9, 0, tzinfo=dt.UTC))
    desk = HelpDesk(clock)
    assert desk.current is None and not desk.close()
    first = desk.call()
    assert first.number == "01" and first.since == clock.now
    assert desk.call() is first  # pressing Help again is the same call
    assert desk.close() and desk.current is None
    assert desk.call().number == "02"
    desk.close()
    clock.now += dt.timedelta(days=1)
    assert desk.call().number == "01"


def test_numbers_stay_two_digits() -> None:
    desk = HelpDesk(lambda: dt.datetime(2031, 3, 4, 12, tzinfo=dt.UTC))
    numbers = []
    for _ in range(100):
        numbers.append(desk.call().number)
        desk.close()
    assert numbers[:2] == ["01", "02"] and numbers[98:] == ["99", "01"]
    assert all(len(n) == 2 and n.isdigit() for n in numbers)


def test_an_open_call_makes_the_idle_timer_wait_longer() -> None:
    now = [0.0]
    timer = IdleTimer(120, 30, clock=lambda: now[0])
    now[0] = 125
    assert timer.state().warning
    timer.waiting = True
    assert not timer.state().warning
    now[0] = 120 * WAITING_FACTOR + 1
    assert timer.state().warning
    timer.waiting = False
    assert timer.state().expired

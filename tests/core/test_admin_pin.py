"""The staff PIN: a salted scrypt hash in an owner-only file; wrong PINs lock for growing periods."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.admin.lockout import FREE_TRIES, MAX_LOCK_S, PinGate, lock_seconds
from kiosk.admin.pin import PinError, PinStore
from tests.core.helpers import ROOT


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_pin_is_stored_salted_slow_hashed_owner_only(tmp_path: Path) -> None:
    store = PinStore(tmp_path)
    store.set_pin("482913")
    record = json.loads(store.path.read_text())
    assert "482913" not in store.path.read_text() and record["kdf"] == "scrypt" and record["n"] >= 2**14
    assert store.path.stat().st_mode & 0o777 == 0o600
    assert store.verify("482913") and not store.verify("482914") and not store.verify("abc")
    first_salt = record["salt"]
    store.set_pin("482913")
    assert json.loads(store.path.read_text())["salt"] != first_salt  # a new salt each time


@pytest.mark.parametrize("pin", ["1234", "111111", "123456", "12a456", "1" * 13])
def test_weak_or_malformed_pins_are_refused(tmp_path: Path, pin: str) -> None:
    with pytest.raises(PinError):
        PinStore(tmp_path).set_pin(pin)


def test_lockout_grows_and_survives_a_restart(tmp_path: Path) -> None:
    PinStore(tmp_path).set_pin("482913")
    clock = FakeClock()
    gate = PinGate(tmp_path, clock)
    for n in range(1, FREE_TRIES):
        assert gate.attempt("000000").locked_for_s == 0, n
    third = gate.attempt("000000")
    assert not third.ok and third.locked_for_s == 30
    # While locked even the right PIN is not checked.
    assert gate.attempt("482913") == type(third)(False, 30, FREE_TRIES)
    clock.now += 29
    assert not gate.attempt("482913").ok
    clock.now += 1.5
    restarted = PinGate(tmp_path, clock)  # a crash or restart does not reset the count
    assert restarted.attempt("999999").locked_for_s == 60
    clock.now += 61
    assert restarted.attempt("999999").locked_for_s == 120
    clock.now += 121
    assert restarted.attempt("482913").ok
    assert restarted.attempt("000000").locked_for_s == 0  # the count starts again after success
    assert [lock_seconds(n) for n in (3, 4, 5, 20)] == [30, 60, 120, MAX_LOCK_S]


def test_a_clock_set_back_does_not_lock_staff_out_for_days(tmp_path: Path) -> None:
    PinStore(tmp_path).set_pin("482913")
    clock = FakeClock()
    gate = PinGate(tmp_path, clock)
    for _ in range(FREE_TRIES):
        gate.attempt("000000")
    clock.now -= 10 * 86400
    assert gate.remaining_lock_s() == MAX_LOCK_S


def test_set_pin_command(data_dir: Path) -> None:
    def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kiosk", "admin", *args], input=stdin, cwd=ROOT,
                              capture_output=True, text=True, timeout=60)  # fmt: skip

    proc = cli("set-pin", "--stdin", stdin="1234\n")
    assert proc.returncode == 1 and "6-12 digits" in proc.stderr
    proc = cli("set-pin", "--stdin", stdin="482913\n")
    assert proc.returncode == 0, proc.stderr
    assert PinStore(data_dir).verify("482913")
    assert cli("unlock").returncode == 0


def test_a_try_is_counted_on_disk_before_the_pin_is_checked(tmp_path: Path) -> None:
    """A power cut during the slow check must not hand out a free try: the count is already
    written (and synced) when the PIN store is asked."""
    from kiosk.admin.lockout import STATE_FILE, PinGate
    from kiosk.admin.pin import PinStore

    store = PinStore(tmp_path)
    store.set_pin("482913")
    seen: list[int] = []

    class Watching(PinStore):
        def verify(self, pin: str) -> bool:
            seen.append(json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))["failures"])
            return store.verify(pin)

    gate = PinGate(tmp_path, clock=lambda: 1000.0, store=Watching(tmp_path))
    assert not gate.attempt("111111").ok
    assert gate.attempt("482913").ok
    assert seen == [1, 2]  # on disk before each check
    assert PinGate(tmp_path).failures == 0  # and cleared after the right one

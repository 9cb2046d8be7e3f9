"""The counter PCs' bundle (dist/kiosk-staff, `make package-staff`) in a real X window, driven the
way staff use it: type the user name and password, then a scanner "types" the printed code and
Enter (xdotool). A submission made and synced by the same bundle's kiosk commands is opened; the
audit log (read with the bundle's CLI) shows the sign-in and the opening; screenshots are kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, ROOT, demo_config, stop

STAFF_BUNDLE = ROOT / "dist" / "kiosk-staff" / ("kiosk.exe" if sys.platform == "win32" else "kiosk")
PASSWORD = "counter-desk-7"
FORM = "activity-signup"


def _env(display: str, tmp: Path) -> dict[str, str]:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "KIOSK_DATA_DIR": str(tmp / "data"),
           "HOME": str(tmp), "KIOSK_STAFF_PASSWORD": PASSWORD, "KIOSK_OFFICE_PASSPHRASE": "demo"}  # fmt: skip
    env.pop("QT_LOGGING_RULES", None)
    env["KIOSK_CONFIG"] = str(demo_config(tmp))  # the kiosk CLI submits and syncs to a demo office
    return env


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([str(STAFF_BUNDLE), *args], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"kiosk {' '.join(args)}: {done.stderr[-2000:]}"
    return done.stdout


def _xdotool(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, f"xdotool {' '.join(args)}: {done.stderr}"
    return done.stdout


def _shot(env: dict[str, str], name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(ROOT / "tests" / "e2e" / "xshot.py"), str(ARTIFACTS / name)],
                   env=env, timeout=30, check=True)  # fmt: skip


def _wait_audit(env: dict[str, str], want: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while True:
        log = _cli(env, "staff", "audit")
        if want in log or time.monotonic() > deadline:
            return log
        time.sleep(0.3)


def _sample(tmp: Path) -> Path:
    from kiosk.forms import load_forms
    from kiosk.forms.samples import load_sample

    answers: dict[str, Any] = load_sample(load_forms()[FORM])
    path = tmp / "answers.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return path


def test_staff_bundle_signs_in_and_opens_a_scanned_code(xdisplay: str, tmp_path: Path) -> None:
    from kiosk.qr_images import find_codes, kiosk_code

    if not STAFF_BUNDLE.is_file():  # fail, never skip: `make test` builds it first
        pytest.fail(f"{STAFF_BUNDLE} is missing: run `make package-staff`")
    env = _env(xdisplay, tmp_path)
    # A visitor's submission, made and delivered to the (demo SQLite) office by the bundle itself.
    answers = str(_sample(tmp_path))
    reference = _cli(env, "submit", "--form", FORM, "--lang", "en", "--data", answers).split()[0]
    assert "sent 1" in _cli(env, "sync", "--once")
    _cli(env, "keys", "register-kiosk", "--label", "Lobby")  # what IT does once per kiosk
    _cli(env, "staff", "add-user", "alice", "--role", "admin")
    code = kiosk_code(find_codes(tmp_path / "data" / "printed" / f"{reference}.pdf"))
    assert code is not None and reference in code

    log = tmp_path / "staff.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(STAFF_BUNDLE), "staff", "--lang", "en"], env=env, stdout=out,
                                stderr=subprocess.STDOUT)  # fmt: skip
    try:
        window = _xdotool(env, "search", "--sync", "--onlyvisible", "--name", "Staff console").split()[0]
        time.sleep(1.0)  # the first paint
        # Bare Xvfb has no window manager: keyboard focus follows the pointer.
        _xdotool(env, "mousemove", "--window", window, "550", "40", "click", "1")
        _shot(env, "staff-1-sign-in.png")
        _xdotool(env, "type", "--delay", "20", "alice")
        _xdotool(env, "key", "Tab")
        _xdotool(env, "type", "--delay", "20", PASSWORD)
        _xdotool(env, "key", "Return")
        audit = _wait_audit(env, "sign_in")
        assert "alice" in audit and "sign_in" in audit, audit + log.read_text(errors="replace")
        time.sleep(0.5)
        # The scanner: a USB keyboard typing the code fast, then Enter, into the focused scan field.
        _xdotool(env, "type", "--delay", "4", code)
        _xdotool(env, "key", "Return")
        audit = _wait_audit(env, f"ref={reference}")
        assert f"ref={reference}" in audit and "open" in audit, audit + log.read_text(errors="replace")
        time.sleep(0.5)
        _shot(env, "staff-2-answers.png")
        assert proc.poll() is None, log.read_text(errors="replace")
    finally:
        stop(proc)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "staff.log").write_bytes(log.read_bytes() if log.exists() else b"")

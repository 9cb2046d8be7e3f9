"""The frozen kiosk in a real X window: one whole visit by real clicks and keys, a shot per screen."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from kiosk.crypto.keys import registry_for
from kiosk.forms import load_forms
from kiosk.forms.samples import load_sample
from kiosk.qr_images import verify_file
from tests.e2e.conftest import ARTIFACTS, RunningKiosk
from tests.e2e.xdriver import XDriver

FORM = "temporary-residence"
KEEP_DEFAULT_DATE = ("birth_date", "document_expiry", "entry_date", "visa_expiry", "arrival_date")


def answers() -> dict[str, Any]:
    """The sample visitor, typed as ASCII; dates are picked on the wheels below. The birth date
    wheel keeps the day it offers (today), so the visitor is a minor and names a guardian."""
    sample = load_sample(load_forms()[FORM])
    typed = {k: v for k, v in sample.items() if isinstance(v, str)}
    typed.setdefault("guardian", f"{sample['given_names']} {sample['surname']}")
    return typed


def pick_date(d: XDriver, field_id: str) -> None:
    """Open the wheels; keep the offered date, except the departure: one year later (drag up)."""
    d.click(f"date_{field_id}")
    d.find("dateOk")
    if field_id not in KEEP_DEFAULT_DATE:
        x, y = d.find("yearWheel")
        step = d.state()["items"]["yearWheel"][3] // 5  # five rows are shown
        d.xdotool("mousemove", str(x), str(y), "mousedown", "1")
        for i in range(1, 11):
            d.xdotool("mousemove", str(x), str(y - step * i // 10))
        d.xdotool("mouseup", "1")
        d.settle()
    d.click("dateOk")


def fill(d: XDriver, field: dict[str, Any], value: str) -> None:
    fid = field["id"]
    match field["type"]:
        case "choice":
            d.click(f"choice_{fid}_{value}")
        case "yesno":
            d.click(f"{value}_{fid}")
        case "date":
            pick_date(d, fid)
        case "country":
            d.click(f"country_{fid}")
            d.click("countrySearch")
            d.type_text(value)
            d.hide_keyboard()
            d.click(f"countryItem_{value}")
        case _:
            # As a person would: type, look, and type again if the field stayed empty (a click
            # that landed while the keyboard was still sliding away misses the field).
            for _attempt in range(2):
                d.click(f"input_{fid}")
                d.type_text(value)
                d.hide_keyboard()
                if _filled(d, fid):
                    return
            raise AssertionError(f"typing into {fid} left it empty twice")


def _filled(d: XDriver, fid: str, timeout: float = 3.0) -> bool:
    try:
        d.wait(lambda s: any(f["id"] == fid and f.get("filled") for f in s["fields"]),
               f"{fid} filled", timeout=timeout)  # fmt: skip
    except AssertionError:
        return False
    return True


def test_one_visit_by_real_clicks_in_the_frozen_bundle(bundle_kiosk: RunningKiosk) -> None:
    k = bundle_kiosk
    d = XDriver(k.display, k.probe, ARTIFACTS / "screens")
    (ARTIFACTS / "startup.txt").parent.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "startup.txt").write_text(
        f"launch to attract screen: {k.start_s:.2f} s (seen by the test), "
        f"{k.start_in_app_s:.2f} s (logged by the kiosk)\n"
    )
    d.wait_screen("attract")
    d.screenshot("01-attract")
    d.click("startButton")
    d.wait_screen("language")
    d.screenshot("02-language")
    d.click("lang_ko")
    assert d.wait_screen("service")["language"] == "ko"
    d.screenshot("03-service")
    d.click(f"service_{FORM}")
    d.wait_screen("consent")
    d.screenshot("04-consent")
    d.accept_consent()
    state = d.wait_screen("step")

    values, steps = answers(), 0
    while state["screen"] == "step":
        steps += 1
        assert steps <= 12, "the visit does not reach the review screen"
        done: set[str] = set()
        while todo := [f for f in d.settle()["fields"] if f["id"] in values and f["id"] not in done]:
            fill(d, todo[0], values[todo[0]["id"]])
            done.add(todo[0]["id"])
        d.hide_keyboard()
        d.screenshot(f"05-step-{steps}")
        d.click("nextButton")
        state = d.settle()
        errors = [f"{f['id']}: {f['error']}" for f in state["fields"] if f["error"]]
        assert not errors, errors
    d.wait_screen("review")
    d.screenshot("06-review")
    d.click("submitButton")
    d.wait_screen("done", timeout=30)
    d.screenshot("07-done")
    d.click("doneButton")
    d.wait_screen("attract")
    d.screenshot("08-attract-again")

    # What the visit left behind: one queued submission in Korean, its PDF with a genuine QR code.
    with sqlite3.connect(k.data_dir / "queue.sqlite3") as db:
        rows = db.execute("SELECT reference, form_id, lang FROM submissions").fetchall()
    assert len(rows) == 1 and rows[0][1:] == (FORM, "ko"), rows
    result = verify_file(k.data_dir / "printed" / f"{rows[0][0]}.pdf", registry_for(k.data_dir))
    assert result is not None and result.genuine


@pytest.mark.parametrize("xdisplay_size", [(1920, 1080)], ids=["1920x1080"])
def test_fullscreen_fills_a_screen_without_a_window_manager(bundle_kiosk: RunningKiosk) -> None:
    """`run --fullscreen` on a bare X server bigger than the default window: the whole screen,
    and the surname field, tapped, is above the keyboard (the view follows the focus)."""
    d = XDriver(bundle_kiosk.display, bundle_kiosk.probe, ARTIFACTS / "screens")
    state = d.wait_screen("attract", timeout=30)
    assert state["window"] == [0, 0, 1920, 1080], state["window"]
    d.click("startButton")
    d.wait_screen("language")
    d.click("lang_en")
    d.wait_screen("service")
    d.click(f"service_{FORM}")
    d.wait_screen("consent")
    d.accept_consent()
    d.wait_screen("step")
    d.click("input_surname")
    state = d.wait(lambda s: "inputPanel" in s["items"] and s["items"]["inputPanel"][1] < 1080,
                   "the keyboard", timeout=10)  # fmt: skip
    field, keyboard = state["items"]["input_surname"], state["items"]["inputPanel"]
    assert field[1] >= 0 and field[1] + field[3] <= keyboard[1], (field, keyboard)
    d.screenshot("fullscreen-1920x1080-surname")

"""Taps and seconds for the temporary-residence sample visit, driven in a real X window.

The kiosk runs `run --fullscreen` on an Xvfb screen of each size (no window manager) and is driven
with real pointer clicks, wheel notches and key presses (xdotool), as tests/e2e does: from the
attract screen to the "done" screen. Counted: taps (pointer clicks), wheel notches (what a finger
would swipe), characters typed (on the kiosk, taps on the on-screen keyboard) and the wall time.
The seconds are the driver's pace (it waits for every animation to settle), not a person's; they
compare versions and screen sizes, they do not predict a visitor's time.

    .venv/bin/python benchmarks/bench_visit_window.py                 # this checkout, from source
    .venv/bin/python benchmarks/bench_visit_window.py --source DIR    # another checkout (before/after)
    .venv/bin/python benchmarks/bench_visit_window.py --bundle dist/kiosk/kiosk
    .venv/bin/python benchmarks/bench_visit_window.py --camera   # the passport held to the camera

With --camera the kiosk's camera is a picture file (KIOSK_CAMERA_FEED): a synthetic passport page
carrying the sample visitor's zone, rendered in OCR-B like tests/support/passport_pages.py; the
visitor taps "Hold your passport to the camera", then "Use these details", and types only what the
passport does not say.

Needs Xvfb and xdotool (`make system-deps`). Figures: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from headline import headline  # noqa: E402

from tests.e2e.test_bundle_window import FORM, answers, fill  # noqa: E402
from tests.e2e.xdriver import XDriver  # noqa: E402


class CountingDriver(XDriver):
    """XDriver that counts what a visitor's hands would do."""

    def __init__(self, display: str, probe: Path, shots: Path) -> None:
        super().__init__(display, probe, shots)
        self.taps = self.wheel = self.typed = 0

    def xdotool(self, *args: str) -> None:
        for i, arg in enumerate(args[:-1]):
            if arg == "click":
                if args[i + 1] == "1":
                    self.taps += 1
                else:
                    self.wheel += 1
        super().xdotool(*args)

    def type_text(self, text: str) -> None:
        self.typed += len(text)
        super().type_text(text)


@dataclass
class Result:
    size: str
    taps: int
    wheel: int
    typed: int
    seconds: float


def xvfb(size: str) -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    command = ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size}x24", "-nolisten", "tcp"]
    proc = subprocess.Popen(command, pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as fh:
        return proc, ":" + fh.readline().strip()


def passport_picture(folder: Path) -> Path:
    """A camera frame of a passport page whose zone carries the sample visitor's details."""
    import random

    from kiosk.forms import load_forms
    from kiosk.forms.samples import load_sample
    from tests.core.test_forms_prefill import td3_for
    from tests.support.passport_pages import Augment, place, render_page

    rng = random.Random(7)
    zone = td3_for(load_sample(load_forms()[FORM])).splitlines()
    path = folder / "passport.png"
    place(render_page("TD3", zone, rng), Augment(fill=0.85), rng).save(path)
    return path


def launch(command: list[str], cwd: Path, display: str, tmp: Path,
           camera: bool = False) -> tuple[subprocess.Popen[bytes], Path]:  # fmt: skip
    probe = tmp / "probe.json"
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "KIOSK_DATA_DIR": str(tmp / "data"),
           "KIOSK_PROBE_FILE": str(probe), "HOME": str(tmp), "PYTHONPATH": str(cwd)}  # fmt: skip
    for key in ("QT_LOGGING_RULES", "KIOSK_CONFIG", "QT_QUICK_BACKEND", "KIOSK_CAMERA_FEED"):
        env.pop(key, None)
    if camera:
        env["KIOSK_CAMERA_FEED"] = str(passport_picture(tmp))
    log = (tmp / "kiosk.log").open("wb")
    # Demo mode (a local office and demo keys) where the version has it; older ones always were.
    usage = subprocess.run([*command, "run", "--help"], cwd=cwd, env=env, capture_output=True,
                           text=True).stdout  # fmt: skip
    demo = ["--demo"] if "--demo" in usage else []
    proc = subprocess.Popen([*command, "run", "--fullscreen", *demo], cwd=cwd, env=env, stdout=log,
                            stderr=subprocess.STDOUT)  # fmt: skip
    return proc, probe


def visit(d: CountingDriver, camera: bool = False) -> float:
    """The sample visitor's whole visit; returns seconds from the first tap to the done screen."""
    d.wait_screen("attract", timeout=60)
    start = time.monotonic()
    state = d.state()
    # One tap on a language where the attract screen offers it; "Touch to start" otherwise.
    d.click("attractLang_en" if "attractLang_en" in state["items"] else "startButton")
    if d.settle()["screen"] == "language":
        d.click("lang_en")
    d.wait_screen("service")
    d.click(f"service_{FORM}")
    d.wait_screen("consent")
    for _ in range(20):  # the main button scrolls the text until it has been seen, then agrees
        d.click("consentAccept")
        time.sleep(0.3)
        if d.state()["screen"] != "consent":
            break
    state = d.wait_screen("step")
    values, steps = answers(), 0
    prefilled: set[str] = set()
    if camera:  # hold the passport to the camera, check what was read, use it
        d.click("mrzCamera")
        d.wait(lambda s: "mrzConfirm" in s["items"], "the zone read by the camera", timeout=60)
        d.click("mrzConfirm")
        state = d.wait(lambda s: any(f["id"] == "surname" and f.get("filled") for f in s["fields"]),
                       "the zone's details in the fields", timeout=30)  # fmt: skip
        from kiosk.forms import load_forms

        # What the zone fills, on this step and later ones (the document number and expiry):
        prefilled = {target for _, target in load_forms()[FORM].mrz_prefill}
        print(f"    prefilled from the passport: {', '.join(sorted(prefilled))}", flush=True)
        values.pop("guardian", None)  # the passport's birth date: an adult, no guardian asked
    while state["screen"] == "step":
        steps += 1
        if steps > 12:
            raise SystemExit("the visit never reached the review screen")
        done: set[str] = set()
        done |= {f["id"] for f in d.settle()["fields"] if f["id"] in prefilled and f.get("filled")}
        while todo := [f for f in d.settle()["fields"] if f["id"] in values and f["id"] not in done]:
            fill(d, todo[0], values[todo[0]["id"]])
            done.add(todo[0]["id"])
        d.hide_keyboard()
        d.click("nextButton")
        state = d.settle()
        errors = [f"{f['id']}: {f['error']}" for f in state["fields"] if f["error"]]
        if errors:
            raise SystemExit(f"the form refused the sample: {errors}")
    d.wait_screen("review")
    d.click("submitButton")
    d.wait_screen("done", timeout=60)
    return time.monotonic() - start


def run_size(size: str, command: list[str], cwd: Path, shots: Path | None,
             camera: bool = False) -> Result:  # fmt: skip
    server, display = xvfb(size)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-visit-") as folder:
            tmp = Path(folder)
            kiosk, probe = launch(command, cwd, display, tmp, camera)
            try:
                d = CountingDriver(display, probe, shots or tmp / "shots")
                seconds = visit(d, camera)
                if shots:
                    d.screenshot(f"visit-done-{size}")
                return Result(size, d.taps, d.wheel, d.typed, seconds)
            finally:
                kiosk.send_signal(signal.SIGTERM)
                try:
                    kiosk.wait(10)
                except subprocess.TimeoutExpired:
                    kiosk.kill()
    finally:
        server.terminate()
        server.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="a checkout to run from source")
    parser.add_argument("--bundle", type=Path, help="a frozen kiosk executable instead")
    parser.add_argument("--sizes", default="1920x1080,1280x800")
    parser.add_argument("--shots", type=Path, help="save a screenshot of the done screen here")
    parser.add_argument("--camera", action="store_true",
                        help="the passport held to the camera (a picture feed)")  # fmt: skip
    args = parser.parse_args()
    command = [str(args.bundle.resolve())] if args.bundle else [sys.executable, "-m", "kiosk"]
    where = args.bundle or args.source.resolve()
    how = "passport read by camera" if args.camera else "every field typed"
    print(f"temporary-residence sample visit, real X window, {where} ({how})")
    print(f"{'screen':>10} {'taps':>5} {'wheel':>6} {'typed':>6} {'seconds':>8}")
    for size in args.sizes.split(","):
        r = run_size(size, command, args.source.resolve(), args.shots, args.camera)
        print(f"{r.size:>10} {r.taps:>5} {r.wheel:>6} {r.typed:>6} {r.seconds:>8.1f}", flush=True)
        tag = "_camera" if args.camera else ""
        headline(f"visit{tag}_taps_{r.size}", r.taps, "taps")
        headline(f"visit{tag}_wheel_{r.size}", r.wheel, "notches")
        headline(f"visit{tag}_wall_{r.size}", r.seconds, "s")


if __name__ == "__main__":
    main()

"""Fixtures for the end-to-end tests: an Xvfb display and the frozen kiosk running on it."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "kiosk" / ("kiosk.exe" if sys.platform == "win32" else "kiosk")
ARTIFACTS = ROOT / "tests" / "artifacts" / "e2e"
SHOWN = re.compile(r"attract screen shown: ([0-9.]+) s after process start")


def _require(tool: str) -> str:
    found = shutil.which(tool)
    if not found:  # fail, never skip: CI must not pass without the real-window test
        pytest.fail(f"{tool} is not installed (apt-get install xvfb xdotool)")
    return found


@pytest.fixture
def xdisplay_size() -> tuple[int, int]:
    """The screen of the X display (parametrize a test with another size to override it)."""
    return (1280, 800)


@pytest.fixture
def xdisplay(xdisplay_size: tuple[int, int]) -> Iterator[str]:
    xvfb = _require("Xvfb")
    _require("xdotool")
    read, write = os.pipe()
    screen = f"{xdisplay_size[0]}x{xdisplay_size[1]}x24"
    proc = subprocess.Popen([xvfb, "-displayfd", str(write), "-screen", "0", screen,
                             "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)  # fmt: skip
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()
    if not number:
        proc.kill()
        pytest.fail("Xvfb did not start")
    yield f":{number}"
    proc.terminate()
    proc.wait(10)


@dataclass
class RunningKiosk:
    proc: subprocess.Popen[bytes]
    display: str
    data_dir: Path
    probe: Path
    log: Path
    start_s: float  # from launch to the first frame of the attract screen, seen from outside
    start_in_app_s: float  # the same, as the kiosk logs it (from its own process start)


def demo_config(folder: Path) -> Path:
    """A config that asks for demo mode: no office here, so a demo key and a SQLite office."""
    path = folder / "kiosk-demo.toml"
    path.write_text("demo = true\n", encoding="utf-8")
    return path


@pytest.fixture
def bundle_kiosk(xdisplay: str, tmp_path: Path) -> Iterator[RunningKiosk]:
    """`dist/kiosk/kiosk run --fullscreen` on the Xvfb display (KIOSK_E2E_COMMAND overrides)."""
    command = os.environ.get("KIOSK_E2E_COMMAND", "").split() or [str(BUNDLE)]
    if not Path(command[0]).exists():
        pytest.fail(f"no kiosk bundle at {command[0]}: run `make package` first")
    data, probe, log = tmp_path / "data", tmp_path / "probe.json", tmp_path / "kiosk.log"
    env = {**os.environ, "DISPLAY": xdisplay, "QT_QPA_PLATFORM": "xcb", "KIOSK_DATA_DIR": str(data),
           "KIOSK_PROBE_FILE": str(probe), "HOME": str(tmp_path)}  # fmt: skip
    env.pop("QT_LOGGING_RULES", None)
    env["KIOSK_CONFIG"] = str(demo_config(tmp_path))
    start = time.monotonic()
    with log.open("wb") as out:
        proc = subprocess.Popen([*command, "run", "--fullscreen"], env=env, stdout=out,
                                stderr=subprocess.STDOUT)  # fmt: skip
    try:
        deadline = start + 60
        while not (match := SHOWN.search(log.read_text(errors="replace"))):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the kiosk never showed its attract screen:\n" + log.read_text(errors="replace"))
            time.sleep(0.02)
        shown = time.monotonic() - start
        yield RunningKiosk(proc, xdisplay, data, probe, log, shown, float(match.group(1)))
    finally:
        stop(proc)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(log, ARTIFACTS / "kiosk.log")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM (what systemd sends), then SIGKILL if the program has not exited in 10 s."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)

"""The frozen kiosk under Cage, as docs/deploy.md runs it: a headless wlroots output (no GPU, no
screen), Qt's Wayland platform. `run --fullscreen` must fill Cage's output and show the attract
screen. Cage refuses to run as root, as the kiosk account never is: as root the test runs it as
`nobody` (the bundle needs nothing from root's home)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import BUNDLE, stop


def _as_kiosk_user(folder: Path) -> list[str]:
    if os.geteuid() != 0:
        return []
    for path in (folder, *folder.rglob("*")):
        shutil.chown(path, "nobody")
    return ["runuser", "-u", "nobody", "--"]


@pytest.fixture
def tmp_path() -> Iterator[Path]:
    """A folder the unprivileged user can reach (pytest's own sits under a root-only folder)."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-cage-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_fullscreen_fills_cage_headless_output(tmp_path: Path) -> None:
    cage = shutil.which("cage")
    if cage is None or shutil.which("Xwayland") is None:  # fail, never skip (see conftest)
        pytest.fail("cage is not installed (apt-get install cage xwayland)")
    if not BUNDLE.exists():
        pytest.fail(f"no kiosk bundle at {BUNDLE}: run `make package` first")
    runtime, probe = tmp_path / "runtime", tmp_path / "probe.json"
    runtime.mkdir(mode=0o700)
    (tmp_path / "kiosk.toml").write_text(f'demo = true\ndata_dir = "{tmp_path / "data"}"\n')
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path),
           "XDG_RUNTIME_DIR": str(runtime), "WLR_BACKENDS": "headless", "WLR_LIBINPUT_NO_DEVICES": "1",
           "WLR_RENDERER": "pixman",
           "QT_QPA_PLATFORM": "wayland", "KIOSK_CONFIG": str(tmp_path / "kiosk.toml"),
           "KIOSK_PROBE_FILE": str(probe)}  # fmt: skip
    prefix = _as_kiosk_user(tmp_path)
    log = (tmp_path / "cage.log").open("wb")
    command = [*prefix, "env", *(f"{k}={v}" for k, v in env.items()), cage, "--",
               str(BUNDLE), "run", "--fullscreen"]  # fmt: skip
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        state: dict[str, object] = {}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                state = json.loads(probe.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                state = {}
            if state.get("screen") == "attract" and "attractScreen" in str(state.get("items")):
                break
            time.sleep(0.2)
        output = (tmp_path / "cage.log").read_text(errors="replace")
        assert state.get("screen") == "attract", f"no attract screen under Cage:\n{output[-3000:]}"
        display = state["display"]
        assert isinstance(display, list) and display[0] >= 800 and display[1] >= 600, display
        assert state["window"] == [0, 0, *display], (state["window"], display)
    finally:
        stop(proc)

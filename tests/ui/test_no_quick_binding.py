"""The lobby kiosk runs without the PySide6.QtQuick and PySide6.QtOpenGL Python bindings (the
bundle leaves them out: kiosk.spec, docs/deploy.md). tests/ui/no_quick_child.py makes both
unimportable, then starts the kiosk window and walks it; this test reads what it saw."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import zxingcpp
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def test_start_up_camera_preview_lockdown_and_a_visit_need_no_qtquick_binding(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software"}
    env.pop("KIOSK_CAMERA_FEED", None)
    done = subprocess.run([sys.executable, "-m", "tests.ui.no_quick_child", str(tmp_path)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["loaded"] == [], "the blocked bindings were imported anyway"
    assert seen["window_is"] == "QWindow"
    assert seen["first_frame_logged"], "frameSwapped reached by name (kiosk.qt.probe)"
    assert {"attractScreen", "startButton"} <= set(seen["probe_items"]), seen["probe_items"]
    assert seen["focus_is_text"] and seen["select_by_mouse"] is False, "the lockdown saw the text field"
    assert seen["preview_source_is_jpeg"] and seen["preview_painted"], "the preview reached QML"
    assert seen["preview_after_wipe"] == "" and seen["preview_source_after_wipe"] == ""
    shot = tmp_path / "shots" / "activity-signup-en-done.png"
    assert shot.name in seen["shots"], seen["shots"]
    codes = [code.text for code in zxingcpp.read_barcodes(Image.open(shot))]
    assert len(codes) == 1 and seen["reference"].replace("-", "") in codes[0].replace("-", ""), codes

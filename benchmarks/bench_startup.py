"""Start-up of the frozen kiosk (demo mode: no office needed): launch to the first frame of the
attract screen, cold and warm.

Runs dist/kiosk/kiosk (build it with `make package`) on a private Xvfb display, once with an empty
data folder (cold: databases created and migrated, keys made) and three times more with that
folder (warm: a normal morning start). Reads the time the kiosk logs for its first frame.
Usage: .venv/bin/python benchmarks/bench_startup.py [path/to/kiosk]
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from headline import headline

ROOT = Path(__file__).resolve().parent.parent
SHOWN = re.compile(r"attract screen shown: ([0-9.]+) s after process start")


def one_start(command: list[str], env: dict[str, str], log: Path) -> tuple[float, float]:
    start = time.monotonic()
    with log.open("wb") as out:
        proc = subprocess.Popen([*command, "run", "--fullscreen", "--demo"], env=env, stdout=out,
                                stderr=subprocess.STDOUT)  # fmt: skip
    try:
        while not (match := SHOWN.search(log.read_text(errors="replace"))):
            if proc.poll() is not None or time.monotonic() - start > 60:
                raise SystemExit("the kiosk did not start:\n" + log.read_text(errors="replace"))
            time.sleep(0.01)
        return time.monotonic() - start, float(match.group(1))
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> int:
    command = [sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "dist" / "kiosk" / "kiosk")]
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)  # fmt: skip
    os.close(write)
    with os.fdopen(read) as fh:
        display = ":" + fh.readline().strip()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                   "KIOSK_DATA_DIR": str(Path(tmp) / "data"), "HOME": tmp}  # fmt: skip
            warm: list[float] = []
            for label in ("cold", "warm", "warm", "warm"):
                outside, inside = one_start(command, env, Path(tmp) / "kiosk.log")
                print(f"{label}: {outside:.2f} s launch to attract screen ({inside:.2f} s in-process)")
                if label == "cold":
                    headline("frozen_start_cold", outside, "s", "<=2")
                else:
                    warm.append(outside)
            headline("frozen_start_warm_median", statistics.median(warm), "s", "<=2")
    finally:
        xvfb.terminate()
        xvfb.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())

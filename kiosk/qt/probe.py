"""Start-up timing and, for end-to-end tests, a geometry probe of the running kiosk window.

`install(kw)` always logs when the first frame of the attract screen is on screen (the start-up
time IT and the packaging docs quote). With KIOSK_PROBE_FILE set it also writes, five times a
second, a JSON snapshot of the screen name, the form's field rows and the on-screen rectangle of
every visible named QML item (and of the view that scrolls it), so tests/e2e can click real
pixels with xdotool. Nothing is written beyond what the window itself shows, and only in this
test mode.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from kiosk.qt.quick import map_to_global, signal, walk

log = logging.getLogger(__name__)
PROBE_ENV = "KIOSK_PROBE_FILE"
_keep: list[Any] = []


def process_age() -> float | None:
    """Seconds since this process started (Linux /proc), None elsewhere."""
    try:
        stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - int(stat[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _keyboard_key(item: QObject) -> str:
    """The virtual keyboard's hide key has no objectName: name it by its QML type."""
    kind = item.metaObject().className()
    return "HideKeyboardKey" if kind.startswith("HideKeyboardKey") else ""


def _size(item: QObject) -> tuple[float, float]:
    return float(item.property("width")), float(item.property("height"))


def _rect(item: QObject) -> list[float]:
    top_left = map_to_global(item)
    width, height = _size(item)
    return [round(top_left.x()), round(top_left.y()), round(width), round(height)]


def snapshot(kw: Any) -> dict[str, Any]:
    window = kw.window
    whole = [window.x(), window.y(), window.width(), window.height()]
    items: dict[str, list[float]] = {}
    for seen in walk(window):
        name = seen.item.objectName() or _keyboard_key(seen.item)
        if name and name not in items and seen.shown and _size(seen.item)[0] > 0:
            # Where the item can be touched: its nearest scrolling ancestor's rectangle, or the window.
            items[name] = _rect(seen.item) + (_rect(seen.scroller) if seen.scroller is not None else whole)
    # Whether a field holds an answer, never the answer itself.
    fields = [{"id": r.field_id, "type": r.field_type, "error": r.error,
               "filled": r.value not in ("", None, [])}
              for r in kw.visit.fields.rows]  # fmt: skip
    screen = window.screen().geometry() if window.screen() else None
    return {"screen": kw.visit.screen, "language": kw.visit.language, "fields": fields,
            "window": whole, "display": [screen.width(), screen.height()] if screen else None,
            "items": items}  # fmt: skip


def install(kw: Any) -> None:
    """Log the first frame; start the probe when KIOSK_PROBE_FILE names a file."""
    window = kw.window

    logged: list[bool] = []

    def first_frame() -> None:
        if logged:
            return
        logged.append(True)
        age = process_age()
        since = f"{age:.2f} s after process start" if age is not None else "start time unknown"
        log.info("attract screen shown: %s (epoch %.3f)", since, time.time())

    signal(window, "frameSwapped").connect(first_frame)
    target = os.environ.get(PROBE_ENV)
    if not target:
        return
    path = Path(target)
    last: list[str] = [""]

    def write() -> None:
        text = json.dumps(snapshot(kw), ensure_ascii=False)
        if text != last[0]:
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
            last[0] = text

    timer = QTimer(window)
    timer.setInterval(200)
    timer.timeout.connect(write)
    timer.start()
    _keep.append(timer)

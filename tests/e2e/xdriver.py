"""Drive a running kiosk window on an X display with real input (xdotool), as a person would.

Where to click comes from the kiosk's geometry probe (KIOSK_PROBE_FILE, see kiosk/qt/probe.py):
the on-screen rectangle of every visible named QML item. Screens are saved with tests/e2e/xshot.py
(a grab of the whole X screen, keyboard and all).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

XSHOT = Path(__file__).resolve().parent / "xshot.py"


class XDriver:
    def __init__(self, display: str, probe: Path, shots: Path) -> None:
        self.env = {**os.environ, "DISPLAY": display}
        self.env.pop("QT_QPA_PLATFORM", None)
        self.probe = probe
        self.shots = shots

    # -- reading the window -------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        for _ in range(50):
            try:
                return dict(json.loads(self.probe.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                time.sleep(0.05)
        raise AssertionError(f"the kiosk wrote no probe file at {self.probe}")

    def wait(self, predicate: Any, what: str, timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            state = self.state()
            if predicate(state):
                return state
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; screen {state.get('screen')}")
            time.sleep(0.1)

    def wait_screen(self, screen: str, timeout: float = 10.0) -> dict[str, Any]:
        return self.wait(lambda s: s["screen"] == screen and f"{screen}Screen" in s["items"],
                         f"the {screen} screen", timeout)  # fmt: skip

    def visible_bottom(self, state: dict[str, Any]) -> int:
        """The lowest y a finger can reach: the window's bottom, or the keyboard's top."""
        _x, y, _w, h = state["window"]
        panel = state["items"].get("inputPanel")
        return min(y + h, panel[1]) if panel else y + h

    def _center(self, state: dict[str, Any], name: str) -> tuple[int, int] | None:
        rect = state["items"].get(name)
        if rect is None:
            return None
        cx, cy = rect[0] + rect[2] // 2, rect[1] + rect[3] // 2
        top = max(state["window"][1], rect[5])
        panel = state["items"].get("inputPanel")
        on_keyboard = panel is not None and rect[1] >= panel[1]
        bottom = rect[5] + rect[7] if on_keyboard else min(self.visible_bottom(state), rect[5] + rect[7])
        return (cx, cy) if top + 8 < cy < bottom - 8 else None

    # -- acting -------------------------------------------------------------------------------
    def xdotool(self, *args: str) -> None:
        # No `mousemove --sync`: it waits for a motion event, and never gets one when the pointer
        # is already there (two clicks on the same button).
        subprocess.run(["xdotool", *args], env=self.env, check=True, timeout=20)

    def scroll(self, down: bool, rect: list[int]) -> None:
        """One notch of the mouse wheel over the view (x, y, w, h) that scrolls the wanted item."""
        x, y, w, h = rect
        self.xdotool("mousemove", str(x + w // 2), str(y + h // 2), "click", "5" if down else "4")
        self.settle()

    def settle(self, timeout: float = 1.5) -> dict[str, Any]:
        """Wait until two probe snapshots in a row agree (animations and flicks are over)."""
        deadline = time.monotonic() + timeout
        before = self.state()
        while True:
            time.sleep(0.25)
            now = self.state()
            if now == before or time.monotonic() > deadline:
                return now
            before = now

    def keyboard_up(self, state: dict[str, Any]) -> bool:
        return self.visible_bottom(state) < state["window"][1] + state["window"][3]

    def hide_keyboard(self) -> None:
        """Press the keyboard's own hide key, as a visitor would to see the whole page."""
        if self.keyboard_up(self.state()):
            self.click("HideKeyboardKey")
            self.wait(lambda s: not self.keyboard_up(s), "the keyboard to close", 5)

    def find(self, name: str, timeout: float = 30.0) -> tuple[int, int]:
        """The screen point of a named item, scrolling the page with the mouse wheel to reach it."""
        deadline = time.monotonic() + timeout
        direction_down = True
        last_rect: list[int] | None = None
        scrolled = False
        while True:
            state = self.state()
            point = self._center(state, name)
            if point is not None:
                if scrolled:  # a view that was just wheeled takes the next press to stop itself
                    time.sleep(1.0)
                return point
            if time.monotonic() > deadline:
                raise AssertionError(f"no reachable item {name!r} on the {state['screen']} screen")
            rect = state["items"].get(name)
            view = state["window"]
            if rect is not None:
                view = rect[4:]
                direction_down = rect[1] + rect[3] // 2 > view[1] + view[3] // 2
                if rect == last_rect and self.keyboard_up(state):
                    self.hide_keyboard()
                last_rect = rect
            self.scroll(direction_down, view)
            scrolled = True

    def click(self, name: str) -> None:
        x, y = self.find(name)
        self.xdotool("mousemove", str(x), str(y), "click", "1")
        time.sleep(0.1)
        self.settle()  # popups and pages animate: the next target must be where it will stay

    def accept_consent(self) -> None:
        """Click the consent screen's main button until it agrees (it scrolls a long text first)."""
        for _ in range(20):
            self.click("consentAccept")
            time.sleep(0.3)  # the probe writes every 200 ms
            if self.state()["screen"] != "consent":
                return
        raise AssertionError("the consent screen never let the visitor agree")

    def type_text(self, text: str) -> None:
        self.xdotool("type", "--delay", "15", "--", text)
        time.sleep(0.2)

    def screenshot(self, name: str) -> Path:
        time.sleep(0.4)  # let transitions finish
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{name}.png"
        subprocess.run([sys.executable, str(XSHOT), str(path)], env=self.env, check=True, timeout=30)
        return path

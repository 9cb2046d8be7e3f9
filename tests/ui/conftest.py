"""Fixtures for the QML tests: a kiosk window on a throwaway data folder and a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import KioskConfig


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def kiosk_config(tmp_path: Path) -> KioskConfig:
    return KioskConfig(data_dir=tmp_path / "data", idle_timeout_s=90, idle_warning_s=30, demo=True)


@pytest.fixture
def kiosk_window(qapp, qtbot, kiosk_config: KioskConfig, clock: FakeClock) -> Iterator:
    from kiosk.qt.app import create_window
    from tests.ui.qml_driver import show_active

    kw = create_window(kiosk_config, clock=clock, sync=False)
    kw.window.resize(1920, 1080)
    kw.window.show()
    show_active(qtbot, kw.window)
    yield kw
    kw.close()
    qtbot.wait(10)


@pytest.fixture
def driver(kiosk_window):
    from tests.ui.qml_driver import Driver

    return Driver(kiosk_window.window)


@pytest.fixture
def camera_window(qapp: Any, qtbot: Any, kiosk_config: KioskConfig, clock: FakeClock) -> Iterator[Any]:
    """A kiosk window whose camera is a test video source (kiosk.qt.camera_source.FeedSource):
    yields (window, feed); tests push QImages into the feed as a camera would send frames."""
    from kiosk.qt.app import create_window
    from kiosk.qt.camera_source import FeedSource
    from tests.ui.qml_driver import show_active

    feed = FeedSource()
    kw = create_window(kiosk_config, clock=clock, sync=False, camera_source=feed)
    kw.window.resize(1280, 800)
    kw.window.show()
    show_active(qtbot, kw.window)
    yield kw, feed
    kw.close()
    qtbot.wait(10)

"""V4l2CameraSource over a fake V4L2 device: frames reach the GUI thread as QImages, stop() joins
the worker and closes the device, an unplugged camera fails cleanly, and source_for's choice."""

from __future__ import annotations

import io
import logging
import threading
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtGui import QImage

from kiosk.camera.v4l2 import CameraInfo, Mode, NotACamera, Stream, choose_mode, query
from kiosk.config import KioskConfig
from kiosk.qt.v4l2_source import LOOK_AGAIN_S, V4l2CameraSource
from tests.support.fake_v4l2 import C920, FakeCamera
from tests.ui.qml_driver import Driver, show_active

NODE = Path("/dev/video0")


def jpeg_frame(color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 180), color).save(out, "JPEG", quality=90)
    return out.getvalue()


def opener_for(camera: FakeCamera) -> Any:
    def opener(path: str) -> tuple[Stream, Mode, CameraInfo]:
        assert path == str(NODE)
        info = query(camera)
        return Stream(camera), choose_mode(camera), info

    return opener


def test_frames_arrive_as_qimages_on_the_gui_thread_and_stop_joins_the_worker(qapp: Any, qtbot: Any) -> None:
    camera = FakeCamera(C920, frames=[jpeg_frame((250, 10, 10))] * 3)
    source = V4l2CameraSource(finder=lambda: NODE, opener=opener_for(camera))
    seen: list[tuple[QImage, int]] = []
    source.frame.connect(lambda image: seen.append((image, threading.get_ident())))
    assert source.available() and source.start() and source.running
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    image, thread = seen[0]
    assert thread == threading.main_thread().ident
    assert (image.width(), image.height()) == (320, 180) and image.pixelColor(160, 90).red() > 230
    capture = source._capture
    source.stop()
    assert capture is not None and not capture.alive, "stop() joined the capture thread"
    assert camera.closed and "VIDIOC_STREAMOFF" in camera.calls and not source.running


def test_an_unplugged_camera_fails_on_the_gui_thread_without_a_traceback(
    qapp: Any, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    camera = FakeCamera(C920, frames=[jpeg_frame((10, 10, 250))] * 50, unplug_after=1)
    source = V4l2CameraSource(finder=lambda: NODE, opener=opener_for(camera))
    caplog.set_level(logging.WARNING, logger="kiosk.qt.v4l2_source")
    with qtbot.waitSignal(source.failed, timeout=10_000):
        assert source.start()
    assert camera.closed and not source.running
    assert "stopped answering (ENODEV)" in caplog.text and "Traceback" not in caplog.text


def test_a_node_that_is_not_a_camera_fails_and_is_looked_for_again(qapp: Any, qtbot: Any) -> None:
    def opener(path: str) -> tuple[Stream, Mode, CameraInfo]:
        raise NotACamera(f"{path}: not a V4L2 device")

    looks: list[int] = []

    def finder() -> Path:
        looks.append(1)
        return NODE

    source = V4l2CameraSource(finder=finder, opener=opener)
    assert source.available() and len(looks) == 1
    with qtbot.waitSignal(source.failed, timeout=10_000):
        source.start()
    assert source.available() and len(looks) == 2, "after a failure the nodes are checked again"


def test_without_a_camera_start_says_no_and_the_nodes_are_checked_again_later(qapp: Any) -> None:
    now, looks = [0.0], list[int]()
    found: list[Path | None] = [None]

    def finder() -> Path | None:
        looks.append(1)
        return found[0]

    source = V4l2CameraSource(finder=finder, clock=lambda: now[0])
    assert not source.available() and not source.start() and not source.running
    now[0] += LOOK_AGAIN_S / 2
    found[0] = NODE  # plugged in
    assert not source.available() and len(looks) == 1, "not looked for on every call"
    now[0] += LOOK_AGAIN_S
    assert source.available() and len(looks) == 2


def test_source_for_picks_v4l2_on_linux_when_a_node_exists_or_qt_multimedia_is_missing(
    qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from kiosk.camera import v4l2
    from kiosk.qt import camera_source as cs

    monkeypatch.setattr(cs.sys, "platform", "linux")
    monkeypatch.delenv(cs.FEED_ENV, raising=False)
    real_find_spec = importlib.util.find_spec
    nodes: list[Path] = []
    multimedia = [True]
    monkeypatch.setattr(v4l2, "video_nodes", lambda dev=Path("/dev"): list(nodes))
    monkeypatch.setattr(cs.importlib.util, "find_spec",
                        lambda name: real_find_spec(name) if multimedia[0] else None)  # fmt: skip
    assert isinstance(cs.source_for("auto"), cs.QtCameraSource)  # a Linux source run, no node
    nodes.append(NODE)
    assert isinstance(cs.source_for("auto"), V4l2CameraSource)
    nodes.clear()
    multimedia[0] = False  # the lobby bundle: no Qt Multimedia, V4L2 even before a camera is there
    assert isinstance(cs.source_for("auto"), V4l2CameraSource)
    monkeypatch.setattr(cs.sys, "platform", "win32")
    assert cs.source_for("auto") is None  # no V4L2 and no Qt Multimedia: no camera
    assert cs.source_for("off") is None


def test_the_camera_popup_shows_v4l2_frames_and_an_unplug_sends_the_visitor_to_typing(
    qapp: Any, qtbot: Any, kiosk_config: KioskConfig, clock: Any
) -> None:
    from kiosk.qt.app import create_window
    from tests.ui.test_camera import to_passport_step

    camera = FakeCamera(C920, frames=[jpeg_frame((128, 128, 128))] * 3)  # unplugged below
    source = V4l2CameraSource(finder=lambda: NODE, opener=opener_for(camera))
    kw = create_window(kiosk_config, clock=clock, sync=False, camera_source=source)
    try:
        kw.window.resize(1280, 800)
        kw.window.show()
        show_active(qtbot, kw.window)
        d = Driver(kw.window)
        to_passport_step(d)
        frames: list[QImage] = []
        source.frame.connect(frames.append)
        backend: Any = kw.camera
        before = backend.frameId
        d.click("mrzCamera")
        # The preview is encoded on a worker thread: unplug once a frame is on screen.
        qtbot.waitUntil(lambda: backend.preview != "", timeout=15_000)
        camera.unplug_after = camera.delivered
        qtbot.waitUntil(lambda: backend.phase == "idle", timeout=15_000)
        # +1 when the pop-up opens, +1 for the frame shown (one: the test clock stands still), +1 closing
        assert frames and backend.frameId == before + 3 and backend.preview == ""
        d.process(50)
        assert "camera is not working" in d.find("mrzCameraMessage").property("text")
        assert camera.closed
    finally:
        kw.close()
        qtbot.wait(10)

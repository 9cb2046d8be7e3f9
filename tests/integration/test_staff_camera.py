"""The staff console's camera without a camera: real QVideoFrames pushed through the panel's QVideoSink.

A fake source stands in for QCamera (start/stop only); everything after the sink is the real path:
frame -> preview + throttled decode off the GUI thread -> the same lookup as a wedge scan.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThreadPool
from PySide6.QtGui import QColor
from PySide6.QtMultimedia import QMediaDevices, QVideoFrame, QVideoSink
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.office.models import audit_log
from kiosk.staff.console import StaffConsole
from kiosk.staff.frames import MAX_SIDE, FrameGate
from kiosk.staff.policy import IdlePolicy
from kiosk.staff_qt import camera as camera_module
from kiosk.staff_qt.camera import CameraPanel, FrameReader
from kiosk.staff_qt.window import StaffWindow
from tests.integration.camera_frames import nv12_frame, qr, rgb_frame, scene, tiny
from tests.integration.pg import PgCluster
from tests.integration.staff_support import CLERK, CLERK_PW, PASSPHRASE, Desk, fresh_office, make_desk

WAIT_MS = 5000
ROOT = Path(__file__).resolve().parents[2]


def skip_if_a_camera_is_plugged_in() -> None:
    """Asked inside the test, once the QApplication exists (it loads the multimedia plugin)."""
    if QMediaDevices.videoInputs():
        pytest.skip("this machine has a camera: the test would start it")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeCamera:
    """Stands in for QtCamera: the test puts the frames into the sink itself."""

    device_id = b"/dev/video-fake"

    def __init__(self, sink: QVideoSink, on_error: Callable[[str], None]) -> None:
        self.sink, self.on_error = sink, on_error
        self.started = self.stopped = 0

    def start(self) -> None:
        self.started += 1

    def stop(self) -> None:
        self.stopped += 1


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, pg_cluster: PgCluster) -> Desk:
    return make_desk(tmp_path_factory.mktemp("camdesk"), fresh_office(pg_cluster), count=2)


@pytest.fixture
def window(qtbot: QtBot, desk: Desk) -> Iterator[StaffWindow]:
    console = StaffConsole(desk.url, desk.key_path)
    win = StaffWindow(console, "en", idle=IdlePolicy(timeout_s=600))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    page = win.sign_in_page
    qtbot.keyClicks(page.username, CLERK)
    qtbot.keyClicks(page.password, CLERK_PW)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    page.button.click()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.tabs, timeout=WAIT_MS)
    yield win
    win.close()
    console.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def fake_camera(panel: CameraPanel) -> tuple[list[FakeCamera], Clock]:
    """Swap in fake cameras (every one opened is listed) and a clock the test moves."""
    opened: list[FakeCamera] = []

    def open_camera(sink: QVideoSink, on_error: Callable[[str], None]) -> FakeCamera:
        opened.append(FakeCamera(sink, on_error))
        return opened[-1]

    panel.open_camera = open_camera
    clock = Clock()
    panel.reader.gate.clock = clock
    return opened, clock


def show(qtbot: QtBot, panel: CameraPanel, clock: Clock, frame: QVideoFrame) -> int:
    """Hold one frame in front of the camera, 0.25 s after the last; the number of QR codes read."""
    clock.now += 0.25
    assert panel.sink is not None
    with qtbot.waitSignal(panel.reader.read, timeout=WAIT_MS) as read:
        panel.sink.setVideoFrame(frame)
    return int(read.args[0])


def rows(win: StaffWindow) -> list[list[str]]:
    table = win.scan_page.table
    cells = [[table.item(r, c) for c in range(table.columnCount())] for r in range(table.rowCount())]
    return [[cell.text() if cell else "" for cell in row] for row in cells]


def opened_by_clerk(desk: Desk) -> list[str | None]:
    console = desk.console()
    with console.engine.connect() as conn:
        query = select(audit_log.c.detail).where(audit_log.c.actor == CLERK, audit_log.c.action == "open")
        details = [d for (d,) in conn.execute(query.order_by(audit_log.c.id))]
    console.close()
    return details


def test_no_camera_no_button(window: StaffWindow) -> None:
    """This machine has no video input: the scan page shows no Camera button."""
    skip_if_a_camera_is_plugged_in()
    panel = window.scan_page.camera
    assert panel.devices is not None  # the venv has Qt's FFmpeg plugin: the inputs were asked for
    assert panel.button.isHidden() and panel.isHidden() and not panel.running


def test_a_camera_frame_opens_the_answers_as_a_wedge_scan_does(
    qtbot: QtBot, window: StaffWindow, desk: Desk
) -> None:
    page, code = window.scan_page, desk.synced[0].qr_payload
    with qtbot.waitSignal(page.shown, timeout=WAIT_MS):
        QTest.keyClicks(page.scan_field, code)
        QTest.keyClick(page.scan_field, Qt.Key.Key_Return)
    by_wedge, wedge_banner = rows(window), page.banner.text()
    assert "Genuine code" in wedge_banner and len(by_wedge) >= 25
    page.clear()
    assert rows(window) == []

    panel = page.camera
    cameras, clock = fake_camera(panel)
    panel.button.click()  # hidden here (no camera), but wired: starts
    assert panel.running and cameras[0].started == 1 and panel.isVisible()
    assert panel.button.isChecked() and panel.button.text() == "Stop camera"
    shown: list[object] = []
    page.shown.connect(shown.append)
    assert show(qtbot, panel, clock, nv12_frame(scene())) == 0  # the desk, no code yet
    assert not panel.preview.pixmap().isNull() and shown == [] and panel.running
    with qtbot.waitSignal(page.shown, timeout=WAIT_MS):
        assert show(qtbot, panel, clock, nv12_frame(scene(qr(code)))) == 1
    assert rows(window) == by_wedge and page.banner.text() == wedge_banner
    assert not panel.running and cameras[0].stopped == 1 and panel.isHidden()
    assert panel.preview.pixmap().isNull()  # the picture of the paper is not kept
    assert not panel.button.isChecked() and panel.button.text() == "Camera"
    assert opened_by_clerk(desk)[-2:] == [f"scan ref={desk.synced[0].reference}"] * 2
    assert window.focusWidget() is page.scan_field  # ready for the next wedge scan


def test_no_false_scan_from_other_codes_tiny_or_blurred_ones(
    qtbot: QtBot, window: StaffWindow, desk: Desk
) -> None:
    page, code = window.scan_page, desk.synced[1].qr_payload
    panel = page.camera
    cameras, clock = fake_camera(panel)
    panel.start()
    shown: list[object] = []
    page.shown.connect(shown.append)
    assert show(qtbot, panel, clock, rgb_frame(scene(qr("https://example.com/form")))) == 1
    assert panel.hint.text().startswith("That QR code is not from the kiosk")
    assert show(qtbot, panel, clock, nv12_frame(scene(tiny(qr(code, 1), 40)))) == 0  # too far away
    assert show(qtbot, panel, clock, nv12_frame(scene(qr(code), blur=2))) == 0  # out of focus
    qtbot.wait(50)
    assert shown == [] and page.result is None and page.banner.text() == ""
    assert panel.running and cameras[0].stopped == 0  # still looking
    with qtbot.waitSignal(page.shown, timeout=WAIT_MS):  # then the code held still and close
        show(qtbot, panel, clock, nv12_frame(scene(qr(code))))
    assert "Genuine code" in page.banner.text() and not panel.running


def test_a_forged_code_seen_by_the_camera_is_refused_like_a_scanned_one(
    qtbot: QtBot, window: StaffWindow, desk: Desk
) -> None:
    page = window.scan_page
    forged = desk.synced[1].qr_payload.replace(desk.synced[1].reference, desk.synced[0].reference)
    _cameras, clock = fake_camera(page.camera)
    page.camera.start()
    with qtbot.waitSignal(page.shown, timeout=WAIT_MS):
        show(qtbot, page.camera, clock, rgb_frame(scene(qr(forged))))
    assert page.banner.text().startswith("WARNING") and "altered" in page.banner.text()
    assert rows(window) == [] and not page.camera.running


def test_decoding_is_throttled_and_off_the_gui_thread(qtbot: QtBot) -> None:
    clock = Clock()
    reader = FrameReader(FrameGate(rate=5, clock=clock))
    frame = rgb_frame(scene())
    with qtbot.waitSignal(reader.read, timeout=WAIT_MS):
        started = [reader.offer(frame) for _ in range(6)]  # no event loop between: one in flight
        assert started == [True] + [False] * 5 and reader.gate.dropped_busy == 5
    assert not reader.gate.busy
    assert not reader.offer(frame) and reader.gate.dropped_early == 1  # the same instant: too soon
    clock.now += 0.25
    with qtbot.waitSignal(reader.read, timeout=WAIT_MS):
        assert reader.offer(frame)
    assert reader.gate.started == 2


def test_big_frames_are_scaled_down_before_decoding(
    qtbot: QtBot, window: StaffWindow, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes: list[tuple[int, int]] = []
    real_read = camera_module.read_codes

    def spy(image: Image.Image) -> list[str]:
        sizes.append(image.size)
        return real_read(image)

    monkeypatch.setattr(camera_module, "read_codes", spy)
    page = window.scan_page
    _cameras, clock = fake_camera(page.camera)
    page.camera.start()
    frame = nv12_frame(scene(qr(desk.synced[0].qr_payload, 6), size=(3840, 2160)))
    with qtbot.waitSignal(page.shown, timeout=WAIT_MS):
        show(qtbot, page.camera, clock, frame)
    assert sizes == [(MAX_SIDE, 720)] and "Genuine code" in page.banner.text()


def test_camera_errors_stop_it_with_a_clear_message(qtbot: QtBot, window: StaffWindow) -> None:
    page = window.scan_page
    cameras, clock = fake_camera(page.camera)
    page.camera.start()
    cameras[0].on_error("Camera is in use by another application")
    assert page.banner.text() == (
        "Camera: Camera is in use by another application. Use the scanner or Open image or PDF… instead."
    )
    assert page.banner.property("tone") == "bad" and not page.camera.running and cameras[0].stopped == 1

    page.camera.start()  # unplugged while running: QMediaDevices no longer lists it
    assert page.camera.devices is not None
    page.camera.devices.videoInputsChanged.emit()
    assert page.banner.text().startswith("Camera: the camera was unplugged.")
    assert not page.camera.running and cameras[1].stopped == 1
    assert page.camera.button.isHidden()  # no camera left

    page.camera.start()
    assert show(qtbot, page.camera, clock, rgb_frame(scene())) == 0
    assert page.camera.sink is not None
    clock.now += 1
    page.camera.sink.setVideoFrame(QVideoFrame())  # the empty frame a stopping camera sends: ignored
    assert page.camera.reader.gate.started == 1 and not page.camera.preview.pixmap().isNull()
    assert page.camera.running
    page.camera.stop()


def test_leaving_the_scan_tab_turns_the_camera_off(qtbot: QtBot, window: StaffWindow) -> None:
    page = window.scan_page
    cameras, _clock = fake_camera(page.camera)
    page.camera.start()
    window.tabs.setCurrentWidget(window.search_page)
    assert not page.camera.running and cameras[0].stopped == 1
    window.tabs.setCurrentWidget(page)
    assert page.camera.isHidden() and not page.camera.running  # back: off until pressed again


def test_permission_refused_is_said_plainly(
    qtbot: QtBot, window: StaffWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QApplication, "checkPermission", lambda _app, _p: Qt.PermissionStatus.Denied)
    page = window.scan_page
    cameras, _clock = fake_camera(page.camera)
    page.camera.start()
    assert cameras == [] and not page.camera.running
    assert page.banner.text().startswith("Camera: access to the camera was refused.")


def test_the_real_camera_path_without_a_camera_fails_cleanly(qtbot: QtBot) -> None:
    """QtCamera (the default) on a machine without a camera: QCamera's own error, nothing raised."""
    skip_if_a_camera_is_plugged_in()
    host = QWidget()  # not shown: the panel gets no window of its own (offscreen would log about it)
    qtbot.addWidget(host)
    panel = CameraPanel("en", parent=host)
    with qtbot.waitSignal(panel.failed, timeout=WAIT_MS) as failed:
        panel.start()
    assert str(failed.args[0]).startswith("Camera: ") and not panel.running and panel.isHidden()


def test_sign_out_stops_the_camera_and_drops_a_decode_in_flight(
    qtbot: QtBot, window: StaffWindow, desk: Desk
) -> None:
    page = window.scan_page
    cameras, clock = fake_camera(page.camera)
    page.camera.start()
    assert page.camera.sink is not None
    clock.now += 1
    shown: list[object] = []
    page.shown.connect(shown.append)
    page.camera.sink.setVideoFrame(rgb_frame(scene(qr(desk.synced[0].qr_payload))))
    assert page.camera.reader.gate.busy  # decoding on the pool; its result is not delivered yet
    window.sign_out("user")
    assert cameras[0].stopped == 1 and not page.camera.running and page.camera.preview.pixmap().isNull()
    pool = QThreadPool.globalInstance()
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=WAIT_MS)  # the decode finished
    qtbot.wait(50)  # and its queued report arrived, into a session that has ended
    assert shown == [] and page.banner.text() == "" and page.result is None


def test_without_a_multimedia_plugin_the_button_stays_hidden_and_nothing_is_logged(tmp_path: Path) -> None:
    """The bundle ships no multimedia plugin: QtMultimedia is not even imported, stderr stays empty."""
    script = textwrap.dedent(
        """
        import os, sys
        from PySide6.QtCore import QCoreApplication, QLibraryInfo
        plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
        folder = sys.argv[1]
        for name in os.listdir(plugins):
            if name != "multimedia":  # what kiosk.spec leaves out
                os.symlink(os.path.join(plugins, name), os.path.join(folder, name))
        QCoreApplication.setLibraryPaths([folder])
        from PySide6.QtWidgets import QApplication, QWidget
        app = QApplication(sys.argv[:1])
        from kiosk.staff_qt.camera import CameraPanel
        panel = CameraPanel("zh")  # not shown: offscreen logs "propagateSizeHints" for a window
        app.processEvents()
        print(panel.button.isHidden(), "PySide6.QtMultimedia" in sys.modules)
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_LOGGING_RULES"}  # nothing silenced
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"] and result.stderr == ""


def test_frames_convert_from_both_kinds_of_pixels() -> None:
    """The helpers' frames hold the picture (a broken NV12 writer would make every test vacuous)."""
    picture = scene(qr("K1:X"))
    finder = (picture.width // 3 + 30, picture.height // 4 + 30)  # the top-left finder's dark centre
    for frame in (nv12_frame(picture), rgb_frame(picture)):
        image = frame.toImage()
        assert image.size().toTuple() == picture.size
        assert QColor(image.pixel(*finder)).lightness() < 60 < 120 < QColor(image.pixel(10, 10)).lightness()

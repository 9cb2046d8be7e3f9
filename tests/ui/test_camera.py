"""The camera pop-up in the real QML window, fed by a test video source (FeedSource).

The kiosk without a camera keeps today's typed path; with one, the passport step offers it, the
pop-up shows the feed with a guide, and a wipe or a broken camera drops every picture.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.config import KioskConfig
from tests.ui.qml_driver import Driver, show_active


def frame(color: str = "#808080") -> QImage:
    image = QImage(1280, 720, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    return image




def to_passport_step(d: Driver) -> None:
    d.click("startButton")
    d.click("lang_en")
    d.click("service_temporary-residence")
    d.accept_consent()


def test_without_a_camera_the_passport_is_typed_as_before(
    kiosk_config: KioskConfig, qapp: Any, qtbot: Any, clock: Any
) -> None:
    from kiosk.qt.app import create_window

    kw = create_window(kiosk_config, clock=clock, sync=False, camera_source=None)
    try:
        kw.window.show()
        show_active(qtbot, kw.window)
        d = Driver(kw.window)
        to_passport_step(d)
        assert not d.exists("mrzCamera")
        assert d.find("mrzOpen").property("text") == "Scan your passport"
    finally:
        kw.close()
        qtbot.wait(10)


def test_the_camera_opens_shows_the_feed_and_closes_on_a_wipe(camera_window: Any, qtbot: Any) -> None:
    kw, feed = camera_window
    d, camera = Driver(kw.window), kw.camera
    to_passport_step(d)
    assert d.find("mrzOpen").property("text") == "Type the lines"
    d.click("mrzCamera")
    assert camera.phase == "live" and feed.running
    assert d.exists("cameraTitle")
    assert "photo page" in d.find("cameraHint").property("text")
    before = camera.frameId
    assert camera.preview == ""
    feed.push(frame("#204080"))
    qtbot.waitUntil(lambda: camera.preview != "", timeout=5000)  # encoded on a worker thread
    assert camera.frameId > before and camera.preview.startswith("data:image/jpeg;base64,")
    d.process(50)
    preview = d.find("cameraPreview")
    assert preview.property("source").toString() == camera.preview
    assert preview.property("paintedWidth") > 0, "QML decoded and drew the frame"
    shot = d.window.grabWindow()
    middle = preview.mapToScene(QPointF(preview.width() / 2, preview.height() / 2))
    assert shot.pixelColor(int(middle.x()), int(middle.y())).blue() > 100, "the blue frame is on screen"
    d.screenshot("camera_passport_live_1280x800")
    kw.visit.finish()  # the idle timeout's wipe
    d.process(50)
    assert camera.phase == "idle" and not feed.running
    assert not d.exists("cameraTitle")
    assert camera.preview == "", "the last frame is gone"
    assert preview.property("source").isEmpty(), "and the QML Image was emptied"


def test_type_instead_closes_the_camera_and_opens_the_typed_zone(camera_window: Any) -> None:
    kw, feed = camera_window
    d = Driver(kw.window)
    to_passport_step(d)
    d.click("mrzCamera")
    d.click("cameraCancel")
    assert kw.camera.phase == "idle" and not feed.running
    d.click("mrzOpen")
    assert d.find("mrzInput").property("visible")


def test_a_camera_that_breaks_says_so_in_the_visitors_language(camera_window: Any) -> None:
    kw, feed = camera_window
    d = Driver(kw.window)
    d.click("startButton")
    d.click("lang_fr")
    d.click("service_temporary-residence")
    d.accept_consent()
    d.click("mrzCamera")
    feed.failed.emit()
    d.process(50)
    assert kw.camera.phase == "idle"
    message = d.find("mrzCameraMessage").property("text")
    assert message == "⚠ La caméra ne fonctionne pas. Veuillez plutôt saisir les informations."
    assert d.find("mrzOpen").property("visible"), "the typed path is right there"


def test_with_read_aloud_on_the_camera_guidance_is_spoken(camera_window: Any) -> None:
    kw, _feed = camera_window
    d = Driver(kw.window)
    to_passport_step(d)
    kw.speech.toggleAutoRead()
    d.click("mrzCamera")
    assert kw.speech.spoken[-1].startswith("Scan your passport. Hold your passport's photo page")
    said = len(kw.speech.spoken)
    kw.camera.changed.emit()  # the same words again are not repeated
    assert len(kw.speech.spoken) == said
    kw.speech.toggleAutoRead()


def test_a_passport_held_to_the_camera_prefills_after_confirmation(camera_window: Any, qtbot: Any) -> None:
    import datetime as dt

    from tests.support.passport_pages import Augment, make_page

    kw, feed = camera_window
    d, visit, camera = Driver(kw.window), kw.visit, kw.camera
    # The camera checks the zone against the real today: the page is made relative to it too.
    page = make_page(2, today=dt.date.today(), fmt="TD3", augment=Augment(fill=0.85))
    rgb = page.image.convert("RGB")
    image = QImage(rgb.tobytes(), rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888).copy()
    to_passport_step(d)
    d.click("mrzCamera")
    assert "surname" not in visit.session.answers
    for _ in range(150):  # a camera sends frames until the zone is read and the pop-up closes
        feed.push(image)
        d.process(100)
        if camera.phase == "idle":
            break
    assert camera.phase == "idle" and not feed.running, (camera.hint, camera.message, camera.flow)
    assert not d.exists("cameraTitle")
    assert d.find("mrzLine_0").property("text"), "shown for confirmation first"
    assert "surname" not in visit.session.answers, "nothing is filled before confirmation"
    d.click("mrzConfirm")
    surname = page.mrz.splitlines()[0][5:].split("<<")[0].replace("<", " ")
    assert visit.session.answers["surname"] == surname
    assert visit.session.answers["document_number"] == page.mrz.splitlines()[1][:9].rstrip("<")


def halves() -> QImage:
    """Red on the left, blue on the right."""
    image = frame("#d02020")
    painter = QPainter(image)
    painter.fillRect(image.width() // 2, 0, image.width() // 2, image.height(), QColor("#2020d0"))
    painter.end()
    return image


def test_the_face_is_shown_as_in_a_mirror_and_a_document_as_it_is(camera_window: Any, qtbot: Any) -> None:
    kw, feed = camera_window
    d, camera = Driver(kw.window), kw.camera
    picture = halves()
    for start, left_is_blue in ((lambda: camera.startPhoto("portrait", ""), True),
                                (camera.startPassport, False)):  # fmt: skip
        start()
        feed.push(picture)
        qtbot.waitUntil(lambda: camera.preview != "", timeout=5000)
        d.process(80)
        preview = d.find("cameraPreview")
        y = preview.height() / 2
        left = preview.mapToScene(QPointF(preview.width() / 2 - preview.property("paintedWidth") / 4, y))
        shot = d.window.grabWindow()
        color = shot.pixelColor(int(left.x()), int(left.y()))
        assert (color.blue() > color.red()) is left_is_blue, (color.name(), left_is_blue)
        camera.cancel()
        d.process(30)

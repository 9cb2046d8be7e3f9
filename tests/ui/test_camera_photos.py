"""Document photos and the portrait on the review screen, through the camera pop-up fed by a
test video source: a blurred page is refused with a reason and retaken, a drawn face is kept,
and the kept pictures are sealed and queued with the submission; a wipe forgets them."""

from __future__ import annotations

from typing import Any

from PIL import Image
from PySide6.QtGui import QImage

from kiosk.forms import load_forms
from kiosk.forms.samples import load_sample
from kiosk.qt.camera_source import FeedSource
from tests.core.test_forms_prefill import td3_for
from tests.synthetic_images import document, portrait
from tests.ui.qml_driver import Driver
from tests.ui.test_all_forms import fill_remaining, scan_passport

FORM = load_forms()["temporary-residence"]


def qimage(img: Image.Image) -> QImage:
    rgb = img.convert("RGB")
    data = rgb.tobytes()
    return QImage(data, rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888).copy()




def to_review(d: Driver, visit: Any) -> None:
    answers = load_sample(FORM)
    d.click("startButton")
    d.click("lang_en")
    d.click("service_temporary-residence")
    assert "photograph" in d.find("consentPhotos").property("text")
    d.accept_consent()
    scan_passport(d, visit, td3_for(answers))
    while visit.screen == "step":
        fill_remaining(d, visit, answers)
        d.click("nextButton")
    assert visit.screen == "review"


def shoot(d: Driver, camera: Any, feed: FeedSource, picture: Image.Image, qtbot: Any) -> None:
    for _ in range(3):  # a few frames, as a camera would send
        feed.push(qimage(picture))
        d.process(40)
    d.click("cameraTake")
    qtbot.waitUntil(lambda: camera.phase == "captured", timeout=10000)
    d.process(100)  # the buttons of the new phase are laid out before they are pressed


def test_pictures_are_checked_kept_and_queued_with_the_answers(camera_window: Any, qtbot: Any) -> None:
    kw, feed = camera_window
    kw.window.resize(1366, 768)
    d, visit, camera = Driver(kw.window), kw.visit, kw.camera
    to_review(d, visit)
    keys = [r.key for r in kw.photos.rows.rows]
    assert keys[:2] == ["portrait", "passport"], keys
    d.screenshot("photos_review_1366x768")

    d.click("photoTake_0_passport")
    assert camera.phase == "live" and feed.running
    shoot(d, camera, feed, document(blur=6.0), qtbot)
    assert not camera.stillOk and "blur" in d.find("cameraHint").property("text").lower()
    d.screenshot("photos_document_blurred")
    d.click("cameraRetake")
    shoot(d, camera, feed, document(), qtbot)
    assert camera.stillOk, d.find("cameraHint").property("text")
    d.screenshot("photos_document_clear")
    d.click("cameraKeep")
    assert camera.phase == "idle" and not feed.running

    d.click("photoTake_0_portrait")
    shoot(d, camera, feed, portrait(), qtbot)
    assert camera.stillOk, d.find("cameraHint").property("text")
    d.screenshot("photos_portrait_captured")
    d.click("cameraKeep")
    d.process(50)
    assert d.find("photoTake_0_portrait").property("text") == "Take it again"
    thumb = d.find("photoThumb_0_passport")
    assert thumb.property("visible") and thumb.property("paintedWidth") > 0, "the thumbnail is drawn"
    assert thumb.property("source").toString().startswith("data:image/jpeg;base64,")
    assert set(visit.session.photos) == {"passport", "portrait"}

    d.click("submitButton")
    d.find("doneScreen", timeout=20)
    reference = d.find("referenceText").property("text").replace(" ", "")
    row = kw.submitter.queue.get_by_reference(reference)
    boxes = kw.submitter.queue.attachments(row.id)
    assert set(boxes) == {"passport", "portrait"}
    assert all(b"\xff\xd8" not in box[:64] for box in boxes.values()), "sealed, not JPEG"


def test_a_wipe_forgets_the_pictures(camera_window: Any, qtbot: Any) -> None:
    kw, feed = camera_window
    kw.window.resize(1366, 768)
    d, visit, camera = Driver(kw.window), kw.visit, kw.camera
    to_review(d, visit)
    d.click("photoTake_0_portrait")
    shoot(d, camera, feed, portrait(), qtbot)
    d.click("cameraKeep")
    d.process(50)
    kept = visit.session.people_photos[0]["portrait"]
    d.click("photoTake_0_passport")
    feed.push(qimage(document()))
    visit.finish()
    d.process(50)
    assert camera.phase == "idle" and not feed.running
    assert visit.session.photos == {} and set(kept) == {0}, "zeroed, then dropped"
    assert kw.photos.rows.rowCount() == 0

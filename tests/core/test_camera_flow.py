"""The camera capture flow (kiosk.camera.flow): passport read, document photo, portrait, failures."""

from __future__ import annotations

from kiosk.camera.flow import NO_CAMERA, START_HINT, CaptureFlow, Phase, Purpose, Verdict


def test_a_passport_read_hands_over_the_zone_only_once_verified() -> None:
    flow = CaptureFlow()
    flow.start(Purpose.PASSPORT)
    assert flow.phase is Phase.LIVE and flow.reads_frames
    assert flow.hint == START_HINT[Purpose.PASSPORT]
    flow.on_hint("Move the page closer")
    assert flow.hint == "Move the page closer"
    assert not flow.on_read(None, "check digits")
    assert flow.phase is Phase.LIVE and flow.reason == "check digits" and flow.zone == ""
    assert flow.on_read("P<UTO...\nL898...", "")
    assert flow.phase is Phase.READ and flow.zone.startswith("P<UTO")
    assert not flow.take(), "a passport is read live, never photographed"


def test_a_document_photo_is_checked_then_kept_or_retaken() -> None:
    flow = CaptureFlow()
    flow.start(Purpose.DOCUMENT, "lease")
    assert not flow.on_read("zone", ""), "documents are not read"
    assert flow.take() and flow.phase is Phase.CHECKING and not flow.reads_frames
    assert not flow.take(), "one still at a time"
    flow.on_checked(b"jpeg-1", Verdict(False, "blurred"))
    assert flow.phase is Phase.CAPTURED and flow.reason == "blurred" and flow.still == b"jpeg-1"
    flow.retake()
    assert flow.phase is Phase.LIVE and flow.still is None and flow.key == "lease" and flow.reason == ""
    assert flow.take()
    flow.on_checked(b"jpeg-2", Verdict(True))
    assert flow.keep() == b"jpeg-2"
    assert flow.phase is Phase.IDLE and flow.still is None and flow.key == ""


def test_a_doubtful_still_can_still_be_kept_for_staff_to_judge() -> None:
    flow = CaptureFlow()
    flow.start(Purpose.PORTRAIT, "portrait")
    flow.take()
    flow.on_checked(b"jpeg", Verdict(False, "No face found"))
    assert flow.keep() == b"jpeg"


def test_late_results_and_stray_taps_change_nothing() -> None:
    flow = CaptureFlow()
    assert not flow.take() and flow.keep() is None
    flow.on_checked(b"jpeg", Verdict(True))
    assert flow.phase is Phase.IDLE and flow.still is None
    flow.on_hint("closer")
    assert flow.hint == ""
    flow.start(Purpose.DOCUMENT, "visa")
    flow.on_checked(b"late", Verdict(True))  # a still from before this capture started
    assert flow.phase is Phase.LIVE and flow.still is None


def test_a_broken_camera_leaves_a_reason_and_no_picture() -> None:
    flow = CaptureFlow()
    flow.start(Purpose.DOCUMENT, "visa")
    flow.take()
    flow.on_checked(b"jpeg", Verdict(True))
    flow.fail()
    assert flow.phase is Phase.IDLE and flow.still is None and flow.reason == NO_CAMERA
    assert flow.purpose is Purpose.DOCUMENT, "the reason is shown where the visitor was"
    flow.clear()
    assert (flow.purpose, flow.reason, flow.still, flow.zone) == (None, "", None, "")

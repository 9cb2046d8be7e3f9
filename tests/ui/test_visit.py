"""A whole visit through the QML screens by clicks on objectNames, with screenshots."""

from __future__ import annotations

from kiosk.crypto.keys import registry_for
from kiosk.i18n import translate
from kiosk.qrpayload import verify
from tests.ui.qml_driver import Driver
from tests.ui.visit_steps import fill_step
from tests.ui.walk import sample

FORM = "temporary-residence"


def test_whole_visit_from_touch_to_done(kiosk_window, driver: Driver) -> None:
    visit = kiosk_window.visit
    d = driver
    d.screenshot("01-attract")
    d.click("startButton")
    assert visit.screen == "language"
    d.screenshot("02-language")
    d.click("lang_ko")
    assert visit.screen == "service" and visit.language == "ko"
    d.screenshot("03-service")
    d.click(f"service_{FORM}")
    assert visit.screen == "consent"
    d.screenshot("04-consent")
    d.accept_consent()
    assert visit.screen == "step"

    # One validation error shown in the visitor's language, then fixed.
    d.click("nextButton")
    error = d.find("error_surname").property("text")
    assert translate("ko", "Please fill in this field.") in error
    d.screenshot("05-step-error")

    answers = sample()
    shots = 0
    while visit.screen == "step":
        fill_step(d, lambda: visit.fields.rows, answers)
        shots += 1
        d.screenshot(f"06-step-{shots}")
        d.click("nextButton")
        for row in visit.fields.rows:  # still on a step? then no error may remain
            assert not row.error, (row.field_id, row.error)
    assert visit.screen == "review"
    assert shots == visit.stepCount
    d.screenshot("07-review")
    assert d.find("reviewValue_surname").property("text") == "KIM"

    # Edit jumps back to the step and Next returns to review.
    d.click("reviewEdit_room")
    assert visit.screen == "step" and visit.stepTitle == translate("ko", "Address in Shenzhen")
    d.type_text("input_room", "15F, room 1501")
    d.click("nextButton")
    assert visit.screen == "review"
    assert d.find("reviewValue_room").property("text") == "15F, room 1501"

    with_done = lambda: visit.screen == "done"  # noqa: E731
    d.click("submitButton")
    deadline_ok = d.find("doneScreen", timeout=10)
    assert deadline_ok is not None and with_done()
    reference = d.find("referenceText").property("text").replace(" ", "")
    assert len(reference) == 8
    d.screenshot("08-done")

    # The queue has the row; the PDF was saved; the QR payload is genuine.
    submitter = kiosk_window.submitter
    row = submitter.queue.get_by_reference(reference)
    assert row is not None and row.lang == "ko" and row.form_id == FORM
    assert (kiosk_window.config.pdf_dir / f"{reference}.pdf").exists()
    assert verify(row.qr_payload, registry_for(kiosk_window.config.data_dir)).genuine
    assert b"KIM" not in row.sealed_answers

    d.click("doneButton")
    assert visit.screen == "attract"
    d.find("attractScreen")

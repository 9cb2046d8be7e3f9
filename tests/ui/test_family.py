"""Families and hosts in one visit (issue 18), through the QML screens, with screenshots."""

from __future__ import annotations

from kiosk.i18n import translate
from tests.ui.qml_driver import Driver
from tests.ui.visit_steps import fill_step
from tests.ui.walk import FORM, sample

CHILD = {"surname": "KIM", "given_names": "SEOYEON", "sex": "F", "birth_date": "2016-03-02",
         "document_number": "M23456789", "visa_number": "E87654321"}  # fmt: skip


def to_review(d: Driver, visit, lang: str = "en") -> None:
    """The first person, filled through the session (test_visit walks the controls)."""
    d.click("startButton")
    d.click(f"lang_{lang}")
    d.click(f"service_{FORM}")
    d.accept_consent()
    visit.session.answers.update(sample())
    visit.setAnswer("surname", "KIM")  # refresh the models from the filled session
    while visit.screen == "step":
        d.click("nextButton")
    assert visit.screen == "review"


def add_child(d: Driver, visit) -> list[str]:
    """Add a person by the review's button and fill their steps through the controls."""
    d.click("addPersonButton")
    answers = {**sample(), **CHILD}
    titles = []
    while visit.screen == "step":
        titles.append(visit.stepTitle)
        fill_step(d, lambda: visit.fields.rows, answers)
        d.click("nextButton")
    assert visit.screen == "review", [r.error for r in visit.fields.rows if r.error]
    return titles


def test_a_family_of_two_in_one_visit(kiosk_window, driver: Driver) -> None:
    visit, d = kiosk_window.visit, driver
    to_review(d, visit, "ko")
    d.screenshot("family-01-review-one")
    titles = add_child(d, visit)
    # Only the personal and passport steps were asked again, each saying whose it is.
    steps = ["Your name and nationality", "Passport and entry", "Visa or residence permit",
             "Permanent address abroad"]  # fmt: skip
    assert len(titles) == len(steps)
    for title, step in zip(titles, steps, strict=True):
        assert translate("ko", step) in title and "2" in title, title
    d.screenshot("family-02-review-two")
    # The review shows both people; the shared address once.
    assert d.find("reviewValue_given_names").property("text") == "MINJUN"
    assert d.find("reviewValue_given_names_1").property("text") == "SEOYEON"
    assert d.find("reviewValue_room").property("text") == sample()["room"]
    assert not d.exists("reviewValue_room_1")
    # Editing the second person's answer changes only theirs.
    d.click("reviewEdit_given_names_1")
    assert visit.screen == "step"
    d.type_text("input_given_names", "JIHO")
    d.click("nextButton")
    assert visit.screen == "review"
    assert [p["given_names"] for p in visit.session.people] == ["MINJUN", "JIHO"]

    d.click("submitButton")
    d.find("doneScreen", timeout=15)
    d.screenshot("family-03-done")
    refs = [d.find(f"referenceText_{n}").property("text").replace(" ", "") for n in (1, 2)]
    assert len(set(refs)) == 2 and all(len(r) == 8 for r in refs)
    rows = [kiosk_window.submitter.queue.get_by_reference(r) for r in refs]
    assert all(rows) and rows[0].group_id == rows[1].group_id is not None
    assert [r.group_member for r in rows] == [1, 2]
    for ref in refs:  # one printed form per person, each with its own QR
        assert (kiosk_window.config.pdf_dir / f"{ref}.pdf").exists()
    d.click("doneButton")
    assert visit.screen == "attract" and visit.session.people == [{}]


def test_language_switch_and_idle_wipe_mid_group(kiosk_window, driver: Driver, clock) -> None:
    visit, d = kiosk_window.visit, driver
    to_review(d, visit, "en")
    d.click("addPersonButton")
    d.type_text("input_surname", "PARKMARKER")
    d.click("languageButton")
    d.click("popupLang_fr")
    assert visit.language == "fr" and visit.screen == "step"
    assert d.find("input_surname").property("text") == "PARKMARKER"
    assert translate("fr", "Your name and nationality") in visit.stepTitle
    clock.advance(91)
    d.process(400)
    clock.advance(31)
    d.process(600)
    assert visit.screen == "attract"
    assert visit.session.people == [{}] and visit.review.rowCount() == 0
    for item in d.items():
        value = item.property("text")
        assert not (isinstance(value, str) and "PARKMARKER" in value), item.objectName()

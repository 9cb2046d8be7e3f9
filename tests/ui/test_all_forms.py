"""Every bundled form walked through the QML screens with its sample answers, submitted and
printed to PDF; forms with passport data are prefilled by a scanned machine-readable zone."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest

from kiosk.forms import load_forms
from kiosk.forms.samples import load_sample
from kiosk.i18n import translate
from tests.core.test_forms_prefill import td3_for
from tests.ui.qml_driver import Driver, show_active
from tests.ui.visit_steps import fill_field

FORMS = load_forms()
# A different language for each form, so every catalog renders on screen and on paper.
LANGS = ("en", "zh", "ko", "ja", "fr", "es", "de", "ru", "ar", "hi")


def fill_remaining(d: Driver, visit: Any, answers: dict[str, Any]) -> list[str]:
    """Fill every shown field whose answer is not there yet (prefilled ones are kept)."""
    filled: list[str] = []
    while True:
        todo = [r for r in visit.fields.rows if r.field_id in answers and r.field_id not in filled]
        if not todo:
            return filled
        row = todo[0]
        if row.value != answers[row.field_id]:
            fill_field(d, row, answers[row.field_id])
        filled.append(row.field_id)


def scan_passport(d: Driver, visit: Any, zone: str) -> None:
    d.click("mrzOpen")
    d.set_property("mrzInput", "text", zone + "\n")  # a reader ends with Enter: read at once
    assert d.find("mrzLine_0").property("text")
    d.click("mrzConfirm")
    assert not d.exists("mrzConfirm")


@pytest.mark.parametrize("form_id", sorted(FORMS))
def test_form_walked_submitted_and_printed(form_id: str, kiosk_window: Any, driver: Driver) -> None:
    form, visit, d = FORMS[form_id], kiosk_window.visit, driver
    lang = LANGS[sorted(FORMS).index(form_id) % len(LANGS)]
    answers = load_sample(form)
    d.click("startButton")
    d.click(f"lang_{lang}")
    d.click(f"service_{form_id}")
    d.accept_consent()
    assert visit.screen == "step"
    if form.mrz_prefill:
        scan_passport(d, visit, td3_for(answers))
        prefilled = {t for _, t in form.mrz_prefill}
        assert prefilled <= set(visit.session.answers), form_id
    seen: set[str] = set()
    while visit.screen == "step":
        seen.update(fill_remaining(d, visit, answers))
        d.click("nextButton")
        for row in visit.fields.rows:
            assert not row.error, (form_id, row.field_id, row.error)
    assert visit.screen == "review"
    assert seen == set(form.visible_answers(answers)), form_id
    expected = {k: v if isinstance(v, list) else str(v) for k, v in form.visible_answers(answers).items()}
    assert form.visible_answers(visit.session.answers) == expected
    d.screenshot(f"forms-{form_id}-review-{lang}")
    d.click("submitButton")
    d.find("doneScreen", timeout=15)
    reference = d.find("referenceText").property("text").replace(" ", "")
    pdf: Path = kiosk_window.config.pdf_dir / f"{reference}.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    row = kiosk_window.submitter.queue.get_by_reference(reference)
    assert row is not None and row.form_id == form_id and row.lang == lang


def test_a_corrupted_passport_zone_prefills_nothing(kiosk_window: Any, driver: Driver) -> None:
    form = FORMS["temporary-residence"]
    visit, d = kiosk_window.visit, driver
    d.click("startButton")
    d.click("lang_ko")
    d.click("service_temporary-residence")
    d.accept_consent()
    zone = td3_for(load_sample(form))
    bad = zone[:54] + str((int(zone[54]) + 1) % 10) + zone[55:]
    d.click("mrzOpen")
    d.set_property("mrzInput", "text", bad)
    d.click("mrzRead")
    message = d.find("mrzMessage").property("text")
    expected = translate("ko", "The check digit of the document number does not match. "
                               "Please scan again or check what you typed.")  # fmt: skip
    assert expected in message
    assert not d.exists("mrzConfirm") and visit.session.answers == {}
    d.set_property("mrzInput", "text", "P<KOR\ngarbled")
    d.click("mrzRead")
    assert d.find("mrzMessage").property("text").startswith("⚠")
    assert visit.session.answers == {}
    d.click("nextButton")  # nothing prefilled: the step still asks for the surname
    assert visit.screen == "step" and visit.fields.rows[0].error


def test_cascading_address_lists_follow_the_district(kiosk_window: Any, driver: Driver) -> None:
    visit, d = kiosk_window.visit, driver
    d.click("startButton")
    d.click("lang_en")
    d.click("service_dog-registration")
    d.accept_consent()
    d.click("nextButton")  # empty first step: errors, stays
    visit.session.answers.update(load_sample(FORMS["dog-registration"]))
    d.click("nextButton")
    assert visit.stepTitle == "Where the dog lives"
    for key in ("district", "subdistrict", "community"):
        visit.setAnswer(key, "")
    d.process()
    assert [r.field_id for r in visit.fields.rows][:2] == ["district", "street_address"]
    d.click("choice_district_futian")
    sub = next(r for r in visit.fields.rows if r.field_id == "subdistrict")
    assert all(o["value"].startswith("futian.") for o in sub.options) and len(sub.options) == 10
    d.click("choice_subdistrict_futian.shatou")  # no community list here: none asked
    assert "community" not in [r.field_id for r in visit.fields.rows]
    d.click("choice_district_nanshan")
    d.click("nextButton")  # the Futian subdistrict no longer fits Nanshan
    error = next(r for r in visit.fields.rows if r.field_id == "subdistrict").error
    assert error == "Please choose from the list."
    d.click("choice_subdistrict_nanshan.shekou")
    assert "community" in [r.field_id for r in visit.fields.rows]


def test_an_imported_xlsform_runs_in_the_kiosk(qapp: Any, qtbot: Any, tmp_path: Path, clock: Any) -> None:
    import datetime as dt

    from kiosk.config import KioskConfig
    from kiosk.qt.app import create_window
    from kiosk.xlsform import import_xlsform
    from kiosk.xlsform.write import write_import
    from tests.core.test_xlsform import SURVEY, workbook

    out = tmp_path / "forms"
    write_import(import_xlsform(workbook(tmp_path / "demo.xlsx", SURVEY)), out)
    kw = create_window(KioskConfig(data_dir=tmp_path / "data", forms_dir=out, demo=True), clock=clock)
    kw.window.resize(1920, 1080)
    kw.window.show()
    show_active(qtbot, kw.window)
    try:
        d, visit = Driver(kw.window), cast(Any, kw.visit)
        answers = {"full_name": "Kim Minjun", "age": "40", "arrived": dt.date.today().isoformat(),
                   "district": "nanshan", "subdistrict": "shekou", "topics": ["work", "housing"],
                   "budget": "12.5"}  # fmt: skip
        d.click("startButton")
        d.click("lang_en")
        d.click("service_survey_demo")
        d.accept_consent()
        while visit.screen == "step":
            fill_remaining(d, visit, answers)
            d.click("nextButton")
            assert not [r.error for r in visit.fields.rows if r.error]
        assert visit.session.answers == answers
        assert d.exists("label_thanks") is False  # the note was on the last step, now passed
        d.click("submitButton")
        d.find("doneScreen", timeout=15)
        reference = d.find("referenceText").property("text").replace(" ", "")
        assert (kw.config.pdf_dir / f"{reference}.pdf").exists()
    finally:
        kw.close()
        qtbot.wait(10)


def test_a_typed_zone_is_forgotten_when_the_visit_is_wiped(kiosk_window: Any, driver: Driver) -> None:
    d = driver
    d.click("startButton")
    d.click("lang_en")
    d.click("service_work-permit")
    d.accept_consent()
    d.click("choice_request_type_new")
    d.click("nextButton")  # the passport step is not the first one: no scan offered there
    assert not d.exists("mrzScan")
    d.click("backButton")
    d.click("mrzOpen")
    d.set_property("mrzInput", "text", "P<KORKIM<<MINJUN")
    kiosk_window.visit.finish()  # the idle timeout's wipe
    d.process()
    d.click("startButton")
    d.click("lang_en")
    d.click("service_work-permit")
    d.accept_consent()
    assert d.exists("mrzOpen")
    inputs = [i for i in d.items() if i.objectName() == "mrzInput"]
    assert inputs and all(i.property("text") == "" for i in inputs)

"""Language switching mid-form keeps answers and retranslates; the idle timeout wipes everything."""

from __future__ import annotations

from kiosk.i18n import catalog, translate
from kiosk.i18n.extract import template
from tests.ui.qml_driver import Driver

FORM = "temporary-residence"
MARKERS = {"surname": "ZQXMARKER", "given_names": "WYVMARKER"}


def start_form(d: Driver, lang: str) -> None:
    d.click("startButton")
    d.click(f"lang_{lang}")
    d.click(f"service_{FORM}")
    d.accept_consent()


def english_sources_that_change(lang: str) -> set[str]:
    cat = catalog(lang)
    return {m.id for m in template() if isinstance(m.id, str) and m.id and cat.gettext(m.id) != m.id}


def test_language_switch_mid_form_keeps_answers_and_retranslates(kiosk_window, driver: Driver) -> None:
    d, visit = driver, kiosk_window.visit
    start_form(d, "en")
    d.type_text("input_surname", MARKERS["surname"])
    d.type_text("input_given_names", MARKERS["given_names"])
    d.click("choice_sex_F")
    english = set(d.texts())
    assert "Surname" in english and "Next" in english

    d.click("languageButton")
    d.click("popupLang_fr")
    assert visit.language == "fr" and visit.screen == "step"
    d.screenshot("lang-switch-fr")
    shown = d.texts()
    # Answers are kept, in the fields and in the session.
    assert d.find("input_surname").property("text") == MARKERS["surname"]
    assert visit.session.answers["sex"] == "F"
    # Every visible text is retranslated: no English source whose French differs remains.
    stale = english_sources_that_change("fr") & set(shown)
    assert not stale, stale
    fr = catalog("fr")
    assert fr.gettext("Surname") in shown
    assert fr.gettext("Your name and nationality") in shown

    # And back to Chinese: the chosen option's label follows too.
    d.click("languageButton")
    d.click("popupLang_zh")
    zh = catalog("zh")
    assert any(zh.gettext("Female") in t for t in d.texts())
    assert not english_sources_that_change("zh") & set(d.texts())


def test_idle_timeout_warns_then_wipes_every_answer(kiosk_window, driver: Driver, clock) -> None:
    d, visit = driver, kiosk_window.visit
    start_form(d, "ko")
    d.type_text("input_surname", MARKERS["surname"])
    d.type_text("input_given_names", MARKERS["given_names"])

    # A touch within the warning keeps the session.
    clock.advance(91)
    d.process(400)
    assert d.find("timeoutOverlay").isVisible()
    countdown = d.find("timeoutCountdown").property("text")
    assert "30" in countdown or "29" in countdown, countdown  # at least 20 s to react (WCAG 2.2.1)
    # ... and spoken, in Korean, once: a visitor who cannot read the screen hears it too.
    spoken = [t for t in kiosk_window.speech.spoken if translate("ko", "Are you still there?") in t]
    assert len(spoken) == 1 and ("30" in spoken[0] or "29" in spoken[0]), kiosk_window.speech.spoken
    d.screenshot("timeout-warning")
    d.click("stillHereButton")
    d.process(400)
    assert not d.exists("timeoutOverlay") and visit.screen == "step"
    assert d.find("input_surname").property("text") == MARKERS["surname"]

    # No touch: the warning counts down, then everything is wiped.
    clock.advance(91)
    d.process(400)
    assert d.exists("timeoutOverlay")
    clock.advance(31)
    d.process(600)
    assert visit.screen == "attract"
    d.find("attractScreen")
    d.screenshot("after-timeout")
    assert visit.session.answers == {} and visit.session.form is None
    assert visit.fields.rowCount() == 0 and visit.review.rowCount() == 0
    for item in d.items():  # no answer text left in any QML item, visible or not
        for prop in ("text", "displayText", "preeditText"):
            value = item.property(prop)
            if isinstance(value, str):
                assert not any(m in value for m in MARKERS.values()), (item.objectName(), prop)


def test_passport_fields_switch_the_keyboard_to_latin(kiosk_window, driver: Driver) -> None:
    d = driver
    start_form(d, "ko")
    d.click("input_chinese_name")
    assert kiosk_window.window.property("keyboardLocale") == "ko_KR"
    d.click("input_surname")  # names as in the passport: Latin letters only
    assert kiosk_window.window.property("keyboardLocale") == "en_US"
    d.screenshot("keyboard-latin-in-korean")
    # Typed in another script anyway (a hardware keyboard, an IME commit): a clear message.
    kiosk_window.visit.setAnswer("surname", "김")
    kiosk_window.visit.setAnswer("given_names", "MINJUN")
    d.click("nextButton")
    error = d.find("error_surname").property("text")
    assert catalog("ko").gettext("Please use Latin letters only, as printed in your passport.") in error


def test_markup_typed_by_a_visitor_is_shown_as_typed(kiosk_window, driver: Driver) -> None:
    """An answer like `<img src=file:///…>` is text on the review screen, not a picture of a file."""
    from tests.ui.walk import sample

    d, visit = driver, kiosk_window.visit
    start_form(d, "en")
    markup = '<img src="file:///etc/hostname"><b>1501</b>'
    visit.session.answers.update({**sample(), "street_address": markup})
    visit.setAnswer("surname", "KIM")  # refresh the models from the filled session
    for _ in range(visit.stepCount):
        d.click("nextButton")
    assert visit.screen == "review", [r.error for r in visit.fields.rows if r.error]
    shown = d.find("reviewValue_street_address")
    assert shown.property("text") == markup
    # Drawn as its 40-odd characters, not as an image plus a bold "1501" (about 60 px wide).
    assert shown.property("contentWidth") > 300, shown.property("contentWidth")
    d.screenshot("review-markup-as-text")

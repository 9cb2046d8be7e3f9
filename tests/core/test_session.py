"""Every transition of the visitor's session, and the idle timer with a fake clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kiosk.forms import Form
from kiosk.forms.loader import parse_form
from kiosk.idle import IdleState, IdleTimer
from kiosk.session import Receipt, Screen, VisitorSession
from tests.core.helpers import FORM_ID

LANGS = ("en", "zh", "ko", "ja", "fr")
RECEIPT = Receipt("ACEFGHJK", "K1:ACEFGHJK:SK-LOBBY-1:TEMPORARY-RESIDENCE:T:SIG", printed=False)

BRANCHING: dict[str, Any] = {
    "id": "branching",
    "title": "Branching",
    "purpose": "Tests",
    "steps": [
        {"id": "a", "title": "A", "fields": [{"id": "pet", "type": "yesno", "label": "Pet?",
                                              "required": True}]},
        {"id": "b", "title": "B", "fields": [{"id": "pet_name", "type": "text", "label": "Name",
                                              "required": True,
                                              "show_if": {"field": "pet", "equals": "yes"}}]},
        {"id": "c", "title": "C", "fields": [{"id": "note", "type": "text", "label": "Note"}]},
    ],
}  # fmt: skip


@pytest.fixture
def session(form: Form) -> VisitorSession:
    branching = parse_form(BRANCHING, "branching.json")
    return VisitorSession({FORM_ID: form, "branching": branching}, LANGS, "en")


def fill_step(s: VisitorSession, answers: dict[str, Any]) -> None:
    assert s.form is not None and s.screen is Screen.STEP
    for f in s.form.steps[s.step_index].fields:
        if f.id in answers:
            assert s.set_answer(f.id, answers[f.id])


def to_consent(s: VisitorSession, form_id: str = FORM_ID, lang: str = "ko") -> None:
    assert s.touch_attract()
    assert s.screen is Screen.LANGUAGE
    assert s.set_language(lang)
    assert s.screen is Screen.SERVICE
    assert s.choose_service(form_id)
    assert s.screen is Screen.CONSENT


def to_review(s: VisitorSession, answers: dict[str, Any]) -> list[int]:
    """Go from attract to review filling every step; returns the step indexes visited."""
    to_consent(s)
    assert s.accept_consent()
    visited = []
    while s.screen is Screen.STEP:
        visited.append(s.step_index)
        fill_step(s, answers)
        assert s.next(), s.problems
    assert s.screen is Screen.REVIEW
    return visited


def test_the_whole_path(session: VisitorSession, sample: dict[str, Any], form: Form) -> None:
    assert session.screen is Screen.ATTRACT and session.lang == "en"
    visited = to_review(session, sample)
    assert visited == list(range(len(form.steps)))
    assert session.answers == form.visible_answers(sample)
    answers = session.begin_submit()
    assert answers == [form.visible_answers(sample)]
    assert session.screen is Screen.SUBMITTING
    assert session.submit_succeeded(RECEIPT)
    assert session.screen is Screen.DONE and session.receipt == RECEIPT


def test_back_from_each_screen(session: VisitorSession, sample: dict[str, Any]) -> None:
    to_review(session, sample)
    last = session.step_index
    assert session.back() and session.screen is Screen.STEP and session.step_index == last
    for index in range(last - 1, -1, -1):
        assert session.back() and session.screen is Screen.STEP and session.step_index == index
    assert session.back() and session.screen is Screen.CONSENT
    assert session.back() and session.screen is Screen.SERVICE
    assert session.back() and session.screen is Screen.LANGUAGE
    assert session.back() and session.screen is Screen.ATTRACT
    assert not session.back()
    assert session.answers  # going back never loses answers


def test_back_and_next_skip_hidden_steps(session: VisitorSession) -> None:
    to_consent(session, "branching")
    assert session.accept_consent() and session.step_index == 0
    session.set_answer("pet", "no")
    assert session.next() and session.step_index == 2  # step b has no visible field
    assert session.back() and session.step_index == 0
    session.set_answer("pet", "yes")
    assert session.next() and session.step_index == 1
    assert not session.next()  # the pet's name is required now
    assert [p.field for p in session.problems] == ["pet_name"]
    session.set_answer("pet_name", "REX")
    assert session.problems == []  # answering a field clears its message
    assert session.next() and session.step_index == 2
    assert session.next() and session.screen is Screen.REVIEW
    assert session.back() and session.step_index == 2


def test_next_with_a_problem_stays(session: VisitorSession, sample: dict[str, Any]) -> None:
    to_consent(session)
    session.accept_consent()
    fill_step(session, {**sample, "surname": "김"})
    assert not session.next()
    assert session.step_index == 0 and session.screen is Screen.STEP
    assert [p.field for p in session.problems] == ["surname"]
    assert session.back() and session.problems == []


def test_edit_from_review_returns_to_review(
    session: VisitorSession, sample: dict[str, Any], form: Form
) -> None:
    to_review(session, sample)
    assert session.edit("room")
    assert session.screen is Screen.STEP and session.step_index == form.step_of("room")
    assert session.set_answer("room", "3F")
    assert session.next()
    assert session.screen is Screen.REVIEW and session.answers["room"] == "3F"
    # Back from an edited step cancels the return to review: Next then goes on step by step
    assert session.edit("surname") and session.back() is True
    assert session.screen is Screen.CONSENT
    session.accept_consent()
    assert session.next() and session.screen is Screen.STEP and session.step_index == 1


def test_language_switch_keeps_answers_everywhere(
    session: VisitorSession, sample: dict[str, Any]
) -> None:
    assert session.set_language("zh") and session.screen is Screen.SERVICE  # from attract
    session.wipe()
    session.touch_attract()
    assert session.set_language("fr") and session.screen is Screen.SERVICE  # from language
    session.choose_service(FORM_ID)
    assert session.set_language("ja") and session.screen is Screen.CONSENT
    session.accept_consent()
    langs = iter(["en", "zh", "ko", "ja", "fr"] * 4)
    while session.screen is Screen.STEP:
        fill_step(session, sample)
        before = (dict(session.answers), session.step_index)
        assert session.set_language(next(langs))
        assert (session.answers, session.step_index) == before and session.screen is Screen.STEP
        session.next()
    before_answers = dict(session.answers)
    for screen_action in (
        lambda: None,
        session.begin_submit,
        lambda: session.submit_succeeded(RECEIPT),
    ):
        screen_action()
        screen = session.screen
        assert session.set_language("ko") and session.lang == "ko"
        assert session.screen is screen and session.answers == before_answers
    assert session.screen is Screen.DONE


def test_ignored_events_return_false(session: VisitorSession, sample: dict[str, Any]) -> None:
    s = session
    assert not s.set_language("xx") and s.lang == "en"
    assert not s.choose_service(FORM_ID) and not s.accept_consent() and not s.next()
    assert not s.set_answer("surname", "KIM") and s.answers == {}
    assert not s.edit("surname") and s.begin_submit() is None
    assert not s.submit_succeeded(RECEIPT) and not s.submit_failed("x")
    assert not s.back()
    s.touch_attract()
    assert not s.touch_attract()  # a double tap
    s.set_language("en")
    assert not s.choose_service("no-such-form") and s.screen is Screen.SERVICE
    s.choose_service(FORM_ID)
    assert not s.choose_service(FORM_ID)
    s.accept_consent()
    assert not s.accept_consent()
    assert not s.set_answer("no_such_field", "x")
    assert not s.edit("surname") and s.begin_submit() is None
    s.wipe()
    to_review(s, sample)
    assert not s.set_answer("surname", "LEE") and s.answers["surname"] == sample["surname"]
    assert not s.next() and not s.edit("no_such_field")
    assert s.begin_submit() is not None
    assert not s.back() and not s.edit("surname") and s.begin_submit() is None
    s.submit_succeeded(RECEIPT)
    assert not s.submit_succeeded(RECEIPT) and not s.submit_failed("late") and not s.back()
    assert s.screen is Screen.DONE


def test_choosing_another_service_forgets_answers(session: VisitorSession) -> None:
    to_consent(session)
    session.accept_consent()
    session.set_answer("surname", "KIM")
    session.back()
    session.back()  # consent → service
    assert session.choose_service(FORM_ID) and session.answers == {"surname": "KIM"}
    session.back()
    assert session.choose_service("branching") and session.answers == {}


def test_empty_answer_removes_it(session: VisitorSession) -> None:
    to_consent(session)
    session.accept_consent()
    empties: tuple[Any, ...] = ("", None, [])
    for empty in empties:
        session.set_answer("surname", "KIM")
        assert session.set_answer("surname", empty) and "surname" not in session.answers


def test_begin_submit_with_a_blocking_problem_goes_back_to_the_step(
    session: VisitorSession, sample: dict[str, Any], form: Form
) -> None:
    to_review(session, sample)
    del session.answers["room"]  # e.g. a value that was cleared behind the visitor's back
    assert session.begin_submit() is None
    assert session.screen is Screen.STEP and session.step_index == form.step_of("room")
    assert [p.field for p in session.problems] == ["room"]
    session.set_answer("room", "12F")
    assert session.next() and session.screen is Screen.REVIEW  # straight back to review


def test_begin_submit_checks_dates_against_today(
    session: VisitorSession, sample: dict[str, Any], form: Form
) -> None:
    to_review(session, sample)
    long_ago = dt.date.fromisoformat(sample["entry_date"]) - dt.timedelta(days=1)
    assert session.begin_submit(today=long_ago) is None  # the entry date is now "in the future"
    assert session.step_index == form.step_of("entry_date")


def test_warnings_do_not_block_submit(session: VisitorSession, sample: dict[str, Any]) -> None:
    early = {**sample, "arrival_date": sample["entry_date"], "entry_date": sample["arrival_date"]}
    to_review(session, early)
    assert session.begin_submit() is not None
    assert [(p.field, p.warning) for p in session.problems] == [("arrival_date", True)]


def test_submit_failed_returns_to_review_keeping_answers(
    session: VisitorSession, sample: dict[str, Any]
) -> None:
    to_review(session, sample)
    answers = dict(session.answers)
    session.begin_submit()
    assert session.submit_failed("disk full")
    assert session.screen is Screen.REVIEW and session.submit_error == "disk full"
    assert session.answers == answers
    assert session.begin_submit() == [answers] and session.submit_error == ""


def test_hidden_answers_are_not_submitted(session: VisitorSession, sample: dict[str, Any]) -> None:
    to_review(session, {**sample, "host_type": "own"})  # no landlord then
    assert session.answers["host_id_number"] == sample["host_id_number"]  # typed before...
    people = session.begin_submit()
    assert people is not None
    submitted = people[0]
    assert "host_id_number" not in submitted and "host_name" not in submitted  # ...never sent


@pytest.mark.parametrize("stop", ["language", "consent", "step", "review", "submitting", "done"])
def test_wipe_clears_everything(session: VisitorSession, sample: dict[str, Any], stop: str) -> None:
    session.touch_attract()
    if stop != "language":
        session.set_language("ko")
        session.choose_service(FORM_ID)
    if stop not in ("language", "consent"):
        session.accept_consent()
        fill_step(session, {**sample, "surname": "김"})
        session.next()  # leaves a problem on the screen
    if stop in ("review", "submitting", "done"):
        session.wipe()
        to_review(session, sample)
    if stop in ("submitting", "done"):
        session.begin_submit()
    if stop == "done":
        session.submit_succeeded(RECEIPT)
    assert session.screen.value == stop
    session.wipe()
    assert session.screen is Screen.ATTRACT and session.lang == "en"
    assert session.form is None and session.answers == {} and session.problems == []
    assert session.receipt is None and session.submit_error == "" and session.step_index == 0
    assert not session.return_to_review and session.visible_step_indexes() == []


# -- the idle timer ----------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_idle_warning_countdown_and_expiry() -> None:
    clock = FakeClock()
    timer = IdleTimer(90, 30, clock=clock)
    clock.now += 89.9
    assert timer.state() == IdleState(False, False, 0)
    clock.now += 0.1
    assert timer.state() == IdleState(True, False, 30)
    clock.now += 10.5
    assert timer.state() == IdleState(True, False, 20)  # whole seconds, rounded up
    clock.now += 19.4
    assert timer.state() == IdleState(True, False, 1)
    clock.now += 0.1
    assert timer.state() == IdleState(False, True, 0)
    clock.now += 1000
    assert timer.state().expired


def test_one_touch_cancels_the_warning() -> None:
    clock = FakeClock()
    timer = IdleTimer(60, 20, clock=clock)
    clock.now += 75
    assert timer.state().warning
    timer.touched()
    assert timer.state() == IdleState(False, False, 0)
    clock.now += 59
    assert not timer.state().warning
    clock.now += 1
    assert timer.state() == IdleState(True, False, 20)


def test_touches_before_the_timeout_restart_it() -> None:
    clock = FakeClock()
    timer = IdleTimer(30, 20, clock=clock)
    for _ in range(10):
        clock.now += 29
        timer.touched()
    assert timer.state() == IdleState(False, False, 0)


def test_countdown_is_at_least_20_seconds() -> None:
    with pytest.raises(ValueError, match="at least 20"):
        IdleTimer(90, 19.9, clock=FakeClock())
    assert IdleTimer(90, 20, clock=FakeClock()).warning_s == 20


def test_timeout_then_wipe(session: VisitorSession, sample: dict[str, Any]) -> None:
    """What the Qt backend does on expiry: the whole session is forgotten."""
    clock = FakeClock()
    timer = IdleTimer(90, 30, clock=clock)
    to_review(session, sample)
    clock.now += 120
    assert timer.state().expired
    session.wipe()
    assert session.screen is Screen.ATTRACT and session.answers == {}

"""Families and hosts in one visit (issue 18): the group model of the session, without Qt."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kiosk.forms import Form
from kiosk.forms.loader import FormDefinitionError, parse_form
from kiosk.forms.model import Condition, age_in_years
from kiosk.session import Receipt, Screen, VisitorSession
from tests.core.helpers import FORM_ID
from tests.core.test_session import LANGS, fill_step, to_review

SHARED = ("stay", "address", "host")
CHILD = {"surname": "KIM", "given_names": "SEOYEON", "sex": "F", "birth_date": "2016-03-02",
         "document_number": "M23456789", "visa_number": "E87654321"}  # fmt: skip


@pytest.fixture
def session(form: Form) -> VisitorSession:
    return VisitorSession({FORM_ID: form}, LANGS, "en")


def add_person(s: VisitorSession, answers: dict[str, Any]) -> list[str]:
    """From review, add a person and walk their steps; returns the step ids asked."""
    assert s.form is not None and s.add_person()
    asked = []
    while s.screen is Screen.STEP:
        asked.append(s.form.steps[s.step_index].id)
        fill_step(s, answers)
        assert s.next(), s.problems
    assert s.screen is Screen.REVIEW
    return asked


def test_the_form_declares_its_shared_steps(form: Form) -> None:
    assert form.group is not None and form.group.shared_steps == SHARED
    personal = [form.steps[i].id for i in form.person_step_indexes()]
    assert personal == ["identity", "document", "visa", "abroad"]
    assert form.shared_field("street_address") and not form.shared_field("surname")


def test_a_further_person_is_asked_only_the_personal_steps(
    session: VisitorSession, sample: dict[str, Any], form: Form
) -> None:
    to_review(session, sample)
    assert session.can_add_person()
    asked = add_person(session, {**sample, **CHILD})
    assert asked == ["identity", "document", "visa", "abroad"]
    assert len(session.people) == 2
    first, second = session.people
    for f in form.fields:  # the shared steps' answers were carried over, the rest asked again
        if form.shared_field(f.id) and f.id in first:
            assert second[f.id] == first[f.id], f.id
    assert second["surname"] == "KIM" and second["given_names"] == "SEOYEON"
    assert first["given_names"] == sample["given_names"]


def test_a_shared_answer_edited_once_changes_for_everyone(
    session: VisitorSession, sample: dict[str, Any]
) -> None:
    to_review(session, sample)
    add_person(session, {**sample, **CHILD})
    assert session.edit("room", person=1)
    assert session.person == 0  # shared: edited once, on the group's step
    assert session.set_answer("room", "15F, room 1501") and session.next()
    assert session.screen is Screen.REVIEW
    assert [p["room"] for p in session.people] == ["15F, room 1501"] * 2
    assert session.edit("surname", person=1) and session.person == 1
    assert session.set_answer("surname", "LEE") and session.next()
    assert [p["surname"] for p in session.people] == [sample["surname"], "LEE"]


def test_back_from_a_new_persons_first_step_cancels_adding_them(
    session: VisitorSession, sample: dict[str, Any]
) -> None:
    to_review(session, sample)
    assert session.add_person()
    assert session.set_answer("surname", "LEE")
    assert session.back()
    assert session.screen is Screen.REVIEW and len(session.people) == 1 and session.person == 0


def test_back_from_review_walks_the_last_persons_steps(
    session: VisitorSession, sample: dict[str, Any]
) -> None:
    to_review(session, sample)
    add_person(session, {**sample, **CHILD})
    assert session.back() and session.person == 1 and session.screen is Screen.STEP
    while session.screen is Screen.STEP:
        assert session.back()
    assert session.screen is Screen.REVIEW and len(session.people) == 2  # reviewed: kept


def test_remove_a_person_and_the_group_limit(
    session: VisitorSession, sample: dict[str, Any], form: Form
) -> None:
    to_review(session, sample)
    assert not session.remove_person(0)  # never the last one
    assert form.group is not None
    for n in range(form.group.max_people - 1):
        add_person(session, {**sample, **CHILD, "surname": f"KIM{'X' * n}"})
    assert not session.can_add_person() and not session.add_person()
    assert session.remove_person(1) and len(session.people) == form.group.max_people - 1
    assert session.can_add_person()


def test_submit_returns_every_person_and_done_keeps_every_receipt(
    session: VisitorSession, sample: dict[str, Any], form: Form
) -> None:
    to_review(session, sample)
    add_person(session, {**sample, **CHILD})
    people = session.begin_submit()
    assert people is not None and [p["given_names"] for p in people] == [sample["given_names"], "SEOYEON"]
    assert people == [form.visible_answers(p) for p in session.people]
    receipts = [Receipt("ACEFGHJK", "K2:A", False), Receipt("MNPRTWXY", "K2:B", False)]
    assert session.submit_succeeded(receipts)
    assert session.receipts == receipts and session.receipt == receipts[0]


def test_a_problem_of_the_second_person_goes_to_their_step(
    session: VisitorSession, sample: dict[str, Any]
) -> None:
    to_review(session, sample)
    add_person(session, {**sample, **CHILD})
    session.people[1]["document_number"] = "bad!"  # as if an old answer went stale
    assert session.begin_submit() is None
    assert session.screen is Screen.STEP and session.person == 1 and session.return_to_review


def test_language_switch_mid_group_keeps_everyone_and_wipe_forgets_everyone(
    session: VisitorSession, sample: dict[str, Any]
) -> None:
    to_review(session, sample)
    assert session.add_person() and session.set_answer("surname", "LEE")
    assert session.set_language("fr")
    assert session.screen is Screen.STEP and session.person == 1 and len(session.people) == 2
    assert session.answers["surname"] == "LEE" and session.lang == "fr"
    session.wipe()
    assert session.people == [{}] and session.person == 0 and not session.adding
    assert session.answers == {} and session.receipts == []


def test_a_form_without_a_group_rule_offers_no_second_person(sample: dict[str, Any]) -> None:
    step = {"id": "a", "title": "A", "fields": [{"id": "x", "type": "text", "label": "X"}]}
    plain = parse_form({"id": "plain", "title": "P", "purpose": "Tests", "steps": [step]}, "p.json")
    s = VisitorSession({"plain": plain}, LANGS, "en")
    s.touch_attract(), s.set_language("en"), s.choose_service("plain"), s.accept_consent()
    assert s.next() and s.screen is Screen.REVIEW
    assert not s.can_add_person() and not s.add_person()


@pytest.mark.parametrize(
    ("group", "problem"),
    [
        ({"shared_steps": ["nope"]}, "unknown step 'nope'"),
        ({"shared_steps": ["a", "b"]}, "at least one step must be asked for each person"),
        ({"shared_steps": ["b"], "max_people": 1}, "'max_people' must be a whole number"),
        ({"shared_steps": ["b"], "size": 3}, "unknown keys: size"),
        ({"shared_steps": ["b"], "max_people": 4}, "depends on per-person fields: pet"),
        ("b", "must be an object"),
        ({"shared_steps": ["a"], "guardian": ["pet"]}, "'guardian' must name a field"),  # fuzz-found
    ],
)
def test_the_loader_checks_the_group_rule(group: Any, problem: str) -> None:
    data = {"id": "g", "title": "G", "purpose": "Tests", "group": group, "steps": [
        {"id": "a", "title": "A", "fields": [{"id": "pet", "type": "yesno", "label": "Pet?"}]},
        {"id": "b", "title": "B", "fields": [{"id": "pet_name", "type": "text", "label": "Name",
                                              "show_if": {"field": "pet", "equals": "yes"}}]}]}  # fmt: skip
    with pytest.raises(FormDefinitionError) as caught:
        parse_form(data, "g.json")
    assert any(problem in p for p in caught.value.problems), caught.value.problems


# -- minors name a guardian ----------------------------------------------------------------------
def years_ago(years: int, days: int = 0) -> str:
    today = dt.date.today()
    then = today.replace(year=today.year - years, day=min(today.day, 28))
    return (then + dt.timedelta(days=days)).isoformat()


def test_age_under_is_counted_in_whole_years() -> None:
    today = dt.date(2026, 6, 15)
    assert age_in_years("2008-06-15", today) == 18  # 18 today
    assert age_in_years("2008-06-16", today) == 17  # 18 tomorrow
    assert age_in_years("", today) == float("inf") and age_in_years(None, today) == float("inf")
    minor = Condition("birth_date", age_under=18)
    assert minor.holds({"birth_date": "2008-06-16"}, today)
    assert not minor.holds({"birth_date": "2008-06-15"}, today)
    assert not minor.holds({}, today)  # no date yet: not asked


def test_a_minor_added_to_the_group_names_the_first_person_as_guardian(
    session: VisitorSession, sample: dict[str, Any], form: Form
) -> None:
    to_review(session, sample)
    assert "guardian" not in form.visible_answers(session.people[0])  # an adult is not asked
    assert session.add_person()
    assert session.answers["guardian"] == f"{sample['given_names']} {sample['surname']}"
    fill_step(session, {**sample, **CHILD, "birth_date": years_ago(8)})
    fields = [f.id for f in form.steps[session.step_index].visible_fields(session.answers)]
    assert "guardian" in fields  # shown, prefilled, editable
    assert session.set_answer("guardian", None) and not session.next()
    assert [p.field for p in session.problems] == ["guardian"]
    assert session.set_answer("guardian", "PARK JIYOUNG") and session.next()  # someone else, by name
    while session.screen is Screen.STEP:
        fill_step(session, {**sample, **CHILD})
        assert session.next()
    people = session.begin_submit()
    assert people is not None and people[1]["guardian"] == "PARK JIYOUNG"
    assert "guardian" not in people[0]


def test_a_minor_alone_must_name_a_guardian_too(
    session: VisitorSession, sample: dict[str, Any]
) -> None:
    to_review(session, sample)
    session.people[0]["birth_date"] = years_ago(17, days=-1)
    assert session.begin_submit() is None and session.problems[0].field == "guardian"
    assert session.screen is Screen.STEP and session.person == 0


def test_an_adult_second_person_submits_no_guardian(
    session: VisitorSession, sample: dict[str, Any]
) -> None:
    to_review(session, sample)
    add_person(session, {**sample, **CHILD, "birth_date": years_ago(30)})
    people = session.begin_submit()
    assert people is not None and "guardian" not in people[1]  # prefilled, hidden, never sent


def test_age_under_needs_a_date_field() -> None:
    data = {"id": "g", "title": "G", "purpose": "Tests", "steps": [{"id": "a", "title": "A", "fields": [
        {"id": "born", "type": "text", "label": "Born"},
        {"id": "who", "type": "text", "label": "Who",
         "show_if": {"field": "born", "age_under": 18}}]}]}  # fmt: skip
    with pytest.raises(FormDefinitionError) as caught:
        parse_form(data, "g.json")
    assert any("'age_under' must refer to a date field" in p for p in caught.value.problems)

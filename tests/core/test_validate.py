"""Every validator on good and bad values; cross-field checks; conditions; fuzzing."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.forms import Condition, Field, FieldType, Form, Option
from kiosk.forms.loader import parse_form
from kiosk.forms.validate import (
    Problem,
    blocking,
    cross_checks,
    resolve_bound,
    validate_answers,
    validate_field,
    validate_step,
)

TODAY = dt.date(2026, 11, 27)
FILL_IN = "Please fill in this field."


def messages(f: Field, value: Any, today: dt.date = TODAY) -> list[str]:
    problems = validate_field(f, value, today)
    assert all(isinstance(p, Problem) and p.field == f.id for p in problems)
    return [p.message for p in problems]


def ok(f: Field, value: Any, today: dt.date = TODAY) -> bool:
    return messages(f, value, today) == []


# -- required and empty ------------------------------------------------------------------------


@pytest.mark.parametrize("ftype", list(FieldType))
@pytest.mark.parametrize("value", [None, "", "   ", []])
def test_required_field_left_empty(ftype: FieldType, value: Any) -> None:
    options = (Option("a", "A"),) if ftype in (FieldType.CHOICE, FieldType.MULTICHOICE) else ()
    required = Field("f", ftype, "F", required=True, options=options)
    optional = Field("f", ftype, "F", options=options)
    assert messages(required, value) == [FILL_IN]
    assert messages(optional, value) == []


# -- text --------------------------------------------------------------------------------------


def test_text_length() -> None:
    f = Field("t", FieldType.TEXT, "T", min_length=2, max_length=5)
    assert ok(f, "ab") and ok(f, "abcde")
    (problem,) = validate_field(f, "a", TODAY)
    assert problem.message == "Please enter at least {count} characters."
    assert problem.params == {"count": 2}
    (problem,) = validate_field(f, "abcdef", TODAY)
    assert problem.message == "Please enter at most {count} characters."
    assert problem.params == {"count": 5}


def test_text_must_be_text() -> None:
    f = Field("t", FieldType.TEXT, "T")
    assert messages(f, 42) == ["Please enter text."]
    assert messages(f, ["a"]) == ["Please enter text."]


def test_text_pattern_with_and_without_message() -> None:
    f = Field("t", FieldType.TEXT, "T", pattern="[A-Z0-9]{5,20}", pattern_message="Use A-Z.")
    assert ok(f, "M12345678")
    assert messages(f, "m1234567") == ["Use A-Z."]
    assert messages(f, "M1234-5678") == ["Use A-Z."]  # the whole value must match
    bare = Field("t", FieldType.TEXT, "T", pattern="[0-9]+")
    assert messages(bare, "12a") == ["This does not look right. Please check."]


@pytest.mark.parametrize("name", ["KIM", "O'BRIEN", "MÜLLER-LÜDENSCHEIDT", "Jean Paul", "ŁUKASZ"])
def test_latin_names_accepted(name: str) -> None:
    assert ok(Field("n", FieldType.TEXT, "N", latin=True), name)


@pytest.mark.parametrize("name", ["김민준", "王芳", "Иван", "KIM2", "KIM_MIN", "محمد"])
def test_non_latin_names_refused(name: str) -> None:
    assert messages(Field("n", FieldType.TEXT, "N", latin=True), name) == [
        "Please use Latin letters only, as printed in your passport."
    ]


# -- number ------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["5", 5, 1, 10, "7,0", 3.0, " 8 "])
def test_number_good(value: Any) -> None:
    assert ok(Field("n", FieldType.NUMBER, "N", minimum=1, maximum=10, integer=True), value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "Please enter a number."),
        ("nan", "Please enter a number."),
        (math.inf, "Please enter a number."),
        (-math.inf, "Please enter a number."),
        (math.nan, "Please enter a number."),
        (True, "Please enter a number."),
        ({"n": 1}, "Please enter a number."),
        ("5,5", "Please enter a whole number."),
        (2.5, "Please enter a whole number."),
        (0, "Please enter {minimum} or more."),
        ("11", "Please enter {maximum} or less."),
    ],
)
def test_number_bad(value: Any, message: str) -> None:
    f = Field("n", FieldType.NUMBER, "N", minimum=1, maximum=10, integer=True)
    assert messages(f, value) == [message]


def test_number_params_name_the_bound() -> None:
    f = Field("n", FieldType.NUMBER, "N", minimum=1, maximum=10)
    assert validate_field(f, 0, TODAY)[0].params == {"minimum": 1}
    assert validate_field(f, 11, TODAY)[0].params == {"maximum": 10}
    assert ok(f, 2.5)


# -- date --------------------------------------------------------------------------------------


def test_resolve_bound() -> None:
    assert resolve_bound("today", TODAY) == TODAY
    assert resolve_bound("-120y", TODAY) == dt.date(1906, 11, 27)
    assert resolve_bound("+10y", TODAY) == dt.date(2036, 11, 27)
    assert resolve_bound("+30d", TODAY) == dt.date(2026, 12, 27)
    assert resolve_bound("-1d", TODAY) == dt.date(2026, 11, 26)
    assert resolve_bound("2020-02-29", TODAY) == dt.date(2020, 2, 29)
    assert resolve_bound("-1y", dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)  # no 29 Feb 2027


def test_birth_date_bounds() -> None:
    f = Field("b", FieldType.DATE, "B", date_min="-120y", date_max="today")
    assert ok(f, "1988-04-12") and ok(f, "2026-11-27") and ok(f, "1906-11-27")
    assert messages(f, "2026-11-28") == ["This date cannot be in the future."]
    assert messages(f, "1906-11-26") == ["This date is too early."]


def test_date_bounds_move_with_today() -> None:
    f = Field("b", FieldType.DATE, "B", date_max="today")
    assert not ok(f, "2026-11-28")
    assert ok(f, "2026-11-28", today=dt.date(2026, 11, 28))


def test_future_bound_says_too_late() -> None:
    f = Field("e", FieldType.DATE, "E", date_min="today", date_max="+20y")
    assert ok(f, "2046-11-27")
    assert messages(f, "2046-11-28") == ["This date is too late."]
    assert messages(f, "2026-11-26") == ["This date is too early."]


@pytest.mark.parametrize(
    "value", ["2026-02-30", "27/11/2026", "2026-1-5", "20261127", 20261127, "x"]
)
def test_date_not_a_date(value: Any) -> None:
    assert messages(Field("d", FieldType.DATE, "D"), value) == ["Please choose a valid date."]


# -- choices -----------------------------------------------------------------------------------

OPTIONS = (Option("M", "Male"), Option("F", "Female"), Option("X", "Unspecified (X)"))


def test_choice() -> None:
    f = Field("c", FieldType.CHOICE, "C", options=OPTIONS)
    assert ok(f, "M") and ok(f, "X")
    for bad in ("m", "Male", "Q", 1, ["M"], {"M": 1}):
        assert messages(f, bad) == ["Please choose from the list."]


def test_multichoice() -> None:
    f = Field("c", FieldType.MULTICHOICE, "C", options=OPTIONS)
    assert ok(f, ["M"]) and ok(f, ["M", "F", "X"])
    for bad in ("M", ["M", "Q"], [["M"]], [{"M": 1}], [None], {"M": True}):
        assert messages(f, bad) == ["Please choose from the list."]


@pytest.mark.parametrize("code", ["KR", "CN", "FR", "US", "HK", "TW"])
def test_country_good(code: str) -> None:
    assert ok(Field("c", FieldType.COUNTRY, "C"), code)


@pytest.mark.parametrize("code", ["kr", "XX", "EU", "SU", "ZZ", "KOR", 82, ["KR"]])
def test_country_bad(code: Any) -> None:
    assert messages(Field("c", FieldType.COUNTRY, "C"), code) == [
        "Please choose a country from the list."
    ]


# -- phone, e-mail, yes/no ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "+86 138 0013 8000",
        "138 0013 8000",
        "13800138000",
        "+82 10 1234 5678",
        "+33 6 12 34 56 78",
        "0755 2669 1234",
    ],
)
def test_phone_good(number: str) -> None:
    assert ok(Field("p", FieldType.PHONE, "P"), number)


def test_phone_bad() -> None:
    f = Field("p", FieldType.PHONE, "P")
    assert messages(f, "12345") == ["This phone number is not valid. Please check it."]
    assert messages(f, "+82 10 1234") == ["This phone number is not valid. Please check it."]
    unparsable = ["Please enter a phone number, e.g. 138 0013 8000 or +82 10 1234 5678."]
    assert messages(f, "call me") == unparsable
    assert messages(f, "1" * 300) == unparsable


@pytest.mark.parametrize("address", ["a@example.com", "minjun.kim+kiosk@mail.example.co.kr"])
def test_email_good(address: str) -> None:
    assert ok(Field("e", FieldType.EMAIL, "E"), address)


@pytest.mark.parametrize(
    "address", ["a@b", "a@b.c", "no at.com", "a @b.com", "a@@b.com", 5, "x" * 250 + "@b.com"]
)
def test_email_bad(address: Any) -> None:
    assert messages(Field("e", FieldType.EMAIL, "E"), address) == [
        "Please enter an e-mail address like name@example.com."
    ]


def test_yesno() -> None:
    f = Field("y", FieldType.YESNO, "Y")
    assert ok(f, "yes") and ok(f, "no")
    for bad in ("Yes", "y", True, 1, ["yes"]):
        assert messages(f, bad) == ["Please answer yes or no."]


# -- cross-field checks and conditions ---------------------------------------------------------

SMALL_FORM: dict[str, Any] = {
    "id": "small",
    "title": "Small",
    "purpose": "Tests",
    "steps": [
        {"id": "one", "title": "One", "fields": [
            {"id": "has_pet", "type": "yesno", "label": "Pet?", "required": True},
            {"id": "pet_name", "type": "text", "label": "Pet name", "required": True,
             "latin": True, "show_if": {"field": "has_pet", "equals": "yes"}},
            {"id": "start", "type": "date", "label": "Start", "required": True},
        ]},
        {"id": "two", "title": "Two", "fields": [
            {"id": "end", "type": "date", "label": "End", "required": True},
            {"id": "soft_end", "type": "date", "label": "Soft end"},
            {"id": "note", "type": "text", "label": "Note",
             "show_if": {"field": "end", "filled": True}},
        ]},
    ],
    "checks": [
        {"type": "date_order", "earlier": "start", "later": "end", "message": "End before start."},
        {"type": "date_order", "earlier": "start", "later": "soft_end",
         "message": "Soft end before start.", "warning": True},
    ],
}  # fmt: skip


@pytest.fixture
def small() -> Form:
    return parse_form(SMALL_FORM, "small.json")


def test_date_order_blocks(small: Form) -> None:
    answers = {"has_pet": "no", "start": "2026-05-10", "end": "2026-05-09"}
    (problem,) = validate_answers(small, answers, TODAY)
    assert (problem.field, problem.message, problem.warning) == ("end", "End before start.", False)
    assert blocking([problem]) == [problem]
    answers["end"] = "2026-05-10"  # the same day is in order
    assert validate_answers(small, answers, TODAY) == []


def test_date_order_warning_does_not_block(small: Form) -> None:
    answers = {
        "has_pet": "no",
        "start": "2026-05-10",
        "end": "2026-06-01",
        "soft_end": "2026-05-01",
    }
    (problem,) = validate_answers(small, answers, TODAY)
    assert (problem.field, problem.warning) == ("soft_end", True)
    assert blocking([problem]) == []


def test_date_order_on_the_step_of_either_field(small: Form) -> None:
    answers = {"has_pet": "no", "start": "2026-05-10", "end": "2026-05-09"}
    _step_one, step_two = small.steps
    assert [p.field for p in validate_step(small, step_two, answers, TODAY)] == ["end"]
    # Not repeated when the field itself is already wrong for another reason
    bad_end = {**answers, "end": "not a date"}
    assert [p.message for p in validate_step(small, step_two, bad_end, TODAY)] == [
        "Please choose a valid date."
    ]
    assert cross_checks(small, answers, only={"has_pet"}) == []


def test_real_form_checks(form: Form, sample: dict[str, Any]) -> None:
    day_before = dt.date.fromisoformat(sample["arrival_date"]) - dt.timedelta(days=1)
    wrong = {**sample, "departure_date": day_before.isoformat()}
    problems = validate_answers(form, wrong)
    assert [(p.field, p.warning) for p in problems] == [("departure_date", False)]
    early = {**sample, "arrival_date": sample["entry_date"], "entry_date": sample["arrival_date"]}
    problems = validate_answers(form, early)
    assert [(p.field, p.warning) for p in problems] == [("arrival_date", True)]


def test_hidden_fields_are_not_validated_nor_submitted(small: Form) -> None:
    answers = {"has_pet": "no", "pet_name": "汪汪", "start": "2026-05-10", "end": "2026-05-11"}
    assert validate_answers(small, answers, TODAY) == []
    assert "pet_name" not in small.visible_answers(answers)
    answers["has_pet"] = "yes"
    assert [p.field for p in validate_answers(small, answers, TODAY)] == ["pet_name"]
    assert small.visible_answers(answers)["pet_name"] == "汪汪"
    del answers["pet_name"]
    assert [p.message for p in validate_answers(small, answers, TODAY)] == [FILL_IN]


def test_visible_answers_drop_empty_and_unknown(small: Form) -> None:
    answers = {"has_pet": "no", "start": "2026-05-10", "end": "", "stray": "x", "soft_end": None}
    assert small.visible_answers(answers) == {"has_pet": "no", "start": "2026-05-10"}
    problems = validate_answers(small, answers, TODAY)
    assert ("stray", "This answer does not belong to the form.") in [
        (p.field, p.message) for p in problems
    ]


def test_conditions() -> None:
    assert Condition("a", ("x", "y")).holds({"a": "y"})
    assert not Condition("a", ("x",)).holds({"a": "z"})
    assert not Condition("a", ("x",)).holds({})
    assert Condition("a", ("x",)).holds({"a": ["z", "x"]})  # a multichoice answer
    assert Condition("a", filled=True).holds({"a": "anything"})
    empties: tuple[Any, ...] = (None, "", [])
    for empty in empties:
        assert not Condition("a", filled=True).holds({"a": empty})
    assert Condition("a", ({"k": 1},)).holds({"a": {"k": 1}}) is True


def test_step_shows_only_visible_fields(small: Form) -> None:
    step = small.steps[0]
    assert [f.id for f in step.visible_fields({"has_pet": "no"})] == ["has_pet", "start"]
    assert [f.id for f in step.visible_fields({"has_pet": "yes"})] == [
        "has_pet",
        "pet_name",
        "start",
    ]


# -- fuzzing -----------------------------------------------------------------------------------

FUZZ_FIELDS = [
    Field("t", FieldType.TEXT, "T", required=True, min_length=2, max_length=10, latin=True,
          pattern="[A-Z]+"),
    Field("n", FieldType.NUMBER, "N", minimum=-5, maximum=5, integer=True),
    Field("d", FieldType.DATE, "D", required=True, date_min="-120y", date_max="+30d"),
    Field("c", FieldType.CHOICE, "C", options=OPTIONS),
    Field("m", FieldType.MULTICHOICE, "M", required=True, options=OPTIONS),
    Field("k", FieldType.COUNTRY, "K"),
    Field("p", FieldType.PHONE, "P", required=True),
    Field("e", FieldType.EMAIL, "E"),
    Field("y", FieldType.YESNO, "Y", required=True),
    Field("o", FieldType.NOTE, "O"),
]  # fmt: skip
assert {f.type for f in FUZZ_FIELDS} == set(FieldType)  # every type is fuzzed

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.sampled_from(
        ["yes", "no", "M", "KR", "2026-02-29", "+86 138 0013 8000", "a@b.cd", "1e999"]
    )
)
JSONISH = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=1500, deadline=None)
@given(field=st.sampled_from(FUZZ_FIELDS), value=JSONISH, today=st.dates())
def test_validate_field_only_returns_problems(field: Field, value: Any, today: dt.date) -> None:
    problems = validate_field(field, value, today)
    assert isinstance(problems, list)
    assert all(isinstance(p, Problem) and p.field == field.id for p in problems)


@settings(max_examples=300, deadline=None)
@given(
    answers=st.dictionaries(
        st.sampled_from(
            [
                "surname",
                "sex",
                "birth_date",
                "visa_type",
                "visa_entries",
                "arrival_date",
                "departure_date",
                "phone",
                "email",
                "stray",
            ]
        ),
        JSONISH,
        max_size=8,
    )
)
def test_validate_answers_only_returns_problems(form: Form, answers: dict[str, Any]) -> None:
    problems = validate_answers(form, answers)
    assert all(isinstance(p, Problem) for p in problems)
    assert isinstance(form.visible_answers(answers), dict)

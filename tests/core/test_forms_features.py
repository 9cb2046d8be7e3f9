"""The form features beyond plain fields: cascading lists from data files, the documents
checklist, date checks against today (the 24-hour rule), expressions, notes; every bundled
form with its sample, on any day."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk import paths
from kiosk.forms import FieldType, FormDefinitionError, load_forms
from kiosk.forms.data import DataFileError, load_options
from kiosk.forms.display import display_value
from kiosk.forms.documents import documents_for
from kiosk.forms.loader import parse_form
from kiosk.forms.samples import load_sample
from kiosk.forms.validate import blocking, cross_checks, validate_answers

FORMS = load_forms()
TR = FORMS["temporary-residence"]
RULE_24H = ("When you do not stay at a hotel, the law asks you to register within 24 hours of "
            "arrival. You can still register now; the staff will advise you.")  # fmt: skip


def test_the_center_offers_every_service() -> None:
    assert set(FORMS) == {"temporary-residence", "residence-permit", "work-permit", "driving-licence",
                          "dog-registration", "legal-consultation", "activity-signup",
                          "assistance-request"}  # fmt: skip
    for form in FORMS.values():
        assert (paths.samples_dir() / f"{form.id}.json").is_file()
        for f in form.fields:  # help says where to find a value; at least most fields have it
            assert f.label.strip()
        assert sum(1 for f in form.fields if f.help) >= len(form.fields) // 3, form.id


@settings(max_examples=30, deadline=None)
@given(today=st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_every_sample_is_valid_on_any_day(today: dt.date) -> None:
    for form in FORMS.values():
        answers = load_sample(form, today)
        assert validate_answers(form, answers, today) == [], form.id
        assert form.visible_answers(answers) == answers, form.id  # no stale hidden answers


# -- cascading lists ---------------------------------------------------------------------------


def test_address_lists_cascade_from_the_data_file() -> None:
    district, sub, community = (TR.field(x) for x in ("district", "subdistrict", "community"))
    assert {o.value for o in district.options} >= {"nanshan", "futian", "baoan", "dapeng"}
    assert not sub.visible({}) and not community.visible({"district": "nanshan"})
    nanshan = sub.options_for({"district": "nanshan"})
    assert "nanshan.shekou" in {o.value for o in nanshan} and len(nanshan) == 8
    assert all(o.parent == "nanshan" for o in nanshan)
    # a subdistrict without a community list asks for no community
    assert not community.visible({"district": "futian", "subdistrict": "futian.shatou"})
    assert community.visible({"district": "nanshan", "subdistrict": "nanshan.shekou"})
    assert display_value(district, "nanshan", "zh") == "南山区"
    assert display_value(district, "nanshan", "ko") == "Nanshan · 南山区"


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_cascaded_answer_must_belong_to_its_parent(data: st.DataObject) -> None:
    sample = load_sample(TR)
    sub = TR.field("subdistrict")
    district = data.draw(st.sampled_from([o.value for o in TR.field("district").options]))
    choice = data.draw(st.sampled_from([o.value for o in sub.options]))
    answers = {**sample, "district": district, "subdistrict": choice}
    answers.pop("community")
    bad = {p.field for p in blocking(validate_answers(TR, answers))}
    fits = choice.startswith(district + ".")
    assert ("subdistrict" in bad) != fits
    if fits and TR.field("community").visible(answers):
        assert bad == {"community"}  # required, now asked
    elif fits:
        assert bad == set()


def test_staff_edited_activities_hide_inactive_entries_and_carry_translations() -> None:
    activities = load_options("activities.json", "activities")
    assert "dragon_boat" not in {o.value for o in activities}
    field = FORMS["activity-signup"].field("activities")
    assert display_value(field, ["calligraphy"], "zh") == "中国书法工作坊"
    assert display_value(field, ["calligraphy"], "fr") == "Chinese calligraphy workshop"


@pytest.mark.parametrize(("content", "words"), [
    ('{"x": []}', "no non-empty list 'activities'"),
    ('{"activities": [{"value": "a"}]}', "needs a non-empty 'value' and 'label'"),
    ('{"activities": [{"value": "a", "label": "A", "labels": {"zh": 3}}]}', "'labels' must map"),
    ('{"activities": [', "not valid JSON"),
])  # fmt: skip
def test_broken_data_files_are_named(tmp_path: Path, content: str, words: str) -> None:
    (tmp_path / "activities.json").write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=words):
        load_options("activities.json", "activities", tmp_path)
    with pytest.raises(DataFileError, match="no folders"):
        load_options("../x.json", "a")


# -- the documents to bring ----------------------------------------------------------------------


def test_documents_follow_the_answers() -> None:
    sample = load_sample(TR)
    private = documents_for(TR, sample)
    assert "Your lease contract" in private and "A copy of your landlord's or host's ID card" in private
    own = documents_for(TR, {**sample, "host_type": "own"})
    assert "Your lease contract" not in own and "Your property ownership certificate" in own
    assert own[0] == "Your passport or travel document (the original)"
    work = FORMS["work-permit"]
    new = documents_for(work, {**load_sample(work), "request_type": "new"})
    assert "A certificate of no criminal record, with its authentication" in new
    assert "Your old passport" not in new  # change_kind is hidden for a new permit
    dog = FORMS["dog-registration"]
    no_chip = {k: v for k, v in load_sample(dog).items() if k != "microchip"}
    assert any("needs a microchip" in d for d in documents_for(dog, no_chip))
    assert documents_for(FORMS["activity-signup"], load_sample(FORMS["activity-signup"])) == []


# -- checks against today -----------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(days_ago=st.integers(min_value=0, max_value=300), host=st.sampled_from(
    ["hotel", "private", "employer", "own", "relatives"]))  # fmt: skip
def test_the_24_hour_rule_is_a_warning_for_private_stays(days_ago: int, host: str) -> None:
    today = dt.date(2027, 3, 10)
    answers = load_sample(TR, today)
    answers.update(host_type=host, arrival_date=(today - dt.timedelta(days=days_ago)).isoformat(),
                   entry_date=(today - dt.timedelta(days=days_ago)).isoformat())  # fmt: skip
    problems = validate_answers(TR, answers, today)
    assert blocking(problems) == []
    warned = [p for p in problems if p.message == RULE_24H]
    assert bool(warned) == (days_ago > 1 and host != "hotel")
    assert all(p.warning and p.field == "arrival_date" for p in warned)


@settings(max_examples=60, deadline=None)
@given(issue=st.dates(dt.date(2010, 1, 1), dt.date(2026, 11, 1)),
       expiry=st.dates(dt.date(2026, 11, 27), dt.date(2046, 1, 1)))  # fmt: skip
def test_expiry_must_follow_issue(issue: dt.date, expiry: dt.date) -> None:
    today = dt.date(2026, 11, 27)
    answers = {**load_sample(TR, today), "document_issue_date": issue.isoformat(),
               "document_expiry": expiry.isoformat()}  # fmt: skip
    problems = [p for p in cross_checks(TR, answers, today=today) if p.field == "document_expiry"]
    if expiry < issue:
        assert problems and not problems[0].warning


def test_extension_warned_when_less_than_7_days_remain() -> None:
    form = FORMS["residence-permit"]
    today = dt.date(2027, 5, 1)
    answers = load_sample(form, today)
    for days, warned in [(3, True), (6, True), (7, False), (40, False)]:
        answers["current_stay_until"] = (today + dt.timedelta(days=days)).isoformat()
        problems = validate_answers(form, answers, today)
        assert [p.warning for p in problems] == ([True] if warned else []), days


def test_one_message_per_field_blocks_before_warnings() -> None:
    answers = {**load_sample(TR), "departure_date": "2000-01-01"}
    problems = cross_checks(TR, answers)
    assert len({p.field for p in problems}) == len(problems)


# -- definitions --------------------------------------------------------------------------------


def _definition(**extra: Any) -> dict[str, Any]:
    return {"id": "x", "title": "X", "purpose": "P", "steps": [{"id": "s", "title": "S", "fields": [
        {"id": "a", "type": "choice", "label": "A", "options": [{"value": "1", "label": "One"}]},
        {"id": "d", "type": "date", "label": "D"},
        {"id": "n", "type": "note", "label": "Read this"}]}], **extra}  # fmt: skip


@pytest.mark.parametrize(("extra", "words"), [
    ({"documents": [{"label": "L", "when": {"field": "zz", "equals": 1}}]},
     "'when' refers to unknown field 'zz'"),
    ({"documents": "x"}, "'documents' must be a list"),
    ({"checks": [{"type": "date_from_today", "field": "d", "message": "M"}]},
     "needs 'min_days' or 'max_days'"),
    ({"checks": [{"type": "date_from_today", "field": "a", "min_days": 1, "message": "M"}]},
     "must name a date field"),
    ({"checks": [{"type": "age", "message": "M"}]}, "only checks of type"),
    ({"mrz_prefill": {"surname": "zz"}}, "must name a field of the form"),
    ({"mrz_prefill": {"hair": "a"}}, "unknown passport field 'hair'"),
])  # fmt: skip
def test_broken_extensions_are_named(extra: dict[str, Any], words: str) -> None:
    with pytest.raises(FormDefinitionError) as caught:
        parse_form(_definition(**extra), "x.json")
    assert any(words in p for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize(("change", "words"), [
    ({"relevant": "${zz} = 1"}, "refers to unknown field 'zz'"),
    ({"relevant": "pulldata('x')"}, "unsupported function pulldata()"),
    ({"constraint": ". +"}, "'constraint': unsupported syntax"),
    ({"filter_by": "d"}, "'filter_by' must name another choice field"),
    ({"options_from": {"file": "nope.json", "list": "x"}}, "cannot read data file nope.json"),
    ({"required": True, "type": "note", "options": None}, "a note cannot be required"),
])  # fmt: skip
def test_broken_field_extensions_are_named(change: dict[str, Any], words: str) -> None:
    d = _definition()
    field = d["steps"][0]["fields"][0]
    field.update(change)
    if field["type"] == "note" or "options_from" in change:
        field.pop("options")
    with pytest.raises(FormDefinitionError) as caught:
        parse_form(d, "x.json")
    assert any(words in p for p in caught.value.problems), caught.value.problems


def test_notes_and_expressions() -> None:
    d = _definition()
    d["steps"][0]["fields"].append({"id": "t", "type": "text", "label": "T", "relevant": "${a} = '1'",
                                    "constraint": "string-length(.) <= 3",
                                    "constraint_message": "Short"})  # fmt: skip
    form = parse_form(copy.deepcopy(d), "x.json")
    assert form.field("n").type is FieldType.NOTE and validate_answers(form, {}) == []
    assert not form.field("t").visible({}) and form.field("t").visible({"a": "1"})
    assert [p.message for p in validate_answers(form, {"a": "1", "t": "long"})] == ["Short"]
    assert validate_answers(form, {"a": "1", "t": "ok"}) == []


def test_bundled_definitions_are_valid_json_objects() -> None:
    for path in sorted(paths.forms_dir().glob("*.json")):
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)


@pytest.mark.parametrize("icon", ["no-such-icon", [], 7, None])
def test_a_service_icon_must_be_one_of_the_kiosks(icon: object) -> None:
    """The menu draws a form's icon from the icon font: any other name or type is refused."""
    raw = json.loads((paths.forms_dir() / "temporary-residence.json").read_text(encoding="utf-8"))
    raw["icon"] = icon
    with pytest.raises(FormDefinitionError, match="'icon' must be one of the kiosk's icons"):
        parse_form(raw, "test")


def test_every_form_has_an_icon_and_says_what_to_bring() -> None:
    from kiosk.icons import CODEPOINTS

    for form in load_forms().values():
        assert form.icon in CODEPOINTS and form.icon != "file-document-outline", form.id
        assert form.bring, form.id

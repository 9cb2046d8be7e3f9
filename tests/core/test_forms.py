"""Form definitions: the bundled ones load; broken ones name the file, the field and the problem."""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk import paths
from kiosk.forms import FormDefinitionError, load_form, load_forms
from kiosk.forms.loader import parse_form
from kiosk.forms.validate import blocking, validate_answers
from kiosk.i18n import catalog
from kiosk.languages import LANGUAGES
from tests.core.helpers import FORM_ID, fresh_sample, run_kiosk

Definition = dict[str, Any]


def bundled_definition() -> Definition:
    return json.loads((paths.forms_dir() / f"{FORM_ID}.json").read_text(encoding="utf-8"))


@pytest.fixture
def definition() -> Definition:
    return bundled_definition()


def field_of(definition: Definition, field_id: str) -> dict[str, Any]:
    for step in definition["steps"]:
        for raw in step["fields"]:
            if raw["id"] == field_id:
                return raw
    raise KeyError(field_id)


def write(folder: Path, definition: Definition, name: str = FORM_ID) -> Path:
    path = folder / f"{name}.json"
    path.write_text(json.dumps(definition), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(FormDefinitionError) as caught:
        load_form(path)
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


def test_bundled_forms_load_and_have_a_valid_sample() -> None:
    forms = load_forms()
    assert FORM_ID in forms
    for form_id, form in forms.items():
        assert form.id == form_id and form.steps and form.fields
        sample_path = paths.samples_dir() / f"{form_id}.json"
        assert sample_path.is_file(), f"{form_id} ships no sample answers"
    form = forms[FORM_ID]
    assert blocking(validate_answers(form, fresh_sample())) == []
    assert len({f.id for f in form.fields}) == len(form.fields)


def _set(field_id: str, key: str, value: Any) -> Callable[[Definition], None]:
    def mutate(d: Definition) -> None:
        field_of(d, field_id)[key] = value

    return mutate


def _drop(field_id: str, key: str) -> Callable[[Definition], None]:
    def mutate(d: Definition) -> None:
        del field_of(d, field_id)[key]

    return mutate


def _duplicate(d: Definition) -> None:
    d["steps"][1]["fields"].append({"id": "surname", "type": "text", "label": "Again"})


def _bad_check(d: Definition) -> None:
    d["checks"][0]["later"] = "surname"


# (what is broken, the change, the field or place named, words of the problem)
BROKEN: list[tuple[str, Callable[[Definition], None], str, str]] = [
    ("unknown type", _set("surname", "type", "txt"), "field 'surname'", "unknown type 'txt'"),
    ("duplicate id", _duplicate, "field 'surname'", "duplicate field id"),
    ("show_if to an unknown field", _set("visa_entries", "show_if", {"field": "nope", "equals": 1}),
     "field 'visa_entries'", "refers to unknown field 'nope'"),
    ("show_if to itself", _set("room", "show_if", {"field": "room", "filled": True}),
     "field 'room'", "cannot refer to the field itself"),
    ("show_if without a test", _set("room", "show_if", {"field": "district"}),
     "field 'room'", "'show_if' needs"),
    ("bad regex", _set("document_number", "pattern", "[A-Z"), "field 'document_number'",
     "'pattern' is not a valid regular expression"),
    ("missing label", _drop("room", "label"), "field 'room'", "'label' must be a non-empty string"),
    ("blank label", _set("room", "label", "  "), "field 'room'", "'label' must be"),
    ("unknown key", _set("room", "colour", "red"), "field 'room'", "unknown key 'colour'"),
    ("options on a text field", _set("room", "options", [{"value": "a", "label": "A"}]),
     "field 'room'", "'options' only applies to choice fields"),
    ("choice without options", _drop("sex", "options"), "field 'sex'", "'options' must be"),
    ("duplicate option values",
     _set("sex", "options", [{"value": "M", "label": "Male"}, {"value": "M", "label": "Man"}]),
     "field 'sex'", "option values must be unique"),
    ("option without a label", _set("sex", "options", [{"value": "M"}]),
     "field 'sex' option 1", "'label' must be"),
    ("date bound in words", _set("birth_date", "min", "yesterday"), "field 'birth_date'",
     "'min' of a date must be"),
    ("impossible date bound", _set("birth_date", "max", "2026-13-45"), "field 'birth_date'",
     "'max' of a date must be"),
    ("number bound as text", _set("room", "max_length", "30"), "field 'room'",
     "'max_length' must be a whole number"),
    ("bad field id", _set("room", "id", "Room 1"), "step 5 field 5", "field id 'Room 1'"),
    ("check on a text field", _bad_check, "check 1", "'later' must name a date field"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mutate", "where", "what"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_broken_definition_names_file_field_and_problem(
    tmp_path: Path,
    definition: Definition,
    mutate: Callable[[Definition], None],
    where: str,
    what: str,
) -> None:
    mutate(definition)
    problems = problems_of(write(tmp_path, definition))
    expected = [p for p in problems if p.startswith(f"{FORM_ID}.json: {where}: ") and what in p]
    assert expected, problems


def test_every_problem_is_reported_at_once(tmp_path: Path, definition: Definition) -> None:
    field_of(definition, "surname")["type"] = "txt"
    field_of(definition, "document_number")["pattern"] = "(("
    del definition["purpose"]
    problems = problems_of(write(tmp_path, definition))
    assert any("field 'surname': unknown type" in p for p in problems)
    assert any("field 'document_number': 'pattern'" in p for p in problems)
    assert any("form: 'purpose' must be a non-empty string" in p for p in problems)


def test_bad_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / f"{FORM_ID}.json"
    path.write_text('{\n  "id": "temporary-residence",\n  "steps": [,]\n}\n', encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{FORM_ID}.json: line 3: not valid JSON")


def test_id_must_match_the_file_name(tmp_path: Path, definition: Definition) -> None:
    (problem,) = problems_of(write(tmp_path, definition, name="residence"))
    assert problem.startswith("residence.json: form: ")
    assert "must match the file name" in problem


@pytest.mark.parametrize("top", [[], "form", None, 3])
def test_a_definition_must_be_an_object(top: Any) -> None:
    with pytest.raises(FormDefinitionError, match="top level: must be an object"):
        parse_form(top, "x.json")


def test_load_forms_lists_the_problems_of_every_file(
    tmp_path: Path, definition: Definition
) -> None:
    write(tmp_path, definition)
    other = copy.deepcopy(definition)
    other["id"] = "other"
    field_of(other, "room")["type"] = "nope"
    write(tmp_path, other, "other")
    (tmp_path / "third.json").write_text("[", encoding="utf-8")
    with pytest.raises(FormDefinitionError) as caught:
        load_forms(tmp_path)
    problems = caught.value.problems
    assert any(p.startswith("other.json: field 'room': unknown type") for p in problems)
    assert any(p.startswith("third.json: line 1: not valid JSON") for p in problems)
    assert not any(p.startswith(f"{FORM_ID}.json") for p in problems)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "type",
                    "label",
                    "fields",
                    "options",
                    "show_if",
                    "field",
                    "in",
                    "equals",
                    "value",
                    "earlier",
                    "later",
                    "pattern",
                    "min",
                    "max",
                    "steps",
                    "checks",
                    "title",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSONISH)
def test_parse_form_never_fails_otherwise(data: Any) -> None:
    """Whatever the JSON, the loader gives a Form or a FormDefinitionError, never a crash."""
    try:
        parse_form(data, "fuzz.json")
    except FormDefinitionError as exc:
        assert exc.problems and all(p.startswith("fuzz.json: ") for p in exc.problems)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_parse_form_survives_any_field_value(data: st.DataObject) -> None:
    """The real form with one key of one field replaced by arbitrary JSON."""
    d = bundled_definition()
    step = data.draw(st.sampled_from(d["steps"]))
    raw = data.draw(st.sampled_from(step["fields"]))
    key = data.draw(st.sampled_from(sorted({*raw, "show_if", "pattern", "min", "options"})))
    raw[key] = data.draw(JSONISH)
    if data.draw(st.booleans()):
        d["checks"][0][data.draw(st.sampled_from(["earlier", "later", "type"]))] = data.draw(
            JSONISH
        )
    with contextlib.suppress(FormDefinitionError):
        parse_form(d, "fuzz.json")


# -- the command -------------------------------------------------------------------------------


def test_forms_check_bundled_exits_0(data_dir: Path) -> None:
    result = run_kiosk("forms", "check")
    assert result.returncode == 0, result.stderr
    assert f"ok: {paths.forms_dir() / (FORM_ID + '.json')}" in result.stdout
    assert result.stderr == ""


def test_forms_check_reports_every_problem_and_exits_1(
    tmp_path: Path, definition: Definition
) -> None:
    (tmp_path / "good").mkdir()
    good = write(tmp_path / "good", definition)
    field_of(definition, "surname")["type"] = "txt"
    field_of(definition, "room")["pattern"] = "(("
    bad = write(tmp_path, definition)
    missing = tmp_path / "missing.json"
    result = run_kiosk("forms", "check", str(good), str(bad), str(missing))
    assert result.returncode == 1
    assert f"ok: {good}" in result.stdout
    assert f"{FORM_ID}.json: field 'surname': unknown type 'txt'" in result.stderr
    assert (
        f"{FORM_ID}.json: field 'room': 'pattern' is not a valid regular expression"
        in result.stderr
    )
    assert f"{missing}: no such file or folder" in result.stderr
    assert "3 problem(s)" in result.stderr


def test_forms_check_accepts_folders(tmp_path: Path, definition: Definition) -> None:
    write(tmp_path, definition)
    assert run_kiosk("forms", "check", str(tmp_path)).returncode == 0
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    result = run_kiosk("forms", "check", str(tmp_path))
    assert result.returncode == 1
    assert "broken.json: line 1: not valid JSON" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_kiosk("forms", "check", str(empty)).returncode == 1


def test_forms_list_shows_id_title_and_translated_languages(data_dir: Path) -> None:
    result = run_kiosk("forms", "list")
    assert result.returncode == 0, result.stderr
    form = load_forms()[FORM_ID]
    (line,) = [row for row in result.stdout.splitlines() if row.startswith(FORM_ID)]
    form_id, title, languages = line.split("\t")
    assert (form_id, title) == (FORM_ID, form.title)
    expected = [lang for lang in LANGUAGES if lang == "en" or catalog(lang).has(form.title)]
    assert languages.split() == expected

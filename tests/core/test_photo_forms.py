"""Photos in the form definition and the visitor's session: which to take, whose they are, wiping."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from kiosk.forms import Form
from kiosk.forms.documents import PORTRAIT_LABEL, photo_consent, photos_needed
from kiosk.forms.loader import FormDefinitionError, parse_form
from kiosk.session import Screen, VisitorSession
from tests.core.helpers import FORM_ID
from tests.core.test_groups import CHILD
from tests.core.test_session import LANGS, to_review

BASE: dict[str, Any] = {
    "id": "papers", "title": "Papers", "purpose": "Why", "portrait": True,
    "steps": [{"id": "one", "title": "One", "fields": [
        {"id": "kind", "type": "choice", "label": "Kind", "required": True,
         "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]}]}],
    "documents": [
        {"label": "Your passport", "photo": True, "key": "passport", "photo_label": "Passport page"},
        {"label": "Your lease", "photo": True, "key": "lease", "when": {"field": "kind", "equals": "b"}},
        {"label": "Bring cash"},
    ],
}  # fmt: skip


@pytest.fixture
def session(form: Form) -> VisitorSession:
    return VisitorSession({FORM_ID: form}, LANGS, "en")


def with_change(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


def test_photos_needed_follow_the_forms_order_and_the_answers() -> None:
    form = parse_form(BASE, "papers.json")
    keys = [(n.key, n.label, n.portrait) for n in photos_needed(form, {"kind": "a"})]
    assert keys == [("portrait", PORTRAIT_LABEL, True), ("passport", "Passport page", False)]
    assert [n.key for n in photos_needed(form, {"kind": "b"})] == ["portrait", "passport", "lease"]
    assert photo_consent(form)[1] == [PORTRAIT_LABEL, "Passport page", "Your lease"]


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        (("documents", 0, "colour"), "red", "unknown key 'colour'"),
        (("documents", 0, "photo"), "yes", "'photo' must be true or false"),
        (("documents", 0, "key"), "Bad Key", "needs a 'key'"),
        (("documents", 0, "key"), "portrait", "needs a 'key'"),
        (("documents", 1, "key"), "passport", "duplicate document key 'passport'"),
        (("documents", 2, "photo_label"), "Cash", "'photo_label' needs \"photo\": true"),
        (("portrait",), "yes", "'portrait' must be true or false"),
    ],
)
def test_ill_typed_photo_keys_are_refused(path: tuple[Any, ...], value: Any, problem: str) -> None:
    with pytest.raises(FormDefinitionError) as caught:
        parse_form(with_change(path, value), "papers.json")
    assert any(problem in line for line in caught.value.problems), caught.value.problems


def test_a_photographed_document_needs_a_key() -> None:
    data = copy.deepcopy(BASE)
    del data["documents"][0]["key"]
    with pytest.raises(FormDefinitionError, match="needs a 'key'"):
        parse_form(data, "papers.json")


def test_the_bundled_temporary_residence_form_asks_for_the_issues_pictures(form: Form) -> None:
    assert form.portrait
    assert {d.key for d in form.documents if d.photo} == {"passport", "visa", "lease", "host_id"}


def test_session_keeps_skips_and_removes_photos(session: VisitorSession, sample: dict[str, Any]) -> None:
    to_review(session, sample)
    keys = [n.key for n in session.photos_needed()]
    assert keys[0] == "portrait"
    assert session.set_photo("portrait", b"\xff\xd8jpeg")
    assert not session.set_photo("no_such_key", b"x")
    assert session.photo("portrait") == b"\xff\xd8jpeg"
    assert session.skip_photo("lease")
    assert session.photos == {"portrait": b"\xff\xd8jpeg"}
    [(taken, skipped)] = session.photos_to_submit()
    assert taken == {"portrait": b"\xff\xd8jpeg"}
    assert skipped == [k for k in keys if k != "portrait"]
    assert session.remove_photo("portrait") and session.photo("portrait") is None


def test_wipe_zeroes_and_forgets_every_picture(session: VisitorSession, sample: dict[str, Any]) -> None:
    to_review(session, sample)
    session.set_photo("passport", b"PASSPORT-BYTES")
    held = session.people_photos[0]["passport"]
    session.wipe()
    assert bytes(held) == bytes(len(held))  # our copy was overwritten, not only dropped
    assert session.screen is Screen.ATTRACT
    assert session.people_photos == [{}] and session.people_skipped == [set()]
    assert session.photos == {}


def test_in_a_group_the_shared_documents_belong_to_the_first_person(
    session: VisitorSession, sample: dict[str, Any]
) -> None:
    to_review(session, sample)
    assert session.set_photo("lease", b"LEASE")
    assert session.add_person()
    for f in session.form.fields if session.form else []:
        if f.id in CHILD:
            session.set_answer(f.id, CHILD[f.id])
    second = [n.key for n in session.photos_needed()]
    assert "lease" not in second and "host_id" not in second and "passport" in second
    assert session.set_photo("passport", b"CHILD-PASSPORT")
    assert session.photo("lease") == b"LEASE"  # seen from the second person: the group's
    assert not session.set_photo("host_id", b"x")  # not asked of the second person
    session.people[1].update({**sample, **CHILD, "guardian": "MINJUN KIM"})
    first, other = session.photos_to_submit()
    assert first[0] == {"lease": b"LEASE"} and "lease" not in other[1]
    assert other[0] == {"passport": b"CHILD-PASSPORT"}


def test_removing_the_first_person_hands_the_groups_pictures_on(
    session: VisitorSession, sample: dict[str, Any]
) -> None:
    to_review(session, sample)
    session.set_photo("lease", b"LEASE")
    session.set_photo("passport", b"MINE")
    assert session.add_person()
    session.people[1].update({**sample, **CHILD, "guardian": "MINJUN KIM"})
    session.screen, session.person, session.adding = Screen.REVIEW, 0, False
    assert session.remove_person(0)
    assert session.people_photos == [{"lease": bytearray(b"LEASE")}]

"""The documents-to-bring checklist of a form, and the photos a visitor takes, from the answers."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.forms.model import Answers, Document, Form
from kiosk.forms.parts import PORTRAIT_KEY
from kiosk.i18n import N_

PORTRAIT_LABEL = N_("Your photo (2 inch)")
PHOTO_CONSENT = N_("With the camera you may photograph: {pictures}. The staff use the pictures to "
                   "check your papers before your turn. They are sealed with your answers for the "
                   "service center, never kept readable on this kiosk, and deleted with your "
                   "answers. You may skip any picture and show the paper at the counter instead.")


def documents_for(form: Form, answers: Answers) -> list[str]:
    """The msgids of the documents to bring, in the form's order; translate each where shown.

    Only answers of visible fields count: a hidden field's stale answer adds nothing.
    """
    shown = form.visible_answers(answers)
    return [doc.label for doc in form.documents if doc.applies(shown)]


@dataclass(frozen=True)
class PhotoNeed:
    """One picture the kiosk asks for: `key` names it in storage, `label` is a msgid."""

    key: str
    label: str
    portrait: bool = False


def shared_document(form: Form, doc: Document) -> bool:
    """A document of the whole group: it applies only through shared answers (the lease, the
    host's ID). Its picture is taken once and kept with the group's first person."""
    return bool(form.group and doc.when) and all(form.shared_field(c.field) for c in doc.when)


def photos_needed(form: Form, answers: Answers, first_person: bool = True) -> list[PhotoNeed]:
    """The pictures to take, in the form's order: the portrait first when the form asks for
    one, then each photographed document that applies to the visible answers. For a group's
    further people (`first_person` False) the group's shared documents are left out."""
    shown = form.visible_answers(answers)
    needs = [PhotoNeed(PORTRAIT_KEY, PORTRAIT_LABEL, portrait=True)] if form.portrait else []
    needs += [PhotoNeed(doc.key, doc.photo_label or doc.label) for doc in form.documents
              if doc.photo and doc.applies(shown)
              and (first_person or not shared_document(form, doc))]  # fmt: skip
    return needs


def shared_photo_keys(form: Form) -> set[str]:
    return {doc.key for doc in form.documents if doc.photo and shared_document(form, doc)}


def photo_consent(form: Form) -> tuple[str, list[str]]:
    """The consent screen's sentence about photos (a msgid with {pictures}) and the msgids of
    every picture the form may ask for; ("", []) for a form without photos."""
    labels = [PORTRAIT_LABEL] if form.portrait else []
    labels += [doc.photo_label or doc.label for doc in form.documents if doc.photo]
    return (PHOTO_CONSENT, labels) if labels else ("", [])


def photo_label(form: Form, key: str) -> str:
    """The msgid naming a picture `key` of this form (the key itself if the form no longer has it)."""
    if key == PORTRAIT_KEY:
        return PORTRAIT_LABEL
    for doc in form.documents:
        if doc.photo and doc.key == key:
            return doc.photo_label or doc.label
    return key

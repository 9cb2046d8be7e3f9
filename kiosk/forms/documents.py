"""The documents-to-bring checklist of a form, generated from the visitor's answers."""

from __future__ import annotations

from kiosk.forms.model import Answers, Form


def documents_for(form: Form, answers: Answers) -> list[str]:
    """The msgids of the documents to bring, in the form's order; translate each where shown.

    Only answers of visible fields count: a hidden field's stale answer adds nothing.
    """
    shown = form.visible_answers(answers)
    return [doc.label for doc in form.documents if doc.applies(shown)]

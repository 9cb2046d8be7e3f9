"""What the speaker button reads: the screen's prompt, the focused field, errors, answers."""

from __future__ import annotations

from kiosk.forms.display import display_value
from kiosk.forms.model import menu_order
from kiosk.i18n import N_, catalog
from kiosk.session import Screen, VisitorSession

PROMPTS = {
    Screen.ATTRACT: N_("Welcome. Touch the screen to start."),
    Screen.LANGUAGE: N_("Choose your language"),
    Screen.SERVICE: N_("What would you like to do?"),
    Screen.CONSENT: N_("Before you start: your data"),
    Screen.REVIEW: N_("Please check your answers"),
    Screen.SUBMITTING: N_("Saving and printing your form…"),
    Screen.DONE: N_("Your form has been saved"),
}
YOUR_REFERENCE = N_("Your reference is {reference}.")
REQUIRED = N_("Required.")


def screen_text(session: VisitorSession, focused_field: str = "") -> str:
    """The text to speak for the current screen, in the visitor's language."""
    cat = catalog(session.lang)
    form, screen = session.form, session.screen
    parts: list[str] = []
    if screen is Screen.STEP and form is not None:
        step = form.steps[session.step_index]
        parts.append(cat.gettext(step.title))
        fields = step.visible_fields(session.answers)
        focused = [f for f in fields if f.id == focused_field]
        for f in focused or fields:
            parts.append(cat.gettext(f.label) + ("" if not f.required else " " + cat.gettext(REQUIRED)))
            if f.help and focused:
                parts.append(cat.gettext(f.help))
            if f.id in session.answers:
                parts.append(display_value(f, session.answers[f.id], session.lang))
        for problem in session.problems:
            label = cat.gettext(form.field(problem.field).label)
            parts.append(f"{label}: {cat.format(problem.message, **problem.params)}")
        return "\n".join(parts)
    parts.append(cat.gettext(PROMPTS[screen]))
    if screen is Screen.SERVICE:
        for service in menu_order(session.forms):
            bring = f". {cat.gettext(service.bring)}" if service.bring else ""
            parts.append(cat.gettext(service.title) + bring)
    elif screen is Screen.CONSENT and form is not None:
        parts.append(cat.gettext(form.purpose))
        parts += [cat.gettext(doc.label) for doc in form.documents if not doc.when]
    elif screen is Screen.REVIEW and form is not None:
        answers = form.visible_answers(session.answers)
        for step in form.steps:
            for f in step.visible_fields(answers):
                if f.id in answers:
                    parts.append(f"{cat.gettext(f.label)}: {display_value(f, answers[f.id], session.lang)}")
    elif screen is Screen.DONE:
        for receipt in session.receipts:  # every person of a group (docs/groups.md)
            spaced = " ".join(receipt.reference)  # read character by character
            parts.append(cat.format(YOUR_REFERENCE, reference=spaced))
    return "\n".join(parts)

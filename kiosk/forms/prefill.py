"""Answers prefilled from a verified passport or ID-card machine-readable zone."""

from __future__ import annotations

from kiosk.forms.model import Answers, FieldType, Form
from kiosk.mrz import MrzResult, country_alpha2


def mrz_answers(form: Form, result: MrzResult) -> Answers:
    """The form's answers taken from `result`, per the form's `mrz_prefill` map.

    A value the field cannot hold (a sex the form does not offer, a nationality without an
    ISO code such as a refugee document) is left out for the visitor to answer.
    """
    values = result.to_json_dict()
    out: Answers = {}
    for source, field_id in form.mrz_prefill:
        f = form.field(field_id)
        if source == "nationality":
            value = result.nationality_alpha2
        elif source == "issuing_state":
            value = country_alpha2(result.issuing_state)
        else:
            value = values.get(source)
        if not value:
            continue
        if f.type in (FieldType.CHOICE, FieldType.MULTICHOICE) and f.option(value) is None:
            continue
        out[field_id] = value
    return out

"""Passport prefill: a verified zone fills the mapped fields; a failed one fills nothing."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from kiosk import paths
from kiosk.forms import Form, load_forms
from kiosk.forms.prefill import mrz_answers
from kiosk.forms.samples import load_sample
from kiosk.mrz import MrzError, check_digit, parse_mrz


def _alpha3(alpha2: str) -> str:
    table: dict[str, str] = json.loads((paths.data_files_dir() / "iso3166_alpha3.json").read_text())
    return next(a3 for a3, a2 in table.items() if a2 == alpha2)


def _yymmdd(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%y%m%d")


def td3_for(answers: dict[str, Any]) -> str:
    """A valid passport zone (TD3) carrying the sample's name, numbers and dates."""
    name = f"{answers['surname'].replace(' ', '<')}<<{answers['given_names'].replace(' ', '<')}"
    nat = _alpha3(answers.get("nationality", "KR"))
    line1 = f"P<{nat}{name}".ljust(44, "<")[:44]
    number = answers["document_number"].ljust(9, "<")
    birth = _yymmdd(answers.get("birth_date", "1990-01-01"))
    expiry = _yymmdd(answers.get("document_expiry", "2035-01-01"))
    sex = answers.get("sex", "F")
    optional = "<" * 14
    two = f"{number}{check_digit(number)}{nat}{birth}{check_digit(birth)}{sex}{expiry}{check_digit(expiry)}"
    two += optional + check_digit(optional)
    composite = two[0:10] + two[13:20] + two[21:43]
    return f"{line1}\n{two}{check_digit(composite)}"


FORMS = load_forms()
MRZ_FORMS = sorted(fid for fid, form in FORMS.items() if form.mrz_prefill)


def test_forms_asking_for_passport_data_offer_the_scan() -> None:
    assert {"temporary-residence", "residence-permit", "work-permit", "driving-licence",
            "dog-registration"} <= set(MRZ_FORMS)  # fmt: skip


@pytest.mark.parametrize("form_id", MRZ_FORMS)
def test_a_generated_zone_prefills_the_sample_values(form_id: str) -> None:
    form: Form = FORMS[form_id]
    sample = load_sample(form)
    answers = mrz_answers(form, parse_mrz(td3_for(sample)))
    assert answers, form_id
    for field_id, value in answers.items():
        assert sample[field_id] == value, (form_id, field_id)
    assert set(answers) == {target for _, target in form.mrz_prefill}


def test_icao_specimen_prefills_what_the_form_can_hold() -> None:
    form = FORMS["temporary-residence"]
    specimen = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                "L898902C36UTO7408122F1204159ZE184226B<<<<<10")  # fmt: skip
    answers = mrz_answers(form, parse_mrz(specimen))
    # "UTO" (Utopia) is no ISO country: the nationality is left for the visitor
    assert answers == {"surname": "ERIKSSON", "given_names": "ANNA MARIA",
                       "birth_date": "1974-08-12", "sex": "F", "document_number": "L898902C3",
                       "document_expiry": "2012-04-15"}  # fmt: skip


def test_a_corrupted_zone_raises_before_anything_is_prefilled() -> None:
    form = FORMS["temporary-residence"]
    good = td3_for(load_sample(form))
    position = 44 + 1 + 9  # the document number's check digit
    digit = good[position]
    bad = good[:position] + str((int(digit) + 1) % 10) + good[position + 1 :]
    with pytest.raises(MrzError) as caught:
        mrz_answers(form, parse_mrz(bad))
    assert caught.value.field == "document_number"

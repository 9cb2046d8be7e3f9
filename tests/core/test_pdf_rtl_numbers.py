"""Typed numbers and phones read left to right even on an Arabic printed form."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from kiosk.forms import load_forms
from kiosk.forms.samples import load_sample
from kiosk.pdf.render import PrintedForm, render_pdf


def test_phone_number_keeps_its_order_in_arabic(tmp_path: Path) -> None:
    form = load_forms()["temporary-residence"]
    answers = {**load_sample(form), "phone": "+86 138 0013 8000", "room": "12F, 1203"}
    doc = PrintedForm(form, "ar", "ACEFGHJK", "K1:ACEFGHJK:SK-1:TEMPORARY-RESIDENCE:1:AAAA",
                      dt.datetime.now(dt.UTC), "SK-1")  # fmt: skip
    out = tmp_path / "ar.pdf"
    render_pdf(doc, form.visible_answers(answers), out)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert "+86 138 0013 8000" in text
    assert "8000 0013 138" not in text

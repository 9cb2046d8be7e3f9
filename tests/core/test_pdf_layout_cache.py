"""The printed form's layout memo lives as long as one document: nothing a visitor typed stays.

kiosk.pdf.textlayout memoizes faces, bidi levels and shaped runs within a document
(`document_layout`); a module-wide cache used to keep the runs of the last thousands of PDFs,
names and passport numbers among them, in the kiosk's memory after the sessions ended."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest

from kiosk.forms import load_forms
from kiosk.forms.samples import load_sample
from kiosk.pdf import textlayout
from kiosk.pdf.receipt import ReceiptInfo, render_receipt
from kiosk.pdf.render import PrintedForm, render_pdf
from kiosk.pdf.textlayout import Glyphs, Paragraph, document_layout, shape

SURNAME = "Qzxwvutsrq"  # no label, no other answer and no font name contains it


def visit(tmp_path: Path, lang: str, n: int) -> None:
    form = load_forms()["temporary-residence"]
    answers = {**load_sample(form), "surname": f"{SURNAME}{n}", "given_names": f"Visitor {n} Ünal",
               "phone": f"+86 138 0013 {n:04d}", "room": f"{n}F, {n}03"}  # fmt: skip
    created = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.UTC) + dt.timedelta(minutes=n)
    reference = f"ACEFGH{'JKMNPQ'[n % 6]}{'RTVWXY'[n // 6 % 6]}"
    doc = PrintedForm(
        form, lang, reference, f"K1:{reference}:SK-1:TEMPORARY-RESIDENCE:1:AAAA", created, "SK-1"
    )
    render_pdf(doc, form.visible_answers(answers), tmp_path / f"{lang}-{n}.pdf")
    render_receipt(ReceiptInfo(form.title, lang, reference, doc.qr_payload, created, "SK-1"),
                   tmp_path / f"{lang}-{n}-receipt.pdf")  # fmt: skip


def holders_of(needle: str) -> list[type]:
    """Types of the live objects the collector tracks that hold a longer string containing
    `needle` (the typed names are `needle` + a number; the constant itself is in this module's
    globals): containers, and laid-out runs (`Glyphs.text`). Tuples and dicts of plain strings
    are untracked by CPython, so a run is the reliable witness of a cache that kept the text."""
    found: list[type] = []
    for obj in gc.get_objects():
        if isinstance(obj, Glyphs):
            items: list[object] = [str(obj.text)]
        elif isinstance(obj, dict):
            items = [*obj.keys(), *obj.values()]
        elif isinstance(obj, (list, tuple, set, frozenset)):
            items = list(obj)
        else:
            continue
        if any(isinstance(item, str) and needle in item and item != needle for item in items):
            found.append(type(obj))
    return found


@pytest.mark.parametrize("lang", ["ar", "hi", "ko", "en"])
def test_no_typed_name_is_held_after_the_pdfs_are_written(tmp_path: Path, lang: str) -> None:
    for n in range(3):
        visit(tmp_path, lang, n)
    gc.collect()
    assert holders_of(SURNAME) == []
    assert (tmp_path / f"{lang}-2.pdf").stat().st_size > 10_000  # they were written


def test_the_memo_lives_inside_one_document_only() -> None:
    assert textlayout._memo.get() is None
    with document_layout():
        first = shape("مرحبا", "KioskArabic", 10.0, True)
        assert shape("مرحبا", "KioskArabic", 10.0, True) is first  # memoized within the document
        with document_layout():  # a nested document has its own memo
            assert shape("مرحبا", "KioskArabic", 10.0, True) is not first
    assert textlayout._memo.get() is None
    assert shape("مرحبا", "KioskArabic", 10.0, True) is not first  # outside: computed afresh


def test_a_memoized_layout_is_the_same_as_a_fresh_one() -> None:
    text = "رقم الجواز (M12345678) صالح"
    fresh = Paragraph(text, "ar", 10).lines(120)
    with document_layout():
        Paragraph(text, "ar", 10).lines(80)  # fills the memo with other breaks of the same text
        memoized = Paragraph(text, "ar", 10).lines(120)
    assert [(g.face, str(g.text), g.width) for line in memoized for g in line.runs] == [
        (g.face, str(g.text), g.width) for line in fresh for g in line.runs
    ]

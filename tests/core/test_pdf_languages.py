"""The printed form in all ten languages, with very long and mixed-script values: every page is
rasterised and read back (QR, page n of m, no ink in the margins) and kept in tests/artifacts/."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from kiosk.crypto.primitives import Ed25519PrivateKey
from kiosk.forms import Form
from kiosk.forms.display import is_free_text
from kiosk.forms.model import FieldType
from kiosk.i18n import translate
from kiosk.languages import LANGUAGES
from kiosk.pdf.receipt import ReceiptInfo, render_receipt
from kiosk.pdf.render import PrintedForm, chunks, render_pdf
from kiosk.pdf.text import documents_to_bring
from kiosk.qrpayload import Payload, encode
from tests.core.helpers import ROOT, fresh_sample

ARTIFACTS = ROOT / "tests" / "artifacts"
CREATED = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)
PAYLOAD = encode(Payload("ACEFGHJK", "SK-LOBBY-1", "temporary-residence", CREATED),
                 Ed25519PrivateKey.generate())  # fmt: skip
# Typed text as visitors of each language may enter it: their script mixed with Latin, digits and
# brackets (the Arabic and Devanagari faces have no Latin letters: the renderer switches per run).
TYPED = {
    "en": "Flat 12B (north side), 1234 Very Long Boulevard of the Maritime District",
    "zh": "深圳市南山区蛇口街道望海路12号海景花园3栋（B座）",
    "ko": "서울특별시 강남구 테헤란로 123 (역삼동) 4층",
    "ja": "東京都港区六本木1丁目2番3号（ABCビル）5階",
    "fr": "Résidence « Les Goélands », bâtiment 3 (entrée B), 12 rue de l'Été",
    "es": "Calle de la Alcaldía nº 12 (esquina Peñalver), 3.º izquierda",
    "de": "Straße der Pariser Kommune 12 (Hinterhaus), Wohnung 3ü",
    "ru": "улица Большая Морская, дом 12 (корпус 3), квартира 45",
    "ar": "شارع الملك فهد (King Fahd Road) رقم 12، مبنى 3 [B-2]",
    "hi": "महात्मा गांधी मार्ग (MG Road) 12, भवन 3 [B-2], कक्ष 1203",
}


def long_answers(form: Form, lang: str) -> dict[str, Any]:
    """The sample with every free-text field at its maximum length: mixed script, and one token
    without any space (cut between clusters); the street address far beyond any row."""
    answers = fresh_sample()
    for f in form.fields:
        if f.id not in answers or not is_free_text(f) or f.type is not FieldType.TEXT:
            continue
        limit = f.max_length or 200
        text = (TYPED[lang] + " ") * (limit // len(TYPED[lang]) + 1)
        if limit >= 60:
            text = "X" * 45 + " " + text
        answers[f.id] = text[:limit].strip()
    answers["street_address"] = " ".join([TYPED[lang]] * 60)  # ~3,000 characters: several rows
    return answers


def rasterise(pdf: Path, prefix: Path, dpi: int) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    pages = prefix.parent.glob(f"{prefix.name}-*.png")
    return sorted(pages, key=lambda p: int(p.stem.rpartition("-")[2]))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def margins_are_blank(png: Path, dpi: int) -> bool:
    """Nothing drawn in the outer 12 mm of either side (the layout keeps a 15 mm margin)."""
    with Image.open(png) as image:
        gray = image.convert("L")
        strip = int(12 / 25.4 * dpi)
        for box in ((0, 0, strip, gray.height), (gray.width - strip, 0, gray.width, gray.height)):
            if gray.crop(box).point(lambda v: 255 if v < 200 else 0).getbbox() is not None:
                return False
    return True


def check_pages(pdf: Path, prefix: Path, dpi: int = 100) -> list[str]:
    """Each page: the QR decodes, "page n of m" and the reference are there, margins blank."""
    reader = PdfReader(pdf)
    total = len(reader.pages)
    pngs = rasterise(pdf, prefix, dpi)
    assert len(pngs) == total
    texts = []
    for number, (page, png) in enumerate(zip(reader.pages, pngs, strict=True), start=1):
        text = page.extract_text() or ""
        texts.append(text)
        assert squeeze(translate("zh", "Page {page} of {pages}", page=number, pages=total)) in squeeze(text)
        assert "ACEF GHJK" in text
        with Image.open(png) as image:
            codes = [c.text for c in zxingcpp.read_barcodes(image)]
        assert codes == [PAYLOAD], f"page {number}: {codes}"
        assert margins_are_blank(png, dpi), f"ink in the margin of page {number}"
    return texts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sample_in_every_language_is_kept_as_artifacts(form: Form, lang: str, tmp_path: Path) -> None:
    pdf = tmp_path / f"{lang}.pdf"
    answers = form.visible_answers(fresh_sample())
    render_pdf(PrintedForm(form, lang, "ACEFGHJK", PAYLOAD, CREATED, "SK-LOBBY-1"), answers, pdf)
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob(f"printed-form-{lang}-*.png"):
        old.unlink()
    texts = check_pages(pdf, ARTIFACTS / f"printed-form-{lang}")
    whole = squeeze("".join(texts))
    for msgid in documents_to_bring(form, answers):  # the documents to bring, when the form lists them
        if lang not in ("ar", "hi"):  # shaped glyphs do not extract: looked at on the artifacts
            assert squeeze(translate(lang if lang != "zh" else "en", msgid)) in whole
    receipt = tmp_path / f"receipt-{lang}.pdf"
    info = ReceiptInfo(form.title, lang, "ACEFGHJK", PAYLOAD, CREATED, "SK-LOBBY-1",
                       tuple(documents_to_bring(form, answers)))  # fmt: skip
    render_receipt(info, receipt)
    (png,) = rasterise(receipt, tmp_path / f"receipt-{lang}", 150)
    with Image.open(png) as image:
        assert [c.text for c in zxingcpp.read_barcodes(image)] == [PAYLOAD]
        image.save(ARTIFACTS / f"receipt-{lang}.png")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_very_long_values_wrap_onto_more_pages(form: Form, lang: str, tmp_path: Path) -> None:
    answers = form.visible_answers(long_answers(form, lang))
    pdf = tmp_path / f"long-{lang}.pdf"
    render_pdf(PrintedForm(form, lang, "ACEFGHJK", PAYLOAD, CREATED, "SK-LOBBY-1"), answers, pdf)
    texts = check_pages(pdf, tmp_path / f"long-{lang}", dpi=60)
    assert len(texts) >= 3
    whole = squeeze("".join(texts))
    for field_id, value in answers.items():
        if is_free_text(form.field(field_id)) and lang not in ("ar", "hi"):
            for piece in chunks(str(value)):  # a huge value spreads over rows, maybe pages
                assert squeeze(piece) in whole, f"{field_id} lost or cut"  # nothing truncated
    assert "X" * 45 in whole  # the long token, cut between lines, is whole once joined

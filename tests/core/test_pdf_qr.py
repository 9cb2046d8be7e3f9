"""The printed QR code as a scanner meets it: measured on rasterised pages, version-bounded payload."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.crypto.primitives import Ed25519PrivateKey
from kiosk.forms import Form
from kiosk.pdf.qrdraw import MAX_VERSION, qr_version
from kiosk.pdf.receipt import ReceiptInfo, render_receipt
from kiosk.pdf.render import PrintedForm, render_pdf
from kiosk.qrpayload import Payload, box_hash, encode
from tests.core.helpers import fresh_sample

DPI = 300
MM = DPI / 25.4  # pixels per millimetre
KEY = Ed25519PrivateKey.generate()
CREATED = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)


def payload(reference: str = "ACEFGHJK", kiosk: str = "SK-LOBBY-1", form: str = "temporary-residence",
            created: dt.datetime = CREATED) -> str:  # fmt: skip
    return encode(Payload(reference, kiosk, form, created, box_hash(b"sealed answers")), KEY)


def test_payload_fits_version_8_at_ecc_m_even_at_its_longest() -> None:
    assert payload().startswith("K2:")  # with the signed hash of the sealed answers
    assert qr_version(payload()) <= 7  # the usual kiosk and form ids
    longest = payload("ZZZZZZZZ", "K" * 16, "F" + "X" * 39, dt.datetime(2999, 12, 31, tzinfo=dt.UTC))
    assert len(longest.split(":")[4]) <= 8
    assert qr_version(longest) <= MAX_VERSION
    assert all(c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:" for c in longest)  # alphanumeric


def rasterise(pdf: Path, folder: Path, dpi: int = DPI) -> list[Image.Image]:
    prefix = folder / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)], check=True)
    pages = sorted(folder.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rpartition("-")[2]))
    return [Image.open(p).convert("L") for p in pages]


def dark(image: Image.Image, box: tuple[int, int, int, int]) -> Image.Image:
    return image.crop(box).point(lambda v: 255 if v < 128 else 0)


def measure(page: Image.Image, text: str) -> tuple[float, float, int]:
    """(symbol side in mm, module in mm, dark pixels in the 4-module quiet zone) of the QR."""
    (code,) = [c for c in zxingcpp.read_barcodes(page) if c.text == text]
    corners = (code.position.top_left, code.position.top_right, code.position.bottom_left,
               code.position.bottom_right)  # fmt: skip
    pad = int(3 * MM)
    box = (min(p.x for p in corners) - pad, min(p.y for p in corners) - pad,
           max(p.x for p in corners) + pad, max(p.y for p in corners) + pad)  # fmt: skip
    bbox = dark(page, box).getbbox()
    assert bbox is not None
    left, top, right, bottom = bbox[0] + box[0], bbox[1] + box[1], bbox[2] + box[0], bbox[3] + box[1]
    side = ((right - left) + (bottom - top)) / 2
    module = side / (17 + 4 * qr_version(text))
    quiet = round(4 * module)
    outer = dark(page, (left - quiet, top - quiet, right + quiet, bottom + quiet)).histogram()[255]
    inner = dark(page, (left, top, right, bottom)).histogram()[255]
    return side / MM, module / MM, outer - inner


def check_geometry(page: Image.Image, text: str) -> None:
    side, module, ink = measure(page, text)
    assert 25.0 <= side <= 30.0, f"symbol {side:.2f} mm"
    assert module >= 0.5, f"module {module:.3f} mm"
    assert ink == 0, f"{ink} dark pixels in the quiet zone"


@pytest.mark.parametrize("lang", ["ar", "ja"])
def test_every_page_carries_a_measured_qr(form: Form, tmp_path: Path, lang: str) -> None:
    text = payload()
    doc = PrintedForm(form, lang, "ACEFGHJK", text, CREATED, "SK-LOBBY-1")
    pdf = tmp_path / "form.pdf"
    render_pdf(doc, form.visible_answers(fresh_sample()), pdf)
    pages = rasterise(pdf, tmp_path)
    assert len(pages) >= 2
    for page in pages:
        check_geometry(page, text)


def test_the_longest_payload_keeps_modules_of_half_a_millimetre(form: Form, tmp_path: Path) -> None:
    text = payload("ZZZZZZZZ", "K" * 16, "F" + "X" * 39, dt.datetime(2999, 12, 31, tzinfo=dt.UTC))
    doc = PrintedForm(form, "en", "ZZZZZZZZ", text, CREATED, "K" * 16, paper="Letter")
    pdf = tmp_path / "letter.pdf"
    render_pdf(doc, form.visible_answers(fresh_sample()), pdf)
    (first, *_) = rasterise(pdf, tmp_path)
    assert abs(first.width - 8.5 * DPI) <= 2  # Letter
    check_geometry(first, text)


def test_receipt_is_80_mm_wide_with_a_measured_qr(form: Form, tmp_path: Path) -> None:
    text = payload()
    pdf = tmp_path / "receipt.pdf"
    render_receipt(ReceiptInfo(form.title, "hi", "ACEFGHJK", text, CREATED, "SK-LOBBY-1",
                               ("Your passport or travel document (the original)",)), pdf)  # fmt: skip
    (page,) = rasterise(pdf, tmp_path)
    assert abs(page.width / MM - 80) < 0.5
    check_geometry(page, text)

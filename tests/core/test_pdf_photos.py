"""The printout lists the pictures taken and the papers not photographed, in both languages."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from kiosk.forms import Form
from kiosk.i18n import translate
from kiosk.pdf.render import PrintedForm, render_pdf
from tests.core.helpers import fresh_sample

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
CREATED = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def _render(form: Form, folder: Path, name: str, taken: tuple[str, ...], skipped: tuple[str, ...]) -> Path:
    doc = PrintedForm(form, "fr", "ACEFGHJK", "K2:ACEFGHJK:SK-1:F:LZ8K3K0:AAAAAAAAAAAAAAAA:AA",
                      CREATED, "SK-1", photos_taken=taken, photos_skipped=skipped)  # fmt: skip
    path = folder / f"{name}.pdf"
    render_pdf(doc, form.visible_answers(fresh_sample(CREATED.date())), path)
    return path


def _last_page(pdf: Path) -> Image.Image:
    out = pdf.with_suffix("")
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")))
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", str(count), "-l", str(count), "-singlefile",
                    str(pdf), str(out)], check=True)  # fmt: skip
    return Image.open(out.with_suffix(".png")).convert("L")


def test_the_printout_lists_photos_in_chinese_and_the_visitors_language(form: Form, tmp_path: Path) -> None:
    pdf = _render(form, tmp_path, "photos", ("passport", "visa", "lease"), ("host_id",))
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    names = ", ".join(translate("fr", n) for n in ("Passport photo page", "Visa or residence permit",
                                                   "Lease contract"))  # fmt: skip
    assert " ".join(translate("fr", "Photos taken: {pictures}", pictures=names).split()) in flat
    assert translate("fr", "Landlord's or host's ID card") in flat
    zh = "".join(text.split())
    assert "已拍照：护照照片页" in zh and "未拍照（请在柜台出示原件）：房东或住宿提供者的身份证" in zh
    # Rasterised, the page differs from the same form without pictures: the line is drawn.
    plain = _render(form, tmp_path, "plain", (), ())
    assert ImageChops.difference(_last_page(pdf), _last_page(plain)).getbbox() is not None


def test_no_photo_line_without_photos(form: Form, tmp_path: Path) -> None:
    pdf = _render(form, tmp_path, "plain", (), ())
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert translate("fr", "Passport photo page") not in text


def test_the_receipt_lists_photos_too(form: Form, tmp_path: Path) -> None:
    from kiosk.pdf.receipt import ReceiptInfo, render_receipt
    from kiosk.pdf.text import photo_lines

    lines = tuple(photo_lines(form, "en", ("passport",), ("lease",)))
    assert lines[0] == ("已拍照：护照照片页", "Photos taken: Passport photo page")
    path = tmp_path / "receipt.pdf"
    render_receipt(
        ReceiptInfo(form.title, "en", "ACEFGHJK", "K2:X", CREATED, "SK-1", photo_lines=lines), path
    )
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Passport photo page" in text and "Lease contract" in text

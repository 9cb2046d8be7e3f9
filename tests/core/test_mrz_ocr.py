"""Reading the passport zone from camera frames: synthetic pages, malformed images, no tesseract."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from kiosk.camera import mrz_ocr, tesseract
from kiosk.camera.mrz_fix import fit_alphabets
from kiosk.camera.mrz_ocr import CHECK_DIGITS, NO_ZONE, NOT_AVAILABLE, MrzRead, read_mrz
from kiosk.mrz import parse_mrz
from tests.support.passport_pages import Augment, make_page

TODAY = date(2026, 12, 7)
# tesseract-ocr is a system package (Makefile SYSTEM_PACKAGES): without it these fail, never skip.


def test_a_clean_page_reads_exactly() -> None:
    page = make_page(2, today=TODAY, fmt="TD3", augment=Augment(fill=0.85))
    read = read_mrz(page.image, today=TODAY, budget_s=5)
    assert read == MrzRead(page.mrz)
    assert parse_mrz(read.text or "", today=TODAY).format == "TD3"


def test_a_page_turned_8_degrees_reads() -> None:
    page = make_page(2, today=TODAY, fmt="TD3", augment=Augment(fill=0.85, angle=8.0))
    assert read_mrz(page.image, today=TODAY, budget_s=5).text == page.mrz


def test_an_id_card_reads() -> None:
    page = make_page(5, today=TODAY, fmt="TD2", augment=Augment(fill=0.85, angle=-3.0))
    assert read_mrz(page.image, today=TODAY, budget_s=5).text == page.mrz


@pytest.mark.parametrize("augment", [Augment(fill=0.85, glare=0.6), Augment(fill=0.85, dark=0.45)],
                         ids=["glare", "low_light"])  # fmt: skip
def test_glare_and_low_light_read(augment: Augment) -> None:
    page = make_page(2, today=TODAY, fmt="TD3", augment=augment)
    assert read_mrz(page.image, today=TODAY, budget_s=5).text == page.mrz


def test_a_passport_blurred_glared_and_dark_at_once_reads() -> None:
    # All three at once (the benchmark's hardest mix): this page was not read while tesseract's
    # character boxes placed the grid; the grid fitted to the ink reads it.
    augment = Augment(fill=0.81, angle=3.4, blur=1.24, glare=0.8, dark=0.26, jpeg=61)
    page = make_page(125, today=TODAY, fmt="TD3", augment=augment)
    assert read_mrz(page.image, today=TODAY, budget_s=5).text == page.mrz


def test_a_wrong_printed_check_digit_fills_nothing() -> None:
    page = make_page(2, today=TODAY, fmt="TD3", augment=Augment(fill=0.85), bad_digit=True)
    read = read_mrz(page.image, today=TODAY, budget_s=5)
    assert read == MrzRead(None, CHECK_DIGITS)


@pytest.mark.parametrize("pixels", ["white", "noise"])
def test_blank_or_noise_has_no_zone(pixels: str) -> None:
    rng = np.random.default_rng(1)
    shape = (720, 1280, 3)
    data = np.full(shape, 235, np.uint8) if pixels == "white" else rng.integers(0, 256, shape)
    read = read_mrz(Image.fromarray(data.astype(np.uint8), "RGB"), today=TODAY)
    assert read.text is None and read.reason == NO_ZONE


def _truncated_jpeg() -> Image.Image:
    out = io.BytesIO()
    make_page(1, today=TODAY).image.save(out, "JPEG")
    return Image.open(io.BytesIO(out.getvalue()[:5000]))


@pytest.mark.parametrize("image", [
    Image.new("RGB", (0, 0)), Image.new("L", (1, 1)), Image.new("P", (640, 480)),
    Image.new("I;16", (320, 240), 60000), Image.new("RGBA", (640, 360), (0, 0, 0, 0)),
    Image.new("CMYK", (640, 360)), Image.new("1", (2000, 40)), Image.new("F", (400, 300), float("nan")),
    Image.new("L", (30000, 34)),
], ids=["0x0", "1x1", "P", "I16", "RGBA", "CMYK", "1bit-strip", "nan", "thin"])  # fmt: skip
def test_malformed_images_give_a_reason(image: Image.Image) -> None:
    read = read_mrz(image, today=TODAY)
    assert read.text is None and read.reason


def test_a_truncated_file_gives_a_reason() -> None:
    read = read_mrz(_truncated_jpeg(), today=TODAY)
    assert read.text is None and read.reason


def test_huge_images_are_refused_before_decoding() -> None:
    assert read_mrz(Image.new("L", (10000, 6000)), today=TODAY).reason == NO_ZONE


def test_without_tesseract_reading_is_not_available(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    page = make_page(2, today=TODAY, fmt="TD3", augment=Augment(fill=0.85))
    assert read_mrz(page.image, today=TODAY) == MrzRead(None, NOT_AVAILABLE)
    monkeypatch.setattr(tesseract, "BINARY", str(tmp_path / "no-such-tesseract"))
    assert mrz_ocr.read_mrz(page.image, today=TODAY).reason == NOT_AVAILABLE


def test_alphabets_fix_digits_and_letters_by_position() -> None:
    line1 = "P<UT0ER1KSS0N<<ANNA" + "<" * 25
    line2 = "L898902C36UTO74O8122F12O4159ZE184226B<<<<<1O"
    fixed = fit_alphabets([line1, line2])
    assert fixed == ["P<UTOERIKSSON<<ANNA" + "<" * 25, "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    assert fit_alphabets(["P<UTO", "123"]) is None


def test_a_name_line_lost_entirely_is_not_a_blank_name() -> None:
    # A card's name line off the frame or drowned in glare reads as holes: not as fillers only.
    one, two = "IDUTOAB0C123453" + "<" * 15, "7408122F1204159UTO" + "<" * 11 + "6"
    assert fit_alphabets([one, two, "?" * 30]) is None
    assert fit_alphabets([one, two, "ERIKSSON<<ANNA<" + "?" * 15]) == [one, two, "ERIKSSON<<ANNA" + "<" * 16]
    assert fit_alphabets(["?" + one[1:], two, "ERIKSSON<<ANNA" + "<" * 16]) is None  # never a filler first


def _td3(number: str) -> list[str]:
    """A valid passport zone with this document number (check digits computed)."""
    from kiosk.mrz import check_digit

    body = number + check_digit(number) + "UTO" + "740812" + check_digit("740812") + "F"
    body += "320415" + check_digit("320415") + "<" * 14 + "<"
    composite = check_digit(body[0:10] + body[13:20] + body[21:43])
    return ["P<UTOERIKSSON<<ANNA" + "<" * 25, body + composite]


def test_one_o_misread_as_zero_is_put_right_by_the_check_digit() -> None:
    good = _td3("AB0C12345")
    misread = [good[0], good[1].replace("AB0C", "ABOC", 1)]
    assert mrz_ocr.verify(misread, TODAY) == ("\n".join(good), False)


def test_other_look_alikes_are_not_guessed() -> None:
    good = _td3("AB8C12345")
    misread = [good[0], good[1].replace("AB8C", "ABBC", 1)]
    assert mrz_ocr.verify(misread, TODAY) == (None, True)


def _reads(monkeypatch: pytest.MonkeyPatch, names: list[str]) -> MrzRead:
    """read_mrz on a clean page whose crops are read, one call per preprocessing, as these surnames."""
    from kiosk.camera.zone_read import ZoneText

    texts = iter(names)

    def fake_read_zone(*_args: object, **_kwargs: object) -> Iterator[ZoneText]:
        name = next(texts, None)
        if name is not None:
            good = _td3("AB0C12345")
            yield ZoneText(["P<UTO" + name + "<<ANNA" + "<" * (33 - len(name)), good[1]], [[]])

    monkeypatch.setattr(mrz_ocr, "read_zone", fake_read_zone)
    monkeypatch.setattr(mrz_ocr, "tesseract_read", lambda *_args: [])
    page = make_page(2, today=TODAY, fmt="TD3", augment=Augment(fill=0.85))
    return read_mrz(page.image, today=TODAY, budget_s=5)


def test_two_agreeing_reads_are_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (_reads(monkeypatch, ["ERIKSSON", "ERIKSSON"]).text or "").startswith("P<UTOERIKSSON<<ANNA<")


def test_reads_that_disagree_on_a_name_are_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    # Names have no check digit: ERIKSSQN and ERIKSSON both pass every check.
    assert _reads(monkeypatch, ["ERIKSSQN", "ERIKSSON", "ERIKSSQN", "ERIKSSQN"]).text is None


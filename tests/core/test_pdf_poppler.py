"""PDF pages read through poppler's pdftoppm (the lobby bundle, which has no pypdfium2) give the
same codes and the same verdicts on hostile files as through pypdfium2 (source, staff bundle)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas

from kiosk import qr_images
from kiosk.qr_images import MAX_PAGES, UnreadableFile, find_codes

RASTERISERS = ("pdftoppm", "pypdfium2")


@pytest.fixture(params=RASTERISERS)
def using(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test once with each rasteriser."""
    monkeypatch.setattr(qr_images, "rasteriser", lambda: request.param)
    return str(request.param)


def _pdf(path: Path, texts: list[str], **canvas_args: object) -> Path:
    """One page per text, its QR code 60 mm wide (a printed form's is 30-40 mm)."""
    canvas = Canvas(str(path), **canvas_args)
    for text in texts:
        widget = QrCodeWidget(text, barLevel="M")
        x0, y0, x1, y1 = widget.getBounds()
        side = 170.0
        drawing = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, canvas, 100, 400)
        canvas.showPage()
    canvas.save()
    return path


def test_codes_are_read_page_by_page(using: str, tmp_path: Path) -> None:
    texts = [f"K2:PAGE{n}:example" for n in range(1, 4)]
    assert find_codes(_pdf(tmp_path / "three.pdf", texts)) == texts


def test_eleven_pages_keep_their_order(using: str, tmp_path: Path) -> None:
    # Past nine pages too, each page comes back in its place.
    texts = [f"P{n}" for n in range(1, 12)]
    assert find_codes(_pdf(tmp_path / "eleven.pdf", texts), dpi=72) == texts


def test_a_page_without_a_code_gives_none(using: str, tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    canvas = Canvas(str(plain))
    canvas.drawString(100, 700, "no code on this page")
    canvas.showPage()
    canvas.save()
    assert find_codes(plain) == []


def test_too_many_or_too_large_pages_are_refused(using: str, tmp_path: Path) -> None:
    many = tmp_path / "many.pdf"
    canvas = Canvas(str(many))
    for _ in range(MAX_PAGES + 1):
        canvas.showPage()
    canvas.save()
    with pytest.raises(UnreadableFile, match=f"{MAX_PAGES + 1} pages"):
        find_codes(many)
    huge = tmp_path / "huge.pdf"
    canvas = Canvas(str(huge), pagesize=(14000, 14000))
    canvas.showPage()
    canvas.save()
    with pytest.raises(UnreadableFile, match="too large"):
        find_codes(huge)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 3],  # cut short
        lambda data: data[:8] + bytes(len(data) - 8),  # the header, then zeros
    ],
    ids=["cut", "zeroed"],
)
def test_a_damaged_pdf_is_a_verdict(using: str, tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    good = _pdf(tmp_path / "good.pdf", ["K2:X"])
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(damage(good.read_bytes()))
    try:
        codes = find_codes(bad)
    except UnreadableFile as exc:
        assert "PDF" in str(exc)
    else:  # a reader may repair a damaged file: then it must find nothing it should not
        assert codes in ([], ["K2:X"])


def test_a_password_protected_pdf_is_refused(using: str, tmp_path: Path) -> None:
    locked = _pdf(tmp_path / "locked.pdf", ["K2:SECRET"], encrypt="a-password")
    with pytest.raises(UnreadableFile, match="protected"):
        find_codes(locked)


def test_without_poppler_the_message_names_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qr_images, "rasteriser", lambda: "pdftoppm")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UnreadableFile, match="apt-get install poppler-utils"):
        find_codes(_pdf(tmp_path / "one.pdf", ["K2:X"]))

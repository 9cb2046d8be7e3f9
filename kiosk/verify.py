"""Read the QR code back from a printed form (a PDF or a scan) and check its signature.

Plain Python, no Qt: used by `kiosk verify` and by the tests. PDF pages are rasterised with
pypdfium2 and decoded with zxing-cpp, the same way a scan of the paper would be.
"""

from __future__ import annotations

from pathlib import Path

import zxingcpp
from PIL import Image

from kiosk.crypto.keys import KeyRegistry
from kiosk.qrpayload import Verdict, Verification, decode, verify

PDF_MAGIC = b"%PDF-"


def _images(path: Path, dpi: int) -> list[Image.Image]:
    with path.open("rb") as fh:
        is_pdf = fh.read(len(PDF_MAGIC)) == PDF_MAGIC
    if not is_pdf:
        with Image.open(path) as image:
            image.load()
            return [image.convert("L")]
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            pages.append(page.render(scale=dpi / 72, grayscale=True).to_pil())
            page.close()
        return pages
    finally:
        pdf.close()


def find_codes(path: Path, dpi: int = 150) -> list[str]:
    """Every QR code's text in a PDF (each page at `dpi`) or an image, in page order, once each.

    Raises OSError for an unreadable file, PIL's UnidentifiedImageError or pypdfium2's
    PdfiumError for a file that is neither an image nor a PDF.
    """
    codes: list[str] = []
    for image in _images(path, dpi):
        codes += [text for text in read_codes(image) if text not in codes]
    return codes


def read_codes(image: Image.Image) -> list[str]:
    """Every QR code's text in one image, once each (a page, a scan, a camera frame; any thread)."""
    codes: list[str] = []
    # Built per call, not kept in a module global: a zxing-cpp (nanobind) object still referenced
    # when the interpreter exits is reported as "nanobind: leaked 1 instances!".
    qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    for barcode in zxingcpp.read_barcodes(image, formats=qr_only):
        if barcode.text and barcode.text not in codes:
            codes.append(barcode.text)
    return codes


def kiosk_code(codes: list[str]) -> str | None:
    """The first code that is a kiosk's (`K<version>:...`, signed or not); None if none is."""
    for text in codes:
        if decode(text) is not Verdict.MALFORMED:
            return text
    return None


def pick_code(codes: list[str]) -> str | None:
    """The kiosk's code among `codes`: another QR code on the page (a URL...) is passed over."""
    code = kiosk_code(codes)
    return code if code is not None else (codes[0] if codes else None)


def verify_codes(codes: list[str], registry: KeyRegistry) -> Verification | None:
    """The verdict on the kiosk's code among `codes`; None when there is none."""
    code = pick_code(codes)
    return None if code is None else verify(code, registry)


def verify_file(path: Path, registry: KeyRegistry, dpi: int = 150) -> Verification | None:
    """Find the kiosk's QR code in a PDF or an image and check it; None when there is no code."""
    return verify_codes(find_codes(path, dpi), registry)

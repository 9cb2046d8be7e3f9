"""Read QR codes from images and PDFs (a printed form, a scan) and check the kiosk's signature
(the module behind the `kiosk verify` command).

Plain Python, no Qt: used by `kiosk verify`, `kiosk staff show`, the staff console and the tests.
PDF pages are rasterised and decoded with zxing-cpp, the same way a scan of the paper would be:
with pypdfium2 where it is installed (source, the staff bundle), else with poppler's `pdfinfo` and
`pdftoppm` (Debian `poppler-utils`: the lobby bundle leaves pypdfium2 out, docs/deploy.md).
Files are hostile until proven otherwise: only a few image formats are opened (never EPS, which
Pillow hands to Ghostscript), and size, pixels and pages are capped; anything else is
`UnreadableFile`, with a sentence for staff, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import zxingcpp
from PIL import Image

from kiosk.crypto.keys import KeyRegistry
from kiosk.qrpayload import Verdict, Verification, decode, verify

PDF_MAGIC = b"%PDF-"
IMAGE_FORMATS = ("PNG", "JPEG", "BMP", "TIFF", "GIF", "WEBP")  # what scanners and phones write
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 60_000_000  # an A4 page at 600 dpi is 35 million
MAX_PAGES = 20  # a printed form has 1 to 4
MIN_DPI, MAX_DPI = 50, 600


class UnreadableFile(ValueError):
    """The file cannot be read as an image or a PDF within the limits; the message says why."""


def _image(path: Path) -> Image.Image:
    from PIL import UnidentifiedImageError

    try:
        with Image.open(path, formats=IMAGE_FORMATS) as image:
            if image.width * image.height > MAX_PIXELS:
                raise UnreadableFile(f"{path.name}: the image is too large "
                                     f"({image.width}x{image.height} pixels)")  # fmt: skip
            image.load()
            return image.convert("L")
    except UnidentifiedImageError:
        raise UnreadableFile(f"{path.name}: not a PDF or an image in a supported format "
                             f"({', '.join(IMAGE_FORMATS)})") from None  # fmt: skip
    except UnreadableFile:
        raise
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError, EOFError):
        # Pillow says "truncated", "broken data stream"...: for staff, the file is damaged.
        raise UnreadableFile(f"{path.name}: the image is damaged or too large") from None


def rasteriser() -> str:
    """What turns PDF pages into images here: "pypdfium2", else "pdftoppm" (poppler-utils)."""
    try:
        import pypdfium2  # noqa: F401
    except ImportError:  # the lobby bundle (kiosk.spec leaves it out)
        return "pdftoppm"
    return "pypdfium2"


def _pages(path: Path, dpi: int) -> list[Image.Image]:
    if rasteriser() == "pdftoppm":
        from kiosk.pdf_poppler import PdfUnreadable, pages

        try:
            return pages(path, dpi, MAX_PAGES, MAX_PIXELS)
        except PdfUnreadable as exc:
            raise UnreadableFile(str(exc)) from None
    return _pdfium_pages(path, dpi)


def _pdfium_pages(path: Path, dpi: int) -> list[Image.Image]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        raise UnreadableFile(f"{path.name}: a damaged or protected PDF") from None
    try:
        if len(pdf) > MAX_PAGES:
            raise UnreadableFile(f"{path.name}: {len(pdf)} pages; a printed form has at most {MAX_PAGES}")
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()  # points
            scale = dpi / 72
            if width * scale * height * scale > MAX_PIXELS:
                raise UnreadableFile(f"{path.name}: page {index + 1} is too large to read")
            pages.append(page.render(scale=scale, grayscale=True).to_pil())
            page.close()
        return pages
    except pdfium.PdfiumError:
        raise UnreadableFile(f"{path.name}: a damaged PDF") from None
    finally:
        pdf.close()


def _images(path: Path, dpi: int) -> list[Image.Image]:
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise UnreadableFile(f"the resolution must be from {MIN_DPI} to {MAX_DPI} dpi, not {dpi}")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            is_pdf = fh.read(len(PDF_MAGIC)) == PDF_MAGIC
    except OSError as exc:
        raise UnreadableFile(f"cannot read {path}: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(f"{path.name}: {size // 2**20} MB; at most {MAX_FILE_BYTES // 2**20} MB")
    return _pages(path, dpi) if is_pdf else [_image(path)]


def find_codes(path: Path, dpi: int = 150) -> list[str]:
    """Every QR code's text in a PDF (each page at `dpi`) or an image, in page order, once each.

    Raises UnreadableFile (a ValueError whose message is for people) for anything else.
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

"""Rasterise a PDF's pages with poppler's `pdfinfo` and `pdftoppm` (Debian `poppler-utils`).

The lobby bundle reads PDFs this way instead of through pypdfium2 (7 MB it leaves out,
docs/deploy.md): `kiosk self-test` reads back the QR code of every form it prints, and
`kiosk verify` checks a printout. Plain Python, no Qt, any thread. The PDF is hostile until
proven otherwise: its page count and page sizes are checked with `pdfinfo` before anything is
drawn, both programs run with a time limit, pages come back through a pipe (no temporary files
of a printout), and every failure is a `PdfUnreadable` whose message is a sentence for people.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

from PIL import Image

TIMEOUT_S = 60  # per program run; a printed form's pages draw in well under a second each
PACKAGE = "poppler-utils"
_PAGES = re.compile(r"^Pages:\s+(\d+)\s*$", re.MULTILINE)
_SIZE = re.compile(r"^Page\s+(\d+)\s+size:\s+([0-9.]+)\s+x\s+([0-9.]+)\s+pts", re.MULTILINE)


class PdfUnreadable(ValueError):
    """The PDF cannot be drawn within the limits, or poppler-utils is missing; the message says why."""


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise PdfUnreadable(f"reading PDF files needs `{name}`: install the Debian package {PACKAGE} "
                            f"(apt-get install {PACKAGE})")  # fmt: skip
    return found


def _run(args: list[str], path: Path) -> bytes:
    try:
        done = subprocess.run(args, capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise PdfUnreadable(f"{path.name}: the PDF takes too long to read") from None
    if done.returncode != 0:
        raise PdfUnreadable(f"{path.name}: a damaged or protected PDF")
    return done.stdout


def page_sizes(path: Path, max_pages: int) -> list[tuple[float, float]]:
    """Width and height in points of every page; PdfUnreadable past `max_pages` pages."""
    # pdfinfo prints the page count, and the sizes of the pages asked for (clamped to the count).
    info = _run([_tool("pdfinfo"), "-f", "1", "-l", str(max_pages), str(path)], path)
    text = info.decode("utf-8", errors="replace")
    count = _PAGES.search(text)
    if count is None:
        raise PdfUnreadable(f"{path.name}: a damaged PDF")
    pages = int(count.group(1))
    if pages > max_pages:
        raise PdfUnreadable(f"{path.name}: {pages} pages; a printed form has at most {max_pages}")
    sizes = [(float(w), float(h)) for _, w, h in _SIZE.findall(text)]
    if len(sizes) != pages:
        raise PdfUnreadable(f"{path.name}: a damaged PDF")
    return sizes


def pages(path: Path, dpi: int, max_pages: int, max_pixels: int) -> list[Image.Image]:
    """Every page as a greyscale image at `dpi`, in order.

    Each page comes through a pipe (pdftoppm writes a PGM to standard output): a printout's
    page never lands in a temporary file.
    """
    sizes = page_sizes(path, max_pages)
    scale = dpi / 72
    for index, (width, height) in enumerate(sizes):
        if width * scale * height * scale > max_pixels:
            raise PdfUnreadable(f"{path.name}: page {index + 1} is too large to read")
    images = []
    for number in range(1, len(sizes) + 1):
        pgm = _run([_tool("pdftoppm"), "-r", str(dpi), "-gray", "-f", str(number), "-l", str(number),
                    str(path)], path)  # fmt: skip
        try:
            with Image.open(io.BytesIO(pgm), formats=("PPM",)) as image:
                image.load()
                images.append(image.convert("L"))
        except (OSError, SyntaxError, ValueError):
            raise PdfUnreadable(f"{path.name}: a damaged PDF") from None
    return images

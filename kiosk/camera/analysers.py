"""What the camera's pictures are checked with: one table of functions, run off the GUI thread.

`default_analysers()` binds the real ones: the live framing hints and the passport-zone OCR
(kiosk.camera.frame_check, kiosk.camera.mrz_ocr), the document and portrait checks and the JPEG
encoder (kiosk.photos). They are imported when first used, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PIL import Image

from kiosk.camera.flow import Purpose, Verdict

# A live frame's read may take this long (tesseract runs while the GUI thread keeps drawing the
# preview); the next frame is read after it, so a longer budget only delays the next hint. The
# read is ~0.5 s alone (benchmarks/bench_mrz_ocr.py) but shares the interpreter with the GUI
# thread: while that thread runs Python (frames arriving, QML reading the backends) the read's
# many short numpy steps wait for their turn — 1.6-3.2 s in the window tests — so 3 s cut reads
# of a good page; 6 s leaves room (docs/camera.md).
READ_BUDGET_S = 6.0


@dataclass(frozen=True)
class Analysers:
    # (fine to use, live guidance msgid): a passport frame that is fine is then read
    hint: Callable[[Image.Image, Purpose], tuple[bool, str]]
    read: Callable[[Image.Image, date], tuple[str | None, str]]  # (verified zone, or why not)
    check_document: Callable[[Image.Image], Verdict]
    check_portrait: Callable[[Image.Image], Verdict]
    encode: Callable[[Image.Image], bytes]  # the JPEG kept (metadata stripped, size-limited)


def _hint(image: Image.Image, purpose: Purpose) -> tuple[bool, str]:
    from kiosk.camera.frame_check import FrameHint, assess_frame

    hint = assess_frame(image)
    if purpose is not Purpose.PASSPORT:  # "closer" and "no page" are about the passport zone
        fine = hint not in (FrameHint.TOO_DARK, FrameHint.BLURRED)
        return fine, "" if fine else hint.message
    return hint is FrameHint.OK, hint.message


def _read(image: Image.Image, today: date) -> tuple[str | None, str]:
    from kiosk.camera.mrz_ocr import read_mrz

    result = read_mrz(image, today=today, budget_s=READ_BUDGET_S)
    return result.text, result.reason


def _check_document(image: Image.Image) -> Verdict:
    from kiosk.photos.quality import check_document

    verdict = check_document(image)
    return Verdict(verdict.ok, verdict.reason)


def _check_portrait(image: Image.Image) -> Verdict:
    from kiosk.photos.face import check_portrait

    verdict = check_portrait(image)
    return Verdict(verdict.ok, verdict.reason)


def _encode(image: Image.Image) -> bytes:
    from kiosk.photos.image import to_jpeg

    return to_jpeg(image)


def default_analysers() -> Analysers:
    return Analysers(_hint, _read, _check_document, _check_portrait, _encode)

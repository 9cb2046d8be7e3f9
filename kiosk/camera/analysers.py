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


@dataclass(frozen=True)
class Analysers:
    hint: Callable[[Image.Image, Purpose], str]  # live guidance msgid, "" when the frame is fine
    read: Callable[[Image.Image, date], tuple[str | None, str]]  # (verified zone, or why not)
    check_document: Callable[[Image.Image], Verdict]
    check_portrait: Callable[[Image.Image], Verdict]
    encode: Callable[[Image.Image], bytes]  # the JPEG kept (metadata stripped, size-limited)


def _hint(image: Image.Image, purpose: Purpose) -> str:
    from kiosk.camera.frame_check import FrameHint, assess_frame

    hint = assess_frame(image)
    if hint is FrameHint.OK:
        return ""
    if purpose is not Purpose.PASSPORT and hint not in (FrameHint.TOO_DARK, FrameHint.BLURRED):
        return ""  # "closer" and "no page" are about the passport zone
    return str(hint.msgid)


def _read(image: Image.Image, today: date) -> tuple[str | None, str]:
    from kiosk.camera.mrz_ocr import read_mrz

    result = read_mrz(image, today=today)
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

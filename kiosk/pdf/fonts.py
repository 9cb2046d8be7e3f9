"""Register the bundled TrueType fonts with ReportLab once; pick faces per script by glyph coverage."""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.languages import pdf_face
from kiosk.system_fonts import font_path

_lock = threading.Lock()
_done = False

# name → (file, subfont index). wqy-microhei covers Latin, Cyrillic, Han, kana and Hangul; the Noto
# Arabic and Devanagari faces cover their script, digits and some punctuation but no Latin letters.
FACES: dict[str, tuple[str, int]] = {
    "KioskCJK": ("wqy-microhei.ttc", 0),
    "KioskLatin": ("NotoSans-Regular.ttf", 0),
    "KioskLatinBold": ("NotoSans-Bold.ttf", 0),
    "KioskArabic": ("NotoSansArabic-Regular.ttf", 0),
    "KioskArabicBold": ("NotoSansArabic-Bold.ttf", 0),
    "KioskDevanagari": ("NotoSansDevanagari-Regular.ttf", 0),
    "KioskDevanagariBold": ("NotoSansDevanagari-Bold.ttf", 0),
}
BOLD = {"KioskLatin": "KioskLatinBold", "KioskArabic": "KioskArabicBold",
        "KioskDevanagari": "KioskDevanagariBold"}  # fmt: skip
COMPLEX = frozenset({"KioskArabic", "KioskArabicBold", "KioskDevanagari", "KioskDevanagariBold"})
BASE_FACE = "KioskCJK"
_ORDER = ("KioskLatin", "KioskCJK", "KioskArabic", "KioskDevanagari")


def register_fonts() -> None:
    """Load the faces (about 0.1 s the first time); later calls return at once."""
    global _done
    with _lock:
        if _done:
            return
        for name, (filename, index) in FACES.items():
            path = font_path(filename)  # bundled, or Debian's (kiosk/system_fonts.py)
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
        _done = True


def face_for(lang: str) -> str:
    """The first face tried for text of `lang`."""
    return pdf_face(lang)


def chain_for(lang: str) -> tuple[str, ...]:
    """Faces in the order they are tried for a character of text in `lang`."""
    first = face_for(lang)
    return (first, *(f for f in _ORDER if f != first))


def covers(face: str, char: str) -> bool:
    return ord(char) in pdfmetrics.getFont(face).face.charToGlyph

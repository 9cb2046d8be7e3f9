"""Register the bundled TrueType fonts with ReportLab once; pick a face per script."""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk import paths

_lock = threading.Lock()
_done = False

# name → (file, subfont index). wqy-zenhei covers Latin, Cyrillic, Han, kana and Hangul.
FACES: dict[str, tuple[str, int]] = {
    "KioskCJK": ("wqy-zenhei.ttc", 0),
    "KioskArabic": ("NotoSansArabic-Regular.ttf", 0),
    "KioskDevanagari": ("NotoSansDevanagari-Regular.ttf", 0),
    "KioskLatinBold": ("NotoSans-Bold.ttf", 0),
}
FACE_FOR_LANG = {"ar": "KioskArabic", "hi": "KioskDevanagari"}
BASE_FACE = "KioskCJK"


def register_fonts() -> None:
    """Load the faces (about 0.1 s the first time); later calls return at once."""
    global _done
    with _lock:
        if _done:
            return
        for name, (filename, index) in FACES.items():
            path = paths.fonts_dir() / filename
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
        _done = True


def face_for(lang: str) -> str:
    return FACE_FOR_LANG.get(lang, BASE_FACE)

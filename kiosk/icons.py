"""The kiosk's icons: glyphs of one small icon font (resources/fonts/KioskIcons.ttf).

The font is a subset of Material Design Icons 6.9.96 (Pictogrammers; see resources/fonts/LICENSES.md)
made by `python resources/fonts/subset_icons.py` from the names below: add a name here, run the
script, commit the font. A form names its icon with the `icon` key; the loader checks the name.
"""

from __future__ import annotations

FAMILY = "Kiosk Icons"
FILE = "KioskIcons.ttf"

# name → Material Design Icons code point
CODEPOINTS: dict[str, int] = {
    # services (forms' `icon`)
    "home-map-marker": 0xF05F8,
    "card-account-details": 0xF05D2,
    "briefcase-account": 0xF0CF0,
    "car": 0xF010B,
    "dog": 0xF0A43,
    "scale-balance": 0xF05D1,
    "calendar-star": 0xF09D3,
    "hand-heart": 0xF10F1,
    "file-document-outline": 0xF09EE,
    # actions and signs
    "arrow-left": 0xF004D,
    "arrow-right": 0xF0054,
    "translate": 0xF05CA,
    "human": 0xF02E6,
    "face-agent": 0xF0D70,
    "volume-high": 0xF057E,
    "printer": 0xF042A,
    "check-circle": 0xF05E0,
    "clock-outline": 0xF0150,
    "bag-personal": 0xF0E10,
    "chevron-down": 0xF0140,
    "ferry": 0xF0213,
    "camera": 0xF0100,
    "image-outline": 0xF0976,
    "account-box-outline": 0xF0007,
}
DEFAULT_SERVICE_ICON = "file-document-outline"


def glyph(name: str) -> str:
    """The character that draws icon `name` in the icon font ('' for an unknown name)."""
    code = CODEPOINTS.get(name)
    return chr(code) if code is not None else ""


def glyphs() -> dict[str, str]:
    """Every icon by a QML-friendly name: 'arrow-left' → 'arrowLeft'."""
    return {_camel(name): chr(code) for name, code in CODEPOINTS.items()}


def _camel(name: str) -> str:
    first, *rest = name.split("-")
    return first + "".join(part.capitalize() for part in rest)

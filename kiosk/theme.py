"""Colour palettes of the kiosk and their contrast (WCAG 2.x relative luminance).

QML's Theme singleton reads the active palette through the display backend; the pairs below are
every text-on-background combination the screens use, so a test can prove each reaches 7:1.
"""

from __future__ import annotations

STANDARD: dict[str, str] = {
    "background": "#F7F9FC",
    "surface": "#FFFFFF",
    "text": "#111827",
    "mutedText": "#374151",
    "primary": "#0B4F8A",
    "primaryText": "#FFFFFF",
    "secondary": "#E5ECF4",
    "secondaryText": "#0B2540",
    "border": "#6B7785",
    "error": "#8E1216",
    "warning": "#5C3800",
    "focus": "#F2B705",
    "overlay": "#CC000000",
}

HIGH_CONTRAST: dict[str, str] = {
    "background": "#000000",
    "surface": "#000000",
    "text": "#FFFFFF",
    "mutedText": "#FFFFFF",
    "primary": "#FFE500",
    "primaryText": "#000000",
    "secondary": "#000000",
    "secondaryText": "#FFFFFF",
    "border": "#FFFFFF",
    "error": "#FF8A8A",
    "warning": "#FFD27F",
    "focus": "#00E5FF",
    "overlay": "#E6000000",
}

PALETTES = {"standard": STANDARD, "high-contrast": HIGH_CONTRAST}

# (text colour, background colour) pairs drawn by the screens.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("text", "surface"),
    ("mutedText", "background"),
    ("mutedText", "surface"),
    ("primaryText", "primary"),
    ("secondaryText", "secondary"),
    ("error", "background"),
    ("error", "surface"),
    ("warning", "background"),
    ("warning", "surface"),
    ("primary", "background"),  # section headings
)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    hex_rgb = colour.lstrip("#")[-6:]  # ignore an alpha prefix (#AARRGGBB)
    r, g, b = (int(hex_rgb[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def worst_pairs(palette: dict[str, str]) -> list[tuple[str, str, float]]:
    return sorted(((f, b, contrast(palette[f], palette[b])) for f, b in TEXT_PAIRS), key=lambda x: x[2])

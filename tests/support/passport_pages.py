"""Synthetic passport and ID card pages in camera frames, deterministic from a seed (tests only).

`make_page(seed, today=...)` gives a `SyntheticPage`: the camera frame (PIL RGB, 1280x720), the
zone text exactly as `kiosk.mrz.parse_mrz` accepts it, and the augmentations applied. The zone is
drawn in OCR-B (Debian `fonts-ocr-b`); identities are random but carry correct check digits
(`kiosk.mrz.check_digit`), and all dates are relative to the injected `today`.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from kiosk.mrz import check_digit

OCR_B = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
TEXT_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FRAME = (1280, 720)
# Page size in mm (ICAO ID-3, ID-2, ID-1), zone characters per line and lines.
SHAPES = {"TD3": ((125.0, 88.0), 44, 2), "TD2": ((105.0, 74.0), 36, 2), "TD1": ((85.6, 54.0), 30, 3)}
PX_PER_MM = 8.0
SURNAMES = ["MUSTERMANN", "ERIKSSON", "DUPONT", "GARCIA LOPEZ", "OKAFOR", "NGUYEN", "SMITH",
            "VAN DER BERG", "KOWALSKA", "TANAKA", "KIM", "OBRIEN", "ALHASSAN", "PETROV", "SILVA"]  # fmt: skip
GIVEN = ["ANNA", "JOHN PAUL", "MARIA", "LI", "AHMED", "SOFIA ISABEL", "OLAF", "YUKI", "JEAN LUC",
         "FATIMA", "PIOTR", "CHIDI", "MIN JUN", "ELENA", "CARLOS"]  # fmt: skip
STATES = ["DEU", "FRA", "GBR", "USA", "CHN", "JPN", "KOR", "NGA", "ESP", "RUS", "IND", "BRA", "D", "UTO"]
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@dataclass(frozen=True)
class Augment:
    """What was done to the page in the frame."""

    fill: float = 0.8  # page size as a share of the largest size that fits the frame
    angle: float = 0.0  # degrees, counter-clockwise
    blur: float = 0.0  # Gaussian radius in frame pixels
    glare: float = 0.0  # peak strength of the bright highlight, 0 to 1
    dark: float = 1.0  # brightness factor (low light), with sensor noise when below 1
    jpeg: int = 90  # JPEG quality of the frame

    def names(self) -> list[str]:
        flags = (("rotated", abs(self.angle) >= 4), ("blur", self.blur >= 0.8),
                 ("glare", self.glare > 0), ("low_light", self.dark < 0.6))  # fmt: skip
        found = [name for name, on in flags if on]
        return found or ["clean"]


@dataclass(frozen=True)
class SyntheticPage:
    image: Image.Image
    mrz: str
    format: str
    augment: Augment = field(default_factory=Augment)


def _dt(value: date) -> str:
    return value.strftime("%y%m%d")


def _name_field(surname: str, given: str, width: int) -> str:
    text = surname.replace(" ", "<") + "<<" + given.replace(" ", "<")
    return text[:width].ljust(width, "<")


def zone_lines(fmt: str, rng: random.Random, today: date, *, bad_digit: bool = False) -> list[str]:
    """Valid zone lines of a random identity; `bad_digit` breaks the document number's check digit."""
    state, nationality = rng.choice(STATES), rng.choice(STATES)
    number = "".join(rng.choice(ALNUM) for _ in range(9))
    birth = today - timedelta(days=rng.randint(18 * 365, 80 * 365))
    expiry = today + timedelta(days=rng.randint(30, 10 * 365))
    sex = rng.choice("MF<")
    surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
    number_cd = check_digit(number)
    if bad_digit:
        number_cd = str((int(number_cd) + 1 + rng.randint(0, 8)) % 10)
    b, e = _dt(birth), _dt(expiry)
    if fmt == "TD3":
        personal = "".join(rng.choice(ALNUM) for _ in range(rng.choice((0, 8, 14)))).ljust(14, "<")
        personal_cd = check_digit(personal)
        one = ("P<" + state.ljust(3, "<") + _name_field(surname, given, 39))
        body = number + number_cd + nationality.ljust(3, "<") + b + check_digit(b) + sex + e + check_digit(e)
        body += personal + personal_cd
        composite = check_digit(body[0:10] + body[13:20] + body[21:43])
        return [one, body + composite]
    if fmt == "TD2":
        one = "I<" + state.ljust(3, "<") + _name_field(surname, given, 31)
        body = number + number_cd + nationality.ljust(3, "<") + b + check_digit(b) + sex + e + check_digit(e)
        body += "<" * 7
        return [one, body + check_digit(body[0:10] + body[13:20] + body[21:35])]
    optional = "".join(rng.choice(ALNUM) for _ in range(rng.choice((0, 6)))).ljust(15, "<")
    one = "ID" + state.ljust(3, "<") + number + number_cd + optional
    two = b + check_digit(b) + sex + e + check_digit(e) + nationality.ljust(3, "<") + "<" * 11
    composite = check_digit(one[5:30] + two[0:7] + two[8:15] + two[18:29])
    return [one, two + composite, _name_field(surname, given, 30)]


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _ocrb_for_pitch(pitch: float) -> ImageFont.FreeTypeFont:
    """The OCR-B size whose character advance is closest to `pitch` pixels."""
    size = max(4, round(pitch / 0.7))
    return _font(OCR_B, size) if _font(OCR_B, size).getlength("0") else _font(OCR_B, 12)


def render_page(fmt: str, lines: list[str], rng: random.Random) -> Image.Image:
    """The data page: tinted background with guilloche lines, photo box, printed fields, the zone."""
    (w_mm, h_mm), per_line, _ = SHAPES[fmt]
    w, h = round(w_mm * PX_PER_MM), round(h_mm * PX_PER_MM)
    tint = (rng.randint(225, 245), rng.randint(225, 245), rng.randint(215, 240))
    page = Image.new("RGB", (w, h), tint)
    draw = ImageDraw.Draw(page)
    for k in range(14):  # guilloche: thin light waves over the upper part
        colour = tuple(max(0, c - rng.randint(15, 40)) for c in tint)
        phase, amp, period = rng.random() * 6.3, rng.uniform(5, 25), rng.uniform(60, 200)
        y0 = 20 + k * (h * 0.55 / 14)
        pts = [(x, y0 + amp * math.sin(phase + x / period * 6.28)) for x in range(0, w, 6)]
        draw.line(pts, fill=colour, width=1)
    margin = round(w * 0.05)
    photo = (margin, round(h * 0.16), margin + round(w * 0.28), round(h * 0.66))
    draw.rectangle(photo, fill=(rng.randint(150, 200),) * 3, outline=(90, 90, 90))
    cx, cy = (photo[0] + photo[2]) // 2, (photo[1] + photo[3]) // 2
    draw.ellipse((cx - 40, cy - 70, cx + 40, cy + 20), fill=(110, 95, 85))
    draw.ellipse((cx - 85, cy + 30, cx + 85, photo[3] + 80), fill=(70, 70, 90))
    draw.rectangle((photo[0], photo[3] + 1, photo[2], photo[3] + 90), fill=tint)
    label, value = _font(TEXT_FONT, 14), _font(TEXT_FONT, 22)
    draw.text((margin, round(h * 0.04)), "PASSPORT / PASSEPORT" if fmt == "TD3" else "IDENTITY CARD",
              font=_font(TEXT_FONT, 30), fill=(40, 40, 90))  # fmt: skip
    x, y = photo[2] + margin, photo[1]
    for caption, text in (("Surname / Nom", lines[-1][:14] if fmt == "TD1" else lines[0][5:18]),
                          ("Given names / Prénoms", "SAMPLE"), ("Nationality", "UTOPIAN"),
                          ("Date of birth", "01 JAN 1990"), ("Sex", "X"), ("Date of expiry", "31 DEC 2033")):
        draw.text((x, y), caption, font=label, fill=(90, 90, 110))
        draw.text((x, y + 16), text.replace("<", " ").strip(), font=value, fill=(20, 20, 30))
        y += round(h * 0.085)
        if y > h * 0.66:
            break
    # The zone: 10 characters per inch on the real document, i.e. pitch 2.54 mm.
    pitch = (w - 2 * margin) / per_line
    font = _ocrb_for_pitch(pitch)
    line_gap = pitch * 1.75
    top = h - margin * 0.6 - line_gap * len(lines)
    ink = (rng.randint(0, 40),) * 3
    for i, line in enumerate(lines):
        for j, char in enumerate(line):
            draw.text((margin + j * pitch, top + i * line_gap), char, font=font, fill=ink)
    return page


def _background(rng: random.Random) -> Image.Image:
    base = np.array([rng.randint(40, 200) for _ in range(3)], dtype=np.float32)
    yy, xx = np.mgrid[0 : FRAME[1], 0 : FRAME[0]].astype(np.float32)
    wave_x, phase, wave_y = rng.uniform(80, 300), rng.random() * 6, rng.uniform(80, 300)
    shade = 0.75 + 0.25 * np.sin(xx / wave_x + phase) * np.cos(yy / wave_y)
    pixels = base[None, None, :] * shade[..., None]
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")


def place(page: Image.Image, aug: Augment, rng: random.Random) -> Image.Image:
    """The page in a 1280x720 camera frame with the augmentations of `aug`."""
    scale = aug.fill * min(FRAME[0] / page.width, FRAME[1] / page.height)
    page = page.resize((round(page.width * scale), round(page.height * scale)), Image.Resampling.LANCZOS)
    rgba = page.convert("RGBA").rotate(aug.angle, resample=Image.Resampling.BICUBIC, expand=True)
    frame = _background(rng)
    slack_x, slack_y = max(0, FRAME[0] - rgba.width), max(0, FRAME[1] - rgba.height)
    pos = (rng.randint(0, slack_x) - max(0, rgba.width - FRAME[0]) // 2,
           rng.randint(0, slack_y) - max(0, rgba.height - FRAME[1]) // 2)  # fmt: skip
    frame.paste(rgba, pos, rgba)
    if aug.blur > 0:
        frame = frame.filter(ImageFilter.GaussianBlur(aug.blur))
    pixels = np.asarray(frame, dtype=np.float32) / 255.0
    if aug.glare > 0:
        yy, xx = np.mgrid[0 : FRAME[1], 0 : FRAME[0]].astype(np.float32)
        cx = pos[0] + rgba.width * rng.uniform(0.2, 0.8)
        cy = pos[1] + rgba.height * rng.uniform(0.3, 0.9)
        rx, ry = rgba.width * rng.uniform(0.12, 0.3), rgba.height * rng.uniform(0.08, 0.2)
        spot = aug.glare * np.exp(-(((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2))
        pixels = 1 - (1 - pixels) * (1 - spot[..., None])  # screen blend: a bright reflection
    if aug.dark < 1:
        sigma = 0.02 + 0.04 * (1 - aug.dark)
        noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, sigma, pixels.shape)
        pixels = pixels * aug.dark + noise.astype(np.float32)
    frame = Image.fromarray((np.clip(pixels, 0, 1) * 255).astype(np.uint8), "RGB")
    out = io.BytesIO()
    frame.save(out, "JPEG", quality=aug.jpeg)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


def random_augment(rng: random.Random) -> Augment:
    """One of the benchmark's mixes: each page gets rotation and scale, and some get blur, glare, dark."""
    kind = rng.choice(("clean", "blur", "glare", "low_light", "mixed"))
    blur = rng.uniform(0.8, 1.5) if kind in ("blur", "mixed") else rng.uniform(0, 0.6)
    glare = rng.uniform(0.5, 0.85) if kind in ("glare", "mixed") else 0.0
    dark = rng.uniform(0.25, 0.5) if kind in ("low_light", "mixed") else 1.0
    return Augment(fill=rng.uniform(0.6, 0.95), angle=rng.uniform(-8, 8), blur=blur, glare=glare,
                   dark=dark, jpeg=rng.randint(50, 90))  # fmt: skip


def make_page(seed: int, *, today: date, fmt: str | None = None, augment: Augment | None = None,
              bad_digit: bool = False) -> SyntheticPage:  # fmt: skip
    """A deterministic page: the same seed and `today` give the same pixels and the same zone."""
    rng = random.Random(seed)
    fmt = fmt or rng.choice(("TD3", "TD3", "TD3", "TD1", "TD2"))
    lines = zone_lines(fmt, rng, today, bad_digit=bad_digit)
    aug = augment if augment is not None else random_augment(rng)
    image = place(render_page(fmt, lines, rng), aug, rng)
    return SyntheticPage(image=image, mrz="\n".join(lines), format=fmt, augment=aug)

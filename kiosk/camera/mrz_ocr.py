"""read_mrz: a camera frame in, the verified zone text (or why not, as a msgid for the visitor) out."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFilter

from kiosk.camera import tesseract
from kiosk.camera.imaging import Gray, background, rotate, solid_dark, to_gray
from kiosk.camera.locate import Zone, find_zones
from kiosk.camera.mrz_fix import fit_alphabets, repair_candidates, swapped
from kiosk.camera.tesseract import Glyph
from kiosk.camera.zone_read import (
    LINE_HEIGHT,
    MAX_BANDS,
    Geometry,
    ZoneText,
    line_bands,
    read_zone,
    tesseract_read,
)
from kiosk.i18n import N_
from kiosk.mrz import MrzError, country_alpha2, parse_mrz

__all__ = ["CHECK_DIGITS", "NOT_AVAILABLE", "NO_ZONE", "UNREADABLE", "MrzRead", "read_mrz"]

log = logging.getLogger(__name__)

NO_ZONE = N_("No passport zone found: hold the photo page inside the frame.")
UNREADABLE = N_("The zone could not be read: hold still and avoid glare.")
CHECK_DIGITS = N_("The check digits do not match: try again or type the lines.")
NOT_AVAILABLE = N_("Reading by camera is not available here: type the lines instead.")

WORK_WIDTH = 640  # zone search resolution
READ_WIDTH = 1280  # the crop handed to tesseract comes from this resolution
VARIANTS = ("plain", "sharp", "binary", "soft")
MAX_ZONES = 3
AGREEING_READS = 2
WIDEST = 41.0  # a 44-character zone line's width in line heights (and a little margin)
CARD_WIDTH = 28.0  # the same for a 30-character line


@dataclass(frozen=True)
class MrzRead:
    """A camera read: `text` is what parse_mrz accepted (lines joined by "\\n"), else None and a `reason`."""

    text: str | None
    reason: str = ""


def read_mrz(image: Image.Image, *, today: date, budget_s: float = 1.2) -> MrzRead:
    """Find and read the zone in `image`; every check digit must hold. Never raises.

    Thread-safe (no shared state); runs tesseract in a child process, at most a few times, and
    stops starting new attempts once `budget_s` has passed. The image never leaves memory.
    """
    try:
        if not tesseract.available():
            return MrzRead(None, NOT_AVAILABLE)
        return _read(image, today, time.monotonic() + budget_s)
    except tesseract.TesseractMissing:
        return MrzRead(None, NOT_AVAILABLE)
    except Exception as exc:  # a malformed or hostile image: a verdict, never a traceback
        log.warning("camera zone read gave up: %s", type(exc).__name__)  # no image, no text
        return MrzRead(None, NO_ZONE)


def _read(image: Image.Image, today: date, deadline: float) -> MrzRead:
    work = to_gray(image, WORK_WIDTH)
    full = to_gray(image, READ_WIDTH)
    if work is None or full is None:
        return MrzRead(None, NO_ZONE)
    zones = find_zones(work)
    if not zones:
        return MrzRead(None, NO_ZONE)
    scale = full.shape[1] / work.shape[1]
    reason = NO_ZONE
    turned: dict[float, tuple[Gray, Gray]] = {}  # the frame turned, and where it has pixels (1)
    papers: list[Crop] = []
    for zone in zones[:MAX_ZONES]:
        if zone.angle not in turned:
            turned[zone.angle] = (rotate(full, zone.angle), rotate(np.ones_like(full), zone.angle, 0.0))
        cropped = crop(*turned[zone.angle], zone, scale)
        if cropped is not None:
            papers.append(cropped)
    votes: dict[str, int] = {}  # verified texts of readings sure of every unchecked letter
    verified: dict[str, int] = {}  # every verified text, sure or not
    seen: dict[int, list[Glyph]] = {}  # tesseract's characters per crop, read once
    geometry = [Geometry() for _ in papers]  # lines and grids per crop, found once
    # The likeliest zones first, then harder preprocessing; a zone that gave a verified text goes next.
    queue = [(variant, index) for variant in VARIANTS for index in range(len(papers))]
    while queue:
        variant, index = queue.pop(0)
        if time.monotonic() > deadline:
            return MrzRead(None, reason)
        paper, core, cut = papers[index]
        prepared = prepare(paper, variant)
        if geometry[index].bands is None:
            geometry[index].bands = line_bands(1.0 - paper, core)  # before any contrast stretch
        if not 2 <= len(geometry[index].bands or []) <= MAX_BANDS:
            continue  # no zone lines in this crop
        if index not in seen:
            seen[index] = tesseract_read(prepared, geometry[index].bands)
        for reading in read_zone(prepared, seen[index], core, geometry[index], cut):  # likeliest first
            if reason == NO_ZONE:
                reason = UNREADABLE  # lines were seen, not read
            text, checks_failed = verify(reading.lines, today, _runners_up(reading))
            if text is not None:
                verified[text] = verified.get(text, 0) + 1
                if not reading.sure:
                    continue  # a letter no check digit covers is in doubt: this reading does not vote
                # Check digits miss some misreads (O/0 pairs, names have none): two reads must agree,
                # and two more for every verified read of another text (ERIKSSQN against ERIKSSON).
                votes[text] = votes.get(text, 0) + 1
                others = sum(verified.values()) - verified[text]
                if votes[text] >= AGREEING_READS + 2 * others:
                    return MrzRead(text)
                queue.sort(key=lambda item: item[1] != index)  # stable: this zone's variants first
                break
            reason = CHECK_DIGITS if checks_failed else reason
    return MrzRead(None, reason)


Crop = tuple[Gray, tuple[int, int], NDArray[np.bool_]]


def crop(gray: Gray, inside: Gray, zone: Zone, scale: float) -> Crop | None:
    """The zone's area of the deskewed frame, flattened (white = 1) and scaled to LINE_HEIGHT; the
    columns of the crop where the zone was seen; and where the crop lies outside the camera's frame
    (`inside` is 1 where the deskewed frame has pixels): a glyph cut there is unknown, not a guess."""
    h, w = gray.shape
    line = zone.line_height * scale
    # Fewer than 3 rows seen: a neighbour line may have been missed (merged, or lost in glare).
    reach = {1: 3.2, 2: 3.2}.get(zone.lines, 2.4) * line
    if zone.lines > 1:  # a line and a half of the zone's own line spacing, when that is more
        spacing = (zone.bottom - zone.top - zone.line_height) / (zone.lines - 1) * scale
        reach = max(reach, 1.6 * spacing)
    top = int(max(0, zone.top * scale - reach))
    bottom = int(min(h, zone.bottom * scale + reach))
    # Glare can wash out one end of the zone: a run narrower than a full line (about 40 line heights
    # for 44 characters, 27 for a 3-line card's 30) is widened by what is missing, on both sides, as
    # we do not know which end it is.
    widest = CARD_WIDTH if zone.lines == 3 else WIDEST
    side = max(0.03 * w, widest * line - (zone.right - zone.left) * scale)
    left = int(max(0, zone.left * scale - side))
    right = int(min(w, zone.right * scale + side))
    if bottom - top < 8 or right - left < 32:
        return None
    area = gray[top:bottom, left:right]
    white = background(area, 8)
    paper = np.clip(area / np.maximum(white, 0.04), 0, 1)
    seen = (max(0, round(zone.left * scale) - left), max(1, round(zone.right * scale) - left))
    # Off the page (the table, the hand: far darker than the darkest paper where the zone was seen;
    # a glare on part of the zone must not raise the bar and blank the rest, cutting glyphs) is
    # blank, not noisy text; so are long dark runs (the page's rim and edges, a finger).
    rows = slice(max(0, round(zone.top * scale) - top), max(1, round(zone.bottom * scale) - top))
    paper[white < 0.6 * float(np.percentile(white[rows, seen[0] : seen[1]], 10))] = 1.0
    paper[solid_dark(paper, max(12, round(2.5 * line)))] = 1.0
    bands = line_bands(1.0 - paper, seen)
    height = float(np.median([b - a for a, b in bands])) if bands else line
    factor = LINE_HEIGHT / max(height, 1.0)
    size = (max(1, round(paper.shape[1] * factor)), max(1, round(paper.shape[0] * factor)))
    if size[0] * size[1] > 4_000_000:
        return None
    scaled = Image.fromarray(paper.astype(np.float32), "F").resize(size, Image.Resampling.BICUBIC)
    frame = Image.fromarray(inside[top:bottom, left:right].astype(np.float32), "F")
    cut = np.asarray(frame.resize(size, Image.Resampling.BILINEAR), dtype=np.float32) < 0.99
    core = (round(seen[0] * factor), round(seen[1] * factor))
    return np.clip(np.asarray(scaled, dtype=np.float32), 0, 1), core, cut


def prepare(paper: Gray, variant: str) -> Gray:
    """One of the preprocessing variants tried in turn: as is, sharpened, or black and white."""
    low, high = np.percentile(paper, (1, 99))
    stretched = np.clip((paper - low) / max(float(high - low), 0.05), 0, 1)
    if variant == "sharp":
        image = Image.fromarray((stretched * 255).astype(np.uint8), "L")
        image = image.filter(ImageFilter.UnsharpMask(radius=3, percent=160, threshold=2))
        return np.asarray(image, dtype=np.float32) / 255.0
    if variant == "soft":  # for sharp noise (low light): a slight blur before reading
        image = Image.fromarray((stretched * 255).astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(1.2))
        return np.asarray(image, dtype=np.float32) / 255.0
    if variant == "binary":
        from kiosk.camera.grid import otsu

        level = otsu(stretched)
        return (stretched > level).astype(np.float32)
    return stretched


def _runners_up(reading: ZoneText) -> list[list[tuple[float, str]]] | None:
    """Per cell of a template reading: (best minus second score, second character)."""
    if reading.cells is None:
        return None
    return [[(c.margin, c.ranked[1][1] if len(c.ranked) > 1 else c.best) for c in line]
            for line in reading.cells]


def verify(lines: list[str], today: date, runners_up: list[list[tuple[float, str]]] | None = None
           ) -> tuple[str | None, bool]:  # fmt: skip
    """The text parse_mrz accepts, trying repairs; and whether check digits were the problem.

    A repaired text is taken only when it is the one variant passing every check: O/0 swaps (up to
    MAX_SWAPS) or, for a template reading (`runners_up`), 1-2 uncertain cells of failing fields set
    to their second-best template.
    """
    fitted = fit_alphabets(lines)
    if fitted is None:
        return None, False
    try:
        result = parse_mrz("\n".join(fitted), today=today)
    except MrzError as error:
        if error.code != "check_digit":
            return None, False
    else:
        # No check digit covers the country codes: an unknown one is a misread letter.
        known = _known_state(result.issuing_state) and _known_state(result.nationality)
        return ("\n".join(fitted), False) if known else (None, False)
    passing: list[str] = []
    variants = repair_candidates(fitted, runners_up) if runners_up else (v for _, v in swapped(fitted))
    for variant in variants:
        text = "\n".join(variant)
        try:
            result = parse_mrz(text, today=today)
        except MrzError:
            continue
        if _known_state(result.issuing_state) and _known_state(result.nationality):
            passing.append(text)
            if len(passing) > 1:
                break
    return (passing[0], False) if len(passing) == 1 else (None, True)


def _known_state(code: str) -> bool:
    """An ICAO state code: ISO 3166 alpha-3, Doc 9303's own (D, GBD, UNO, XXA...), or UTO (specimens)."""
    return code == "UTO" or country_alpha2(code) is not None or code in _NO_COUNTRY


_NO_COUNTRY = frozenset({"UNO", "UNA", "UNK", "XXA", "XXB", "XXC", "XXX"})

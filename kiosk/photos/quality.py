"""Is a photographed document readable? Measured: sharpness, brightness, glare.

The thresholds are figures on ANALYSIS_SIDE-px grey copies (kiosk.photos.measure); they were set
on drawn test pages (tests/synthetic_images.py) and should be checked against the kiosk's own
camera at installation (docs/photos.md, Tuning).
"""

from __future__ import annotations

from PIL import Image

from kiosk.i18n import N_
from kiosk.photos.image import UnreadableImage, decode
from kiosk.photos.measure import clipped_fraction, grey, laplacian_variance, mean_luminance
from kiosk.photos.verdict import UNREADABLE, PhotoVerdict, fine, retake

# Variance of the Laplacian below this: text edges are smeared (a sharp page measures 1000+,
# blurred by 2 px 270, by 3 px 105).
MIN_SHARPNESS = 150.0
MIN_LUMINANCE = 60.0  # mean grey level 0..255: below, the page is too dark to read
MAX_LUMINANCE = 245.0  # above: washed out (the page is all white, no print left)
MAX_CLIPPED = 0.25  # share of blown-out pixels: glare over part of the page

BLURRED = N_("The picture is blurred: hold still and take it again.")
TOO_DARK = N_("The picture is too dark: move to a brighter place or hold the document closer to the light.")
TOO_BRIGHT = N_("The picture is too bright: tilt the document away from the light and take it again.")
GLARE = N_("There is a reflection on the document: tilt it a little and take it again.")


def check_document(picture: Image.Image | bytes) -> PhotoVerdict:
    """Whether a document photo is readable enough to keep. Never raises."""
    try:
        img = decode(picture)
    except UnreadableImage:
        return retake(UNREADABLE)
    luma = grey(img)
    sharpness = laplacian_variance(luma)
    luminance = mean_luminance(luma)
    clipped = clipped_fraction(luma)
    figures = {"sharpness": sharpness, "luminance": luminance, "clipped": clipped}
    if luminance < MIN_LUMINANCE:
        return retake(TOO_DARK, **figures)
    if clipped > MAX_CLIPPED:
        return retake(GLARE, **figures)
    if luminance > MAX_LUMINANCE:
        return retake(TOO_BRIGHT, **figures)
    if sharpness < MIN_SHARPNESS:
        return retake(BLURRED, **figures)
    return fine(**figures)

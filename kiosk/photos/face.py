"""Is a portrait usable for a 2-inch ID photo? Exactly one face, centred, near enough, lit, sharp.

The face comes from BlazeFace (kiosk.photos.blazeface), a model trained on faces, not from
hand-made rules; the rest is measured on the face's own box. Tolerances are fractions of the
frame and are written here as constants.
"""

from __future__ import annotations

from PIL import Image

from kiosk.i18n import N_
from kiosk.photos.blazeface import Face, FaceDetector, shared_detector
from kiosk.photos.image import UnreadableImage, decode
from kiosk.photos.measure import clipped_fraction, grey, laplacian_variance, mean_luminance
from kiosk.photos.verdict import UNREADABLE, PhotoVerdict, fine, retake

MIN_FACE_SCORE = 0.6  # BlazeFace confidence to count a face (its own threshold is 0.5)
MAX_OFF_CENTRE_X = 0.12  # face centre within 12% of the frame width from the middle
MAX_OFF_CENTRE_Y = 0.18  # and 18% of its height (the guide puts eyes a little above the middle)
MIN_FACE_HEIGHT = 0.30  # the face box fills at least 30% of the frame height...
MAX_FACE_HEIGHT = 0.85  # ...and at most 85% (the chin and hair must stay in the picture)
MIN_FACE_LUMINANCE = 70.0  # mean grey level of the face box
MAX_FACE_LUMINANCE = 225.0
MAX_FACE_CLIPPED = 0.15  # share of blown-out pixels on the face (flash, a lamp behind)
# Laplacian variance on the face box. A face has few hard edges: a drawn face blurred by 1.5 px
# measures 7, by 4 px 1; real skin has texture and measures more. Lenient on purpose.
MIN_FACE_SHARPNESS = 4.0

NO_FACE = N_("No face found: look at the camera.")
MANY_FACES = N_("More than one face: only you, please.")
OFF_CENTRE = N_("Move to the centre of the frame.")
TOO_FAR = N_("Come a little closer.")
TOO_CLOSE = N_("Move back a little.")
FACE_DARK = N_("Your face is too dark: face the light.")
FACE_BRIGHT = N_("Too much light on your face: move away from the lamp or window.")
FACE_BLURRED = N_("The picture is blurred: hold still and take it again.")


def check_portrait(picture: Image.Image | bytes, detector: FaceDetector | None = None) -> PhotoVerdict:
    """Whether a portrait frame is good enough to keep. Never raises; loads the model on first
    use (~50 ms): call it from a worker thread."""
    try:
        img = decode(picture)
    except UnreadableImage:
        return retake(UNREADABLE)
    faces = [f for f in (detector or shared_detector()).detect(img) if f.score >= MIN_FACE_SCORE]
    if not faces:
        return retake(NO_FACE, faces=0.0)
    if len(faces) > 1:
        return retake(MANY_FACES, faces=float(len(faces)))
    return _one_face(img, faces[0])


def _one_face(img: Image.Image, face: Face) -> PhotoVerdict:
    cx, cy = face.centre
    box = (face.left, face.top, face.right, face.bottom)
    luma = grey(img, box)
    figures = {
        "faces": 1.0,
        "score": face.score,
        "off_x": cx - 0.5,
        "off_y": cy - 0.5,
        "face_height": face.height,
        "luminance": mean_luminance(luma),
        "clipped": clipped_fraction(luma),
        "sharpness": laplacian_variance(luma),
    }
    if abs(cx - 0.5) > MAX_OFF_CENTRE_X or abs(cy - 0.5) > MAX_OFF_CENTRE_Y:
        return retake(OFF_CENTRE, **figures)
    if face.height < MIN_FACE_HEIGHT:
        return retake(TOO_FAR, **figures)
    if face.height > MAX_FACE_HEIGHT:
        return retake(TOO_CLOSE, **figures)
    if figures["luminance"] < MIN_FACE_LUMINANCE:
        return retake(FACE_DARK, **figures)
    if figures["luminance"] > MAX_FACE_LUMINANCE or figures["clipped"] > MAX_FACE_CLIPPED:
        return retake(FACE_BRIGHT, **figures)
    if figures["sharpness"] < MIN_FACE_SHARPNESS:
        return retake(FACE_BLURRED, **figures)
    return fine(**figures)

"""The photo checks on drawn pictures: a face is found and judged, documents are measured."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageEnhance

from kiosk.photos import face, quality
from kiosk.photos.blazeface import ANCHORS, shared_detector
from kiosk.photos.face import check_portrait
from kiosk.photos.image import MAX_JPEG_BYTES, MAX_SIDE, decode, to_jpeg
from kiosk.photos.quality import check_document
from tests.synthetic_images import blank, document, portrait, text_page


def test_the_anchor_table_has_mediapipes_896_rows() -> None:
    assert ANCHORS.shape == (896, 2)
    assert ANCHORS.min() > 0 and ANCHORS.max() < 1


def test_a_drawn_face_is_found_where_it_was_drawn() -> None:
    faces = shared_detector().detect(portrait(centre=(0.3, 0.5)))
    assert len(faces) == 1
    assert faces[0].score > 0.7
    assert abs(faces[0].centre[0] - 0.3) < 0.05


@pytest.mark.parametrize("picture", [blank(), text_page(), document()], ids=["blank", "text", "page"])
def test_no_face_is_found_where_none_was_drawn(picture: Image.Image) -> None:
    assert shared_detector().detect(picture) == []


def test_a_centred_sharp_portrait_passes() -> None:
    verdict = check_portrait(portrait())
    assert verdict.ok, verdict
    assert verdict.reason == ""


@pytest.mark.parametrize(
    ("picture", "reason"),
    [
        (blank(), face.NO_FACE),
        (portrait(faces=2, face_height=0.4), face.MANY_FACES),
        (portrait(centre=(0.22, 0.5)), face.OFF_CENTRE),
        (portrait(face_height=0.25), face.TOO_FAR),
        (ImageEnhance.Brightness(portrait()).enhance(0.3), face.FACE_DARK),
        (ImageEnhance.Brightness(portrait()).enhance(1.8), face.FACE_BRIGHT),
        (portrait(blur=5), face.FACE_BLURRED),
    ],
    ids=["none", "two", "off-centre", "far", "dark", "bright", "blurred"],
)
def test_a_bad_portrait_gets_its_reason(picture: Image.Image, reason: str) -> None:
    verdict = check_portrait(picture)
    assert not verdict.ok
    assert verdict.reason == reason


def test_a_sharp_well_lit_page_passes() -> None:
    verdict = check_document(document())
    assert verdict.ok, verdict
    assert (verdict.measure("sharpness") or 0) > quality.MIN_SHARPNESS


@pytest.mark.parametrize(
    ("picture", "reason"),
    [
        (document(blur=3), quality.BLURRED),
        (blank(), quality.BLURRED),
        (ImageEnhance.Brightness(document()).enhance(0.3), quality.TOO_DARK),
        (ImageEnhance.Brightness(document()).enhance(2.0), quality.GLARE),
    ],
    ids=["blurred", "blank", "dark", "glare"],
)
def test_a_bad_document_photo_gets_its_reason(picture: Image.Image, reason: str) -> None:
    verdict = check_document(picture)
    assert not verdict.ok
    assert verdict.reason == reason


def test_jpeg_is_small_bare_and_bounded() -> None:
    big = document(size=(4000, 3000))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {2: (1.0, 2.0, 3.0)}  # GPS
    raw = io.BytesIO()
    big.save(raw, format="JPEG", exif=exif.tobytes(), quality=95)
    jpeg = to_jpeg(decode(raw.getvalue()))
    out = Image.open(io.BytesIO(jpeg))
    assert max(out.size) == MAX_SIDE
    assert len(jpeg) <= MAX_JPEG_BYTES
    assert not out.getexif()
    assert "exif" not in out.info and "icc_profile" not in out.info
    assert b"CameraMaker" not in jpeg


def test_every_reason_is_a_translatable_msgid() -> None:
    from kiosk.i18n import translate

    for reason in (face.NO_FACE, face.OFF_CENTRE, quality.BLURRED, quality.TOO_DARK):
        assert translate("en", reason) == reason


def test_checks_from_several_threads_agree() -> None:
    """The kiosk checks on a worker thread; the model is shared and locked, never corrupted."""
    from concurrent.futures import ThreadPoolExecutor

    frames = [portrait(), blank(), portrait(centre=(0.22, 0.5))] * 4
    expected = [check_portrait(frame).reason for frame in frames]
    assert expected[:3] == ["", face.NO_FACE, face.OFF_CENTRE]
    with ThreadPoolExecutor(4) as pool:
        assert [v.reason for v in pool.map(check_portrait, frames)] == expected

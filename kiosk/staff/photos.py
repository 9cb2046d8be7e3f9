"""Open a submission's pictures for the staff console, each only if it is that record's.

A picture is sealed to the office key bound to its record and its key
(kiosk.crypto.seal.photo_binding): one moved to another submission, or swapped between two keys
of one submission, does not open and is reported, never shown. Pictures are opened only after
the answers passed kiosk.staff.binding (BOUND or LEGACY), and only in memory.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from kiosk.crypto.primitives import X25519PrivateKey
from kiosk.crypto.seal import SealError, box_version, open_sealed, photo_binding
from kiosk.forms.documents import photo_label
from kiosk.forms.model import Form
from kiosk.i18n import translate
from kiosk.office.models import attachments
from kiosk.photos.image import UnreadableImage, decode
from kiosk.staff.binding import bound_to
from kiosk.staff.records import SubmissionInfo


@dataclass(frozen=True)
class OpenedPhoto:
    """One picture as staff see it: its key, its name in Chinese and English, the JPEG."""

    key: str
    label_zh: str
    label_en: str
    jpeg: bytes


@dataclass(frozen=True)
class PhotoSet:
    photos: tuple[OpenedPhoto, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()  # (zh, en) names of papers not photographed
    refused: tuple[str, ...] = ()  # keys that did not open as this record's: never shown


def sealed_photos(conn: Connection, submission_id: str) -> dict[str, bytes]:
    query = select(attachments.c.key, attachments.c.sealed).where(
        attachments.c.submission_id == submission_id
    )
    return {str(key): bytes(box) for key, box in conn.execute(query)}


def open_photos(boxes: dict[str, bytes], key: X25519PrivateKey, info: SubmissionInfo,
                form: Form | None, skipped: tuple[str, ...] = ()) -> PhotoSet:  # fmt: skip
    """Open each box bound to `info` and its key; a box that does not open is refused. Never raises."""
    record = bound_to(info)
    opened: list[OpenedPhoto] = []
    refused: list[str] = []
    for name in sorted(boxes, key=lambda k: (k != "portrait", k)):
        box = boxes[name]
        try:
            if box_version(box) != "SB2":
                raise SealError("not a bound box")
            jpeg = open_sealed(box, key, photo_binding(record, name))
            decode(jpeg)  # a picture, not anything else sealed to the office key
        except (SealError, UnreadableImage):
            refused.append(name)
            continue
        opened.append(OpenedPhoto(name, *_names(form, name), jpeg))
    return PhotoSet(tuple(opened), tuple(_names(form, k) for k in skipped), tuple(refused))


def _names(form: Form | None, key: str) -> tuple[str, str]:
    msgid = photo_label(form, key) if form else key
    return translate("zh", msgid), translate("en", msgid)

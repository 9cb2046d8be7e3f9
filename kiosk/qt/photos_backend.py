"""PhotosBackend: the review screen's "photos of your documents" as QML sees it.

One row per picture the form asks of each person (kiosk.forms.documents.photos_needed): the
portrait, the passport page, the visa, the lease... Tapping one opens the camera pop-up
(CameraBackend); a kept picture goes into the visitor's session (sealed with the answers at
submit) and shows as a thumbnail, a small JPEG `data:` URL made once per picture (kiosk.qt.data_url);
a wipe drops them with the rows. Every picture is optional: one not taken is listed on the
printout as "not photographed". GUI thread only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.forms.documents import photo_consent
from kiosk.i18n import N_, catalog
from kiosk.qt.camera_backend import CameraBackend
from kiosk.qt.data_url import thumbnail_url
from kiosk.qt.rows_model import RowsModel
from kiosk.qt.visit_backend import VisitBackend
from kiosk.session import Screen

PERSON_PHOTO = N_("Person {n}: {picture}")
THUMB = 240


@dataclass(frozen=True)
class PhotoRow:
    person: int
    key: str
    label: str
    portrait: bool
    taken: bool
    source: str  # the thumbnail as a JPEG data URL ("" when not taken)
    name: str  # objectName suffix: "<person>_<key>"


class PhotosBackend(QObject):
    changed = Signal()

    def __init__(self, visit: VisitBackend, camera: CameraBackend, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._visit, self._camera = visit, camera
        self._rows = RowsModel(PhotoRow, self)
        self._pending: tuple[int, str] | None = None
        self._thumbs: dict[tuple[int, str], tuple[bytes, str]] = {}  # (person, key): (digest, URL)
        visit.changed.connect(self.refresh)
        visit.wiped.connect(self._forget)
        camera.photoKept.connect(self._on_kept)
        camera.changed.connect(self.changed)  # availability

    def _available(self) -> bool:
        return self._camera.has_camera() and self._rows.rowCount() > 0

    def _consent(self) -> str:
        """The consent screen's "Photos" paragraph: what may be photographed and why."""
        session = self._visit.session
        if session.form is None or not self._camera.has_camera():
            return ""
        msgid, labels = photo_consent(session.form)
        if not msgid:
            return ""
        cat = catalog(session.lang)
        return cat.format(msgid, pictures=", ".join(cat.gettext(label) for label in labels))

    available = Property(bool, _available, notify=changed)
    consent = Property(str, _consent, notify=changed)

    @Property(QObject, constant=True)
    def rows(self) -> QObject:
        return self._rows

    @Slot(int, str)
    def take(self, person: int, key: str) -> None:
        row = next((r for r in self._rows.rows if (r.person, r.key) == (person, key)), None)
        if row is None:
            return
        self._pending = (person, key)
        self._camera.startPhoto(key, self._label_msgid(person, key))

    @Slot(int, str)
    def remove(self, person: int, key: str) -> None:
        if self._visit.session.remove_photo(key, person=person):
            self.refresh()

    def _label_msgid(self, person: int, key: str) -> str:
        need = next((n for n in self._visit.session.photos_needed(person=person) if n.key == key), None)
        return need.label if need is not None else ""

    def _on_kept(self, key: str, jpeg: bytes) -> None:
        pending, self._pending = self._pending, None
        if pending is not None and pending[1] == key:
            self._visit.session.set_photo(key, jpeg, person=pending[0])
            self.refresh()

    def _thumb(self, person: int, key: str, jpeg: bytes) -> str:
        """The picture's thumbnail, made again only when the picture changed."""
        digest = hashlib.blake2b(jpeg, digest_size=16).digest()
        known = self._thumbs.get((person, key))
        if known is None or known[0] != digest:
            known = self._thumbs[(person, key)] = (digest, thumbnail_url(jpeg, THUMB))
        return known[1]

    def _forget(self) -> None:
        self._pending = None
        self._thumbs.clear()
        self._rows.set_rows([])
        self.changed.emit()

    @Slot()
    def refresh(self) -> None:
        session = self._visit.session
        rows: list[PhotoRow] = []
        if session.screen is Screen.REVIEW and session.form is not None:
            cat = catalog(session.lang)
            people = len(session.people)
            for person in range(people):
                for need in session.photos_needed(person=person):
                    jpeg = session.photo(need.key, person=person)
                    label = cat.gettext(need.label)
                    if people > 1:
                        label = cat.format(PERSON_PHOTO, n=str(person + 1), picture=label)
                    source = self._thumb(person, need.key, jpeg) if jpeg is not None else ""
                    rows.append(PhotoRow(person, need.key, label, need.portrait, jpeg is not None, source,
                                         f"{person}_{need.key}"))  # fmt: skip
        shown = {(row.person, row.key) for row in rows if row.taken}
        self._thumbs = {place: thumb for place, thumb in self._thumbs.items() if place in shown}
        if rows != self._rows.rows:
            self._rows.set_rows(rows)
        self.changed.emit()

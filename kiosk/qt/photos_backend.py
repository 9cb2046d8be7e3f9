"""PhotosBackend: the review screen's "photos of your documents" as QML sees it.

One row per picture the form asks of each person (kiosk.forms.documents.photos_needed): the
portrait, the passport page, the visa, the lease... Tapping one opens the camera pop-up
(CameraBackend); a kept picture goes into the visitor's session (sealed with the answers at
submit) and shows as a thumbnail through `image://photos/...`. Every picture is optional: one
not taken is listed on the printout as "not photographed". GUI thread only.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import Property, QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

from kiosk.forms.documents import photo_consent
from kiosk.i18n import N_, catalog
from kiosk.qt.camera_backend import CameraBackend
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
    source: str  # image://photos/... of the thumbnail ("" when not taken)
    name: str  # objectName suffix: "<person>_<key>"


class PhotosProvider(QQuickImageProvider):
    """Thumbnails of the session's pictures, read from the session at each request (no copy kept)."""

    def __init__(self, visit: VisitBackend) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._visit = visit
        self._lock = threading.Lock()

    def requestImage(self, ident: str, size: QSize, requested: QSize) -> QImage:  # noqa: N802
        person, _, rest = ident.partition("/")
        key = rest.split("/", 1)[0]
        image = QImage()
        with self._lock:
            data = self._visit.session.photo(key, person=int(person)) if person.isdigit() else None
        if data:
            image = QImage.fromData(data)
        if image.isNull():
            image = QImage(4, 3, QImage.Format.Format_RGB32)
            image.fill(Qt.GlobalColor.lightGray)
        else:
            image = image.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)  # fmt: skip
        if size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image


class PhotosBackend(QObject):
    changed = Signal()

    def __init__(self, visit: VisitBackend, camera: CameraBackend, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._visit, self._camera = visit, camera
        self._rows = RowsModel(PhotoRow, self)
        self._pending: tuple[int, str] | None = None
        self._version = 0
        self.provider = PhotosProvider(visit)
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

    def _forget(self) -> None:
        self._pending = None
        self._version += 1
        self._rows.set_rows([])
        self.changed.emit()

    @Slot()
    def refresh(self) -> None:
        session = self._visit.session
        rows: list[PhotoRow] = []
        if session.screen is Screen.REVIEW and session.form is not None:
            self._version += 1
            cat = catalog(session.lang)
            people = len(session.people)
            for person in range(people):
                for need in session.photos_needed(person=person):
                    taken = session.photo(need.key, person=person) is not None
                    label = cat.gettext(need.label)
                    if people > 1:
                        label = cat.format(PERSON_PHOTO, n=str(person + 1), picture=label)
                    source = f"image://photos/{person}/{need.key}/{self._version}" if taken else ""
                    rows.append(PhotoRow(person, need.key, label, need.portrait, taken, source,
                                         f"{person}_{need.key}"))  # fmt: skip
        if rows != self._rows.rows:
            self._rows.set_rows(rows)
        self.changed.emit()

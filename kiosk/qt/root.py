"""The one QML singleton, `Kiosk` (import Kiosk.Backend): the door to the per-concept backends.

QML creates it per engine through `create`, which hands out the backends the bootstrap made for
that engine (so tests can run several kiosks in one process; no context properties).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlSingleton, QQmlEngine

from kiosk.icons import glyphs
from kiosk.languages import NATIVE_NAMES
from kiosk.presenter import days_in_month, wheel_date

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

_by_engine: dict[str, Kiosk] = {}


@QmlElement
@QmlSingleton
class Kiosk(QObject):
    """Holds the backends of one kiosk window. GUI thread only."""

    languagesChanged = Signal()  # noqa: N815

    def __init__(self, visit: QObject | None = None, idle: QObject | None = None,
                 countries: QObject | None = None, languages: tuple[str, ...] = ("en",),
                 kiosk_id: str = "", months: Any = None, display: QObject | None = None,
                 speech: QObject | None = None, admin: QObject | None = None,
                 help_: QObject | None = None, camera: QObject | None = None,
                 photos: QObject | None = None) -> None:  # fmt: skip
        super().__init__()
        self._visit, self._idle, self._countries = visit, idle, countries
        self._languages = [{"code": c, "name": NATIVE_NAMES.get(c, c)} for c in languages]
        self._kiosk_id = kiosk_id
        self._months = months
        self._display, self._speech = display, speech
        self._admin = admin
        self._help = help_
        self._camera = camera
        self._photos = photos
        self._icons = glyphs()
        self._mrz: QObject | None = None  # made on first use, for the visit of this window

    @Property(QObject, constant=True)
    def display(self) -> QObject | None:
        return self._display

    @Property(QObject, constant=True)
    def speech(self) -> QObject | None:
        return self._speech

    @Property(QObject, constant=True)
    def help(self) -> QObject | None:
        """The visitor's call for staff (kiosk.qt.help_backend)."""
        return self._help

    @Property(QObject, constant=True)
    def camera(self) -> QObject | None:
        """The camera pop-up (kiosk.qt.camera_backend): passport read, document photos, portrait."""
        return self._camera

    @Property(QObject, constant=True)
    def photos(self) -> QObject | None:
        """The review screen's document photos (kiosk.qt.photos_backend)."""
        return self._photos

    @Property(QObject, constant=True)
    def admin(self) -> QObject | None:
        return self._admin

    @staticmethod
    def create(engine: QQmlEngine) -> Kiosk:
        root = _by_engine[engine.objectName()]
        QQmlEngine.setObjectOwnership(root, QQmlEngine.ObjectOwnership.CppOwnership)
        return root

    def attach(self, engine: QQmlEngine, key: str) -> None:
        engine.setObjectName(key)
        _by_engine[key] = self

    def detach(self, engine: QQmlEngine) -> None:
        _by_engine.pop(engine.objectName(), None)

    @Property(QObject, constant=True)
    def visit(self) -> QObject | None:
        return self._visit

    @Property(QObject, constant=True)
    def mrz(self) -> QObject | None:
        """The passport-scan prefill backend (kiosk.qt.mrz_backend), bound to `visit`."""
        from kiosk.qt.mrz_backend import MrzBackend
        from kiosk.qt.visit_backend import VisitBackend

        if self._mrz is None and isinstance(self._visit, VisitBackend):
            self._mrz = MrzBackend(self._visit, self)
            if self._camera is not None:  # a zone the camera read goes through the same check
                self._camera.zoneRead.connect(self._mrz.read)  # type: ignore[attr-defined]
        return self._mrz

    @Property(QObject, constant=True)
    def idle(self) -> QObject | None:
        return self._idle

    @Property(QObject, constant=True)
    def countries(self) -> QObject | None:
        return self._countries

    @Property(list, constant=True)
    def languages(self) -> list[dict[str, str]]:
        return self._languages

    @Property(dict, constant=True)
    def icons(self) -> dict[str, str]:
        """Glyphs of the icon font by name (`Kiosk.icons.arrowLeft`); see kiosk/icons.py."""
        return self._icons

    @Property(str, constant=True)
    def kioskId(self) -> str:  # noqa: N802
        return self._kiosk_id

    @Slot(str, result="QStringList")
    def monthNames(self, lang: str) -> list[str]:  # noqa: N802
        from babel.dates import get_month_names

        from kiosk.languages import babel_locale

        names = get_month_names("wide", "stand-alone", locale=babel_locale(lang))
        return [names[i] for i in range(1, 13)]

    @Slot(int, int, result=int)
    def daysInMonth(self, year: int, month: int) -> int:  # noqa: N802
        """The date picker's day wheel: how many days the chosen month has."""
        return days_in_month(year, month)

    @Slot(int, int, int, result=str)
    def wheelDate(self, year: int, month: int, day: int) -> str:  # noqa: N802
        """The date picker's answer: the wheels' date, the day kept within the month."""
        return wheel_date(year, month, day)

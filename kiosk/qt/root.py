"""The one QML singleton, `Kiosk` (import Kiosk.Backend): the door to the per-concept backends.

QML creates it per engine through `create`, which hands out the backends the bootstrap made for
that engine (so tests can run several kiosks in one process; no context properties).
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlSingleton, QQmlEngine

from kiosk.icons import glyphs
from kiosk.languages import NATIVE_NAMES
from kiosk.presenter import days_in_month, wheel_date
from kiosk.qt.admin_backend import AdminBackend
from kiosk.qt.camera_backend import CameraBackend
from kiosk.qt.countries_backend import CountriesBackend
from kiosk.qt.display_backend import DisplayBackend
from kiosk.qt.help_backend import HelpBackend
from kiosk.qt.idle_backend import IdleBackend
from kiosk.qt.mrz_backend import MrzBackend
from kiosk.qt.photos_backend import PhotosBackend
from kiosk.qt.speech_backend import SpeechBackend
from kiosk.qt.visit_backend import VisitBackend

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

_by_engine: dict[str, Kiosk] = {}


@QmlElement
@QmlSingleton
class Kiosk(QObject):
    """Holds the backends of one kiosk window. GUI thread only."""

    languagesChanged = Signal()  # noqa: N815

    def __init__(self, visit: VisitBackend | None = None, idle: IdleBackend | None = None,
                 countries: CountriesBackend | None = None, languages: tuple[str, ...] = ("en",),
                 kiosk_id: str = "", display: DisplayBackend | None = None,
                 speech: SpeechBackend | None = None, admin: AdminBackend | None = None,
                 help_: HelpBackend | None = None, camera: CameraBackend | None = None,
                 photos: PhotosBackend | None = None) -> None:  # fmt: skip
        super().__init__()
        self._visit, self._idle, self._countries = visit, idle, countries
        self._languages = [{"code": c, "name": NATIVE_NAMES.get(c, c)} for c in languages]
        self._kiosk_id = kiosk_id
        self._display, self._speech = display, speech
        self._admin = admin
        self._help = help_
        self._camera = camera
        self._photos = photos
        self._icons = glyphs()
        self._mrz: MrzBackend | None = None  # made on first use, for the visit of this window

    # Typed with the backend classes, so that QML (and qmllint) know each one's members.
    @Property(DisplayBackend, constant=True)
    def display(self) -> DisplayBackend | None:
        return self._display

    @Property(SpeechBackend, constant=True)
    def speech(self) -> SpeechBackend | None:
        return self._speech

    @Property(HelpBackend, constant=True)
    def help(self) -> HelpBackend | None:
        """The visitor's call for staff (kiosk.qt.help_backend)."""
        return self._help

    @Property(CameraBackend, constant=True)
    def camera(self) -> CameraBackend | None:
        """The camera pop-up (kiosk.qt.camera_backend): passport read, document photos, portrait."""
        return self._camera

    @Property(PhotosBackend, constant=True)
    def photos(self) -> PhotosBackend | None:
        """The review screen's document photos (kiosk.qt.photos_backend)."""
        return self._photos

    @Property(AdminBackend, constant=True)
    def admin(self) -> AdminBackend | None:
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

    @Property(VisitBackend, constant=True)
    def visit(self) -> VisitBackend | None:
        return self._visit

    @Property(MrzBackend, constant=True)
    def mrz(self) -> MrzBackend | None:
        """The passport-scan prefill backend (kiosk.qt.mrz_backend), bound to `visit`."""
        if self._mrz is None and self._visit is not None:
            self._mrz = MrzBackend(self._visit, self)
            if self._camera is not None:  # a zone the camera read goes through the same check
                self._camera.zoneRead.connect(self._mrz.read)
        return self._mrz

    @Property(IdleBackend, constant=True)
    def idle(self) -> IdleBackend | None:
        return self._idle

    @Property(CountriesBackend, constant=True)
    def countries(self) -> CountriesBackend | None:
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

"""Window wiring: one kiosk window's core objects, backends, events and QML, and the process
entry `run_kiosk`. The environment and fonts are kiosk.qt.bootstrap's; the work that waits for
the first frame is kiosk.qt.background's."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Qt, QTranslator, QUrl
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtQml import QQmlApplicationEngine

from kiosk import logs, paths
from kiosk.config import KioskConfig
from kiosk.forms import load_forms
from kiosk.health import HealthReport, Problem, startup_check
from kiosk.help import HelpDesk
from kiosk.idle import IdleTimer
from kiosk.languages import RTL_LANGUAGES
from kiosk.memory import release_free_memory
from kiosk.qt.admin_backend import AdminBackend, build_admin
from kiosk.qt.background import FirstFrame, start_background
from kiosk.qt.bootstrap import keep_keyboard_from_learning, load_fonts, prepare_environment
from kiosk.qt.camera_backend import CameraBackend
from kiosk.qt.camera_source import FrameSource, source_for
from kiosk.qt.countries_backend import CountriesBackend
from kiosk.qt.display_backend import DisplayBackend
from kiosk.qt.help_backend import HelpBackend
from kiosk.qt.idle_backend import IdleBackend
from kiosk.qt.lockdown import Lockdown, SingleInstance
from kiosk.qt.photos_backend import PhotosBackend
from kiosk.qt.root import Kiosk
from kiosk.qt.speech_backend import SpeechBackend
from kiosk.qt.translator import prepare_catalogs, translator_for
from kiosk.qt.visit_backend import VisitBackend
from kiosk.session import Screen, VisitorSession
from kiosk.submit import Submitter

if TYPE_CHECKING:  # SQLAlchemy loads after the first frame: with the queue (Submitter.queue)
    from kiosk.sync.worker import SyncWorker

log = logging.getLogger(__name__)
_keys = itertools.count(1)


@dataclass
class KioskWindow:
    """One running kiosk UI: the engine, its window and backends. `close()` tears it down."""

    config: KioskConfig
    engine: QQmlApplicationEngine
    root: Kiosk
    visit: VisitBackend
    idle: IdleBackend
    countries: CountriesBackend
    submitter: Submitter | None
    translator: QTranslator | None = None
    objects: list[QObject] = field(default_factory=list)
    sync: SyncWorker | None = None
    display: DisplayBackend | None = None
    speech: SpeechBackend | None = None
    admin: AdminBackend | None = None
    help: HelpBackend | None = None
    camera: CameraBackend | None = None
    photos: PhotosBackend | None = None
    first_frame: FirstFrame | None = None

    @property
    def window(self) -> QWindow:
        """The QML window (a QQuickWindow; Python sees its QWindow side: kiosk.qt.quick)."""
        obj = self.objects[0]
        assert isinstance(obj, QWindow)
        return obj

    def set_translator(self, lang: str) -> None:
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        if self.translator is not None:
            app.removeTranslator(self.translator)
        self.translator = translator_for(lang)
        if self.translator is not None:
            app.installTranslator(self.translator)
        app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft
            if lang in RTL_LANGUAGES
            else Qt.LayoutDirection.LeftToRight
        )
        self.countries.set_language(lang)
        self.engine.retranslate()

    def close(self) -> None:
        if self.first_frame is not None:
            self.first_frame.cancel()  # a window closed before its first frame starts nothing
        self.idle.set_active(False)
        if self.admin is not None:
            self.admin.shutdown()
        for watcher in (self.idle, self.admin):
            if watcher is not None and self.objects:
                self.window.removeEventFilter(watcher)
        app = QGuiApplication.instance()
        if app is not None and self.translator is not None:
            app.removeTranslator(self.translator)
        for obj in self.objects:
            if isinstance(obj, QWindow):
                obj.close()
        self.root.detach(self.engine)
        self.engine.deleteLater()
        if self.sync is not None:
            self.sync.stop()
        if self.speech is not None:
            self.speech.close()
        if self.submitter:
            self.submitter.close()


def create_window(
    config: KioskConfig,
    submitter: Submitter | None = None,
    clock: Callable[[], float] = time.monotonic,
    sync: bool = True,
    health: HealthReport | None = None,
    camera_source: FrameSource | Literal["config"] | None = "config",
) -> KioskWindow:
    """Build a kiosk window in an existing QGuiApplication (used by `kiosk run` and tests).

    `camera_source`: "config" opens what `config.camera` says; tests pass a FeedSource (or None).
    """
    app = QGuiApplication.instance()
    assert app is not None, "create a QGuiApplication first"
    load_fonts()
    prepare_catalogs(list(config.languages))
    forms = load_forms(config.forms_dir)
    keep_keyboard_from_learning()
    session = VisitorSession(forms, config.languages, config.default_language)
    if submitter is None and health is None:  # before the queue opens: it may set a bad file aside
        health = startup_check(config.data_dir, config.queue_db_path)
    submitter = submitter or Submitter(config)
    visit = VisitBackend(session, submitter)
    timer = IdleTimer(config.idle_timeout_s, config.idle_warning_s, clock)
    idle = IdleBackend(timer)
    countries = CountriesBackend()
    display = DisplayBackend()
    speech = SpeechBackend(session)
    admin = build_admin(config, submitter, visit, lambda: kw.sync, health)
    help_ = HelpBackend(HelpDesk(), timer,
                        told=lambda number: kw.sync is not None and kw.sync.help_told(number))  # fmt: skip
    help_.help_did_call.connect(lambda: _beat_now(kw))
    camera = build_camera(config, session, camera_source)
    photos = PhotosBackend(visit, camera)
    root = Kiosk(visit, idle, countries, config.languages, config.kiosk_id, display=display, speech=speech,
                 admin=admin, help_=help_, camera=camera, photos=photos)  # fmt: skip
    engine = QQmlApplicationEngine()
    root.attach(engine, f"kiosk-{next(_keys)}")
    kw = KioskWindow(config, engine, root, visit, idle, countries, submitter, display=display, speech=speech,
                     admin=admin, help=help_, camera=camera, photos=photos)
    kw.set_translator(session.lang)
    visit.languageChanged.connect(kw.set_translator)
    visit.changed.connect(lambda: idle.set_active(session.screen is not Screen.ATTRACT))
    idle.expired.connect(visit.finish)
    visit.wiped.connect(display.reset)
    visit.wiped.connect(speech.reset)
    visit.wiped.connect(help_.close)
    visit.wiped.connect(camera.wipe)
    camera.changed.connect(lambda: speech.camera_changed(camera.spoken_text()))
    visit.wiped.connect(release_free_memory)  # the attract screen is back: give freed pages back
    help_.called.connect(speech.help_called)
    visit.changed.connect(speech.screen_changed)
    warned = [False]

    def speak_warning() -> None:  # once each time the warning appears
        showing, seconds = idle.warning_state()
        if showing and not warned[0]:
            speech.idle_warning(seconds)
        warned[0] = showing

    idle.changed.connect(speak_warning)
    speech.speech_did_toggle_auto_read.connect(idle.set_speech_mode)
    engine.load(QUrl.fromLocalFile(str(paths.ui_dir() / "Main.qml")))
    kw.objects = list(engine.rootObjects())
    if not kw.objects:
        raise RuntimeError("the QML user interface failed to load (see the log above)")
    # The idle and admin timers need only the input events, and every one reaches the window
    # first. On the window, not the application: an application filter also sees each event Qt
    # Quick then hands to an item, and without the QtQuick binding PySide6 is slow to wrap those
    # items for Python (a step change: 35 ms with application filters, 20 ms without;
    # benchmarks/bench_ui.py, docs/deploy.md).
    for watcher in (idle, admin):
        kw.window.installEventFilter(watcher)
    kw.first_frame = FirstFrame(kw.window, lambda: start_background(kw, sync), kw.engine)
    return kw


def build_camera(config: KioskConfig, session: VisitorSession,
                 source: FrameSource | Literal["config"] | None) -> CameraBackend:  # fmt: skip
    from kiosk.camera.analysers import default_analysers

    if source == "config":
        source = source_for(config.camera)
    backend = CameraBackend(source, default_analysers(), lambda: session.lang, dt.date.today)
    if source is not None:
        source.setParent(backend)
    return backend


def _beat_now(kw: KioskWindow) -> None:
    if kw.sync is not None:
        kw.sync.beat_now()


def run_kiosk(config: KioskConfig, fullscreen: bool | None = None) -> int:
    prepare_environment()
    logs.configure(config.data_dir)  # JSON lines in data_dir/logs, through the privacy guard
    app = QGuiApplication(sys.argv)
    app.setApplicationName("Shekou kiosk")
    instance = SingleInstance(config.data_dir)
    if not instance.acquire():
        log.error("another kiosk is already running (pid %s): exiting", instance.owner_pid())
        return 3
    health = startup_check(config.data_dir, config.queue_db_path)
    if any(n.problem is Problem.LOCKED for n in health.notices):
        return 4  # logged by the check; the service manager retries, nothing is lost
    kw = create_window(config, health=health)
    window = kw.window
    lockdown = None
    if config.fullscreen if fullscreen is None else fullscreen:
        lockdown = Lockdown(window)  # no close, Escape, copy or context menu; staff leave via admin
        window.setFlag(Qt.WindowType.FramelessWindowHint, True)
        # Without a window manager (X11 kiosks, Cage) "full screen" is only a request that no
        # one grants: size the window to its screen ourselves.
        screen = window.screen() or app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.geometry())
        window.showFullScreen()
    else:
        window.show()
    from kiosk.qt import probe  # logs the start-up time; geometry probe for tests/e2e

    probe.install(kw)
    code = app.exec()
    kw.close()
    if lockdown is not None:
        lockdown.remove()
    instance.release()
    return code

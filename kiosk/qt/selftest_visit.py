"""The QML part of `kiosk self-test`: load the real UI offscreen and walk a visit of every form.

The visit goes through the backends' slots (what the QML buttons call), with the QML loaded and
rendered at every screen, so a missing QML module, plugin or catalog in a bundle shows up here.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from kiosk.config import KioskConfig
from kiosk.forms.model import Form
from kiosk.qt.quick import grab, named
from kiosk.selftest import Check, CheckFailed, timed

MAX_STEPS = 60


def qt_application() -> QGuiApplication:
    """The running application, or a new offscreen one (set up as `kiosk run` does)."""
    from kiosk.qt.bootstrap import prepare_environment

    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    prepare_environment()
    return QGuiApplication([sys.argv[0]])


class VisitWalker:
    """Drives one kiosk window through visits; GUI thread only."""

    def __init__(self, kw: Any, shots: Path | None) -> None:
        self.kw = kw
        self.visit = kw.visit
        self.shots = shots

    def settle(self, ms: int = 40) -> None:
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.005)

    def expect(self, screen: str, label: str) -> None:
        """The backend and the QML both show `screen`; the window renders a non-empty image."""
        self.settle()
        if self.visit.screen != screen:
            raise CheckFailed(f"expected the {screen} screen, the kiosk shows {self.visit.screen}")
        name = f"{screen}Screen"
        deadline = time.monotonic() + 3
        while not any(seen.shown for seen in named(self.kw.window, name)):
            if time.monotonic() > deadline:
                raise CheckFailed(f"the QML never showed {name}")
            self.settle()
        image = grab(self.kw.window)
        if image.isNull() or image.width() == 0:
            raise CheckFailed(f"the {screen} screen rendered no image")
        if self.shots is not None:
            self.shots.mkdir(parents=True, exist_ok=True)
            image.save(str(self.shots / f"{label}-{screen}.png"))

    def fill_step(self, answers: dict[str, Any]) -> None:
        filled: set[str] = set()
        while True:
            todo = [r for r in self.visit.fields.rows if r.field_id in answers and r.field_id not in filled]
            if not todo:
                return
            self.visit.setAnswer(todo[0].field_id, answers[todo[0].field_id])
            filled.add(todo[0].field_id)

    def walk(self, form: Form, lang: str, answers: dict[str, Any]) -> str:
        """One visit from the attract screen to done and back; returns the reference."""
        label = f"{form.id}-{lang}"
        visit = self.visit
        self.expect("attract", label)
        visit.start()
        self.expect("language", label)
        visit.setLanguage(lang)
        self.expect("service", label)
        visit.chooseService(form.id)
        self.expect("consent", label)
        visit.acceptConsent()
        steps = 0
        while visit.screen == "step":
            steps += 1
            if steps > MAX_STEPS:
                raise CheckFailed("the visit never reached the review screen")
            self.fill_step(answers)
            self.expect("step", f"{label}-{steps}")
            visit.next()
            errors = [f"{r.field_id}: {r.error}" for r in visit.fields.rows if r.error]
            if visit.screen == "step" and errors:
                raise CheckFailed("the sample answers do not pass: " + "; ".join(errors))
        self.expect("review", label)
        visit.submit()
        deadline = time.monotonic() + 30
        while visit.screen != "done":
            if visit.submitError or time.monotonic() > deadline:
                raise CheckFailed(f"submitting failed: {visit.submitError or 'timed out'}")
            self.settle(20)
        self.expect("done", label)
        receipt = visit.session.receipt
        assert receipt is not None
        visit.finish()
        self.expect("attract", label)
        return str(receipt.reference)


# Pairs each language's collation orders differently from ICU's root order (code points for
# Han): a bundle whose ICU data lost a language sorts its country list wrongly, silently.
COLLATION_PAIRS: dict[str, tuple[str, str]] = {
    "zh_CN": ("阿根廷", "中国"),  # pinyin: a < zhong (root: U+4E2D < U+963F)
    "ja_JP": ("亜", "一"),  # JIS X 0208 order: 亜 (row 16) < 一 (root: U+4E00 < U+4E9C)
    "es_ES": ("nz", "ñu"),  # ñ is a letter after n (root: ñ sorts as n, so ñu < nz)
}


def check_collation() -> str:
    """Qt's ICU collation for the languages whose order differs from root."""
    from PySide6.QtCore import QCollator, QLocale

    wrong = []
    for locale, (first, second) in COLLATION_PAIRS.items():
        if QCollator(QLocale(locale)).compare(first, second) >= 0:
            wrong.append(f"{locale}: {second} sorted before {first}")
    if wrong:
        raise CheckFailed("ICU collation data missing — " + "; ".join(wrong))
    return ", ".join(COLLATION_PAIRS) + " sort as their readers expect"


def check_jpeg() -> str:
    """Qt writes and reads JPEG: the camera preview, its stills and the photo thumbnails are JPEG
    data URLs that QML decodes (kiosk.qt.data_url); without Qt's `imageformats/qjpeg` plugin
    they show nothing."""
    from PySide6.QtGui import QColor, QImage

    from kiosk.qt.data_url import encoded

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#c03020"))
    try:
        back = QImage.fromData(encoded(image, "JPEG", 90))
    except ValueError:
        back = QImage()
    if back.isNull() or back.size() != image.size():
        raise CheckFailed("Qt cannot write or read JPEG: the imageformats/qjpeg plugin is missing")
    return "Qt writes and reads JPEG (camera preview, photo thumbnails)"


def run_visits(config: KioskConfig, languages: tuple[str, ...],
               answers_for: Callable[[str], dict[str, Any]],
               check_pdf: Callable[[Path, str], str], shots: Path | None) -> list[Check]:  # fmt: skip
    """Load the UI (one check), then one check per form and language: a whole visit with its PDF.

    `config` should point at a throwaway data folder: every visit is queued there.
    """
    from kiosk.qt.app import create_window
    from kiosk.qt.bootstrap import load_fonts

    qt_application()
    holder: dict[str, Any] = {}

    def load() -> str:
        start = time.monotonic()
        kw = create_window(replace(config, printer=""))
        holder["kw"] = kw
        kw.window.resize(1920, 1080)
        kw.window.show()
        walker = VisitWalker(kw, shots)
        walker.expect("attract", "start")
        families = len(set(load_fonts()))
        return f"{time.monotonic() - start:.2f} s to the attract screen, {families} font families"

    checks = [timed("QML user interface", load), timed("collation (ICU data)", check_collation),
              timed("JPEG pictures (Qt plugin)", check_jpeg)]
    kw = holder.get("kw")
    if kw is None:
        return checks
    walker = VisitWalker(kw, shots)
    try:
        for form in kw.visit.session.forms.values():
            for lang in languages:

                def one(form: Form = form, lang: str = lang) -> str:
                    reference = walker.walk(form, lang, answers_for(form.id))
                    return f"ref {reference}; " + check_pdf(config.pdf_dir / f"{reference}.pdf", reference)

                checks.append(timed(f"visit {form.id} ({lang})", one))
    finally:
        kw.close()
        walker.settle(20)
    return checks

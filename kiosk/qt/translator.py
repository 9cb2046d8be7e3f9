"""QML translations: a plain QTranslator per language, loaded from i18n/qm/<lang>.qm.

The .qm files are compiled from the same gettext catalogs as the core uses (kiosk/i18n/qm.py
explains why this is not a Python QTranslator subclass). Missing or stale files are compiled at
start when lrelease is available; otherwise QML falls back to the English source text.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTranslator

from kiosk.i18n import qm

log = logging.getLogger(__name__)


def prepare_catalogs(languages: list[str]) -> None:
    wanted = [lang for lang in languages if lang != "en"]
    try:
        todo = qm.stale(wanted)
        if todo:
            qm.compile_qm(todo)
    except (OSError, FileNotFoundError) as exc:  # a frozen bundle ships compiled .qm files
        log.warning("could not compile QML translations: %s", exc)


def translator_for(lang: str) -> QTranslator | None:
    if lang == "en":
        return None
    translator = QTranslator()
    if not translator.load(str(qm.qm_path(lang))):
        log.warning("no QML translations for %s: showing English", lang)
        return None
    return translator

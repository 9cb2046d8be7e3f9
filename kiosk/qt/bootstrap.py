"""Bootstrap, before any window: the process environment Qt reads at start, and the fonts.

`prepare_environment` must run before the Q(Gui)Application exists; `load_fonts` and
`keep_keyboard_from_learning` before the first window (kiosk.qt.app.create_window calls them).
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from kiosk import icons
from kiosk.system_fonts import SYSTEM_FONTS, font_files, missing

log = logging.getLogger(__name__)


def prepare_environment() -> None:
    """Must run before the Q(Gui)Application exists."""
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    # The keyboard is embedded (InputPanel in Main.qml): never a separate desktop panel window.
    os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    # Silence the two noisy categories that also hang QML loading under a Python message handler.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false;qt.qml.propertyCache*=false")


def keep_keyboard_from_learning() -> Path:
    """Stop the virtual keyboard from remembering what visitors type, for the whole process.

    Pinyin keeps a user dictionary of the words chosen (visitors' names, suggested to the next
    visitor) in $XDG_CONFIG_HOME/qtvirtualkeyboard/pinyin/usr_dict.dat — a fixed path that
    VirtualKeyboardSettings.userDataPath does not change. Pointing XDG_CONFIG_HOME at a private
    folder where that path cannot be made (a file stands in the way) leaves Pinyin with its system
    dictionary only: it converts as before and stores nothing. The kiosk itself keeps no config
    there. Idempotent; must run before the Chinese keyboard is first used.
    """
    current = os.environ.get("XDG_CONFIG_HOME", "")
    if current.startswith(tempfile.gettempdir()) and (Path(current) / "qtvirtualkeyboard").is_file():
        return Path(current)
    folder = Path(tempfile.mkdtemp(prefix="kiosk-noconfig-"))
    (folder / "qtvirtualkeyboard").write_bytes(b"")
    os.environ["XDG_CONFIG_HOME"] = str(folder)
    return folder


UI_FAMILY = "Noto Sans"  # ui/Theme.qml's fontFamily


def load_fonts() -> list[str]:
    """Register the bundled fonts; make the other bundled families the UI family's fallbacks.

    Without the substitution Qt asks the system for a face that has the missing glyphs (Han,
    Hangul, Arabic, Devanagari), so the screen would look different on every machine and blank on
    one without CJK fonts; with it the kiosk draws with what it ships, as the printed form does.
    """
    for problem in missing(list(SYSTEM_FONTS)):  # the lobby bundle takes these from Debian
        log.error("font file missing: %s; printing will fail (kiosk self-test says the same)", problem)
    families: list[str] = []
    for path in font_files():  # resources/fonts, and Debian's for those the lobby bundle leaves out
        font_id = QFontDatabase.addApplicationFont(str(path))
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    fallbacks = [f for f in dict.fromkeys(families)
                 if f not in (UI_FAMILY, icons.FAMILY) and not f.endswith(" Mono")]  # fmt: skip
    QFont.insertSubstitutions(UI_FAMILY, fallbacks)
    return families

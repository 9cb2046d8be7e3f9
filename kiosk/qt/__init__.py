"""The Qt adapter: QObject backends that QML sees, over the Qt-free core. Only this package and
the app bootstrap import PySide6."""

from kiosk.qt.none_guard import make_none_immortal

make_none_immortal()  # before any PySide6 call: see kiosk/qt/none_guard.py

"""The Qt adapter: QObject backends that QML sees, over the Qt-free core. Only this package and
the app bootstrap import PySide6."""

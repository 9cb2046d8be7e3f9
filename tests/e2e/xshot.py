"""Save a PNG of the whole X screen named by $DISPLAY (what a person in front of it would see)."""

import sys

from PySide6.QtGui import QGuiApplication

if __name__ == "__main__":
    app = QGuiApplication([sys.argv[0], "-platform", "xcb"])
    image = app.primaryScreen().grabWindow(0)
    sys.exit(0 if not image.isNull() and image.save(sys.argv[1]) else 1)

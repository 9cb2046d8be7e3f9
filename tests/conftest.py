"""Test-wide set-up: Qt runs offscreen with the software renderer and the virtual keyboard."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
# The kiosk embeds its keyboard (InputPanel in Main.qml). Without this, a Widgets window in the same
# process (the staff console tests) makes the keyboard open its own desktop panel window, which then
# keeps the focus away from every kiosk window tested after it.
os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
# These categories make QML loading hang while pytest-qt's message handler is installed.
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false;qt.qml.propertyCache*=false")

"""What Python needs of the QML window and its items, without the PySide6.QtQuick binding.

The lobby bundle leaves the QtQuick and QtOpenGL Python bindings out (9.8 MB; `import
PySide6.QtQuick` makes shiboken import QtOpenGL): QML runs on Qt's own libQt6Quick, and Python
sees the window as a `QWindow` (QtGui) and its items as plain `QObject`s. Everything below goes
through what those offer: properties, signals by name, invokable methods, and QQmlListReference
(QtQml) for an item's visual children. A property whose type is a QQuickItem pointer
(`contentItem`, `activeFocusItem`, `parent`) cannot be read this way ("Can't find converter"),
so the walk goes top-down from the window's root item. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import (
    Q_ARG,
    Q_RETURN_ARG,
    QEventLoop,
    QMetaObject,
    QObject,
    QPointF,
    QTimer,
    SignalInstance,
)
from PySide6.QtGui import QImage, QWindow
from PySide6.QtQml import QQmlListReference

ROOT_ITEM = "QQuickRootItem"  # the window's content item, a QObject child of the window


def signal(obj: QObject, name: str) -> SignalInstance:
    """A signal of a QML object by its name (e.g. QQuickWindow's `frameSwapped`): PySide6 gives
    a QObject wrapper its C++ class's signals as attributes, whatever the Python type."""
    found = getattr(obj, name, None)
    if not isinstance(found, SignalInstance):
        raise AttributeError(f"{obj.metaObject().className()} has no signal {name!r}")
    return found


def content_item(window: QWindow) -> QObject:
    """The window's root item (QQuickWindow.contentItem), found among its QObject children."""
    for child in window.children():
        if child.metaObject().className() == ROOT_ITEM:
            return child
    raise LookupError("the window has no Qt Quick content item")


def child_items(item: QObject) -> list[QObject]:
    """The item's visual children (QQuickItem.childItems(): delegates of views and repeaters and
    the popups' overlay included, which QObject.children() misses)."""
    ref = QQmlListReference(item, "children")  # type: ignore[call-overload]  # stubs say bytes: refused
    return [child for i in range(ref.count()) if (child := ref.at(i)) is not None]


@dataclass(frozen=True)
class Seen:
    """One item of the walk, with what its ancestors decide about it."""

    item: QObject
    shown: bool  # visible, and neither it nor an ancestor is fully transparent
    scroller: QObject | None  # the nearest ancestor that scrolls it (a Flickable), if any


def walk(window: QWindow) -> Iterator[Seen]:
    """Every item of the window, parents before children. `visible` is already the effective
    visibility (an item inside a hidden parent reads false); opacity is only the item's own."""
    stack: list[tuple[QObject, bool, QObject | None]] = [(content_item(window), True, None)]
    while stack:
        item, opaque, scroller = stack.pop()
        opaque = opaque and float(item.property("opacity")) > 0
        yield Seen(item, opaque and bool(item.property("visible")), scroller)
        below = item if item.inherits("QQuickFlickable") else scroller
        stack.extend((child, opaque, below) for child in child_items(item))


def named(window: QWindow, name: str) -> Iterator[Seen]:
    return (seen for seen in walk(window) if seen.item.objectName() == name)


def map_to_global(item: QObject, x: float = 0.0, y: float = 0.0) -> QPointF:
    """QQuickItem.mapToGlobal (invokable: scale, rotation and scrolling included)."""
    point = QMetaObject.invokeMethod(item, "mapToGlobal", Q_RETURN_ARG("QPointF"),
                                     Q_ARG("QPointF", QPointF(x, y)))  # fmt: skip
    return cast(QPointF, point)


def redraw(window: QWindow) -> None:
    """Ask for a new frame (QQuickWindow.update(), a slot): `frameSwapped` follows."""
    QMetaObject.invokeMethod(window, "update")


def grab(window: QWindow, timeout_ms: int = 2000) -> QImage:
    """What the window shows, after one fresh frame (QQuickWindow.grabWindow is in the binding
    left out): asks the window to redraw, waits for the frame (at most `timeout_ms`), then reads
    it through the screen. Works on the offscreen platform with the software renderer (`kiosk
    self-test`) and on X11; a null image where the platform cannot grab (Wayland)."""
    loop = QEventLoop()
    swapped = signal(window, "frameSwapped")
    swapped.connect(loop.quit)
    timer = QTimer(loop)  # owned by the loop: gone with it, never fires into a dead loop
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    redraw(window)
    loop.exec()
    swapped.disconnect(loop.quit)
    screen = window.screen()
    if screen is None:
        return QImage()
    return screen.grabWindow(window.winId()).toImage()

"""The visitor's pictures under the answers: thumbnails that enlarge on click, what was skipped."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.staff.photos import OpenedPhoto, PhotoSet
from kiosk.staff_qt.labels import plain_label
from kiosk.staff_qt.texts import t

THUMB = 140  # px: the longest side of a thumbnail
LARGE = 900  # px: the longest side of an enlarged picture (a passport page stays legible)


def pixmap(jpeg: bytes) -> QPixmap:
    image = QPixmap()
    image.loadFromData(jpeg, "JPEG")
    return image


class PhotoDialog(QDialog):
    """One picture, large. Closed with the button or Escape; holds the picture only while open."""

    def __init__(self, photo: OpenedPhoto, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoDialog")
        self.setWindowTitle(photo.label_zh if lang == "zh" else photo.label_en)
        picture = plain_label()  # holds a pixmap; plain like every label
        picture.setObjectName("photoLarge")
        picture.setPixmap(pixmap(photo.jpeg).scaled(LARGE, LARGE, Qt.AspectRatioMode.KeepAspectRatio,
                                                    Qt.TransformationMode.SmoothTransformation))  # fmt: skip
        scroll = QScrollArea()
        scroll.setWidget(picture)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(t(lang, "photo_close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(LARGE + 40, min(LARGE, 700) + 80)


class PhotoStrip(QWidget):
    """Thumbnails of the opened pictures; hidden when the submission has none."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoStrip")
        self.lang = lang
        self.title = plain_label(t(lang, "photos"))
        self.skipped = plain_label()
        self.skipped.setObjectName("photosSkipped")
        self.skipped.setWordWrap(True)
        self.refused = plain_label()
        self.refused.setObjectName("photosRefused")
        self.refused.setStyleSheet("QLabel { color: #b71c1c; font-weight: bold; }")
        self.row = QHBoxLayout()
        self.row.setAlignment(Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.row)
        layout.addWidget(self.skipped)
        layout.addWidget(self.refused)
        self.buttons: list[QToolButton] = []
        self.show_photos(PhotoSet())

    def show_photos(self, found: PhotoSet) -> None:
        self.clear()
        lang = self.lang
        for n, photo in enumerate(found.photos):
            button = QToolButton()
            button.setObjectName(f"photo_{photo.key}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setIcon(QIcon(pixmap(photo.jpeg)))
            button.setIconSize(QSize(THUMB, THUMB))
            button.setText(photo.label_zh if lang == "zh" else photo.label_en)
            button.clicked.connect(lambda _c=False, n=n, found=found: self.enlarge(found.photos[n]))
            self.row.addWidget(button)
            self.buttons.append(button)
        names = ", ".join(zh if lang == "zh" else en for zh, en in found.skipped)
        self.skipped.setText(t(lang, "photos_skipped", names=names) if names else "")
        self.refused.setText(t(lang, "photos_refused", count=len(found.refused)) if found.refused else "")
        self.title.setVisible(bool(found.photos))
        self.setVisible(bool(found.photos or found.skipped or found.refused))

    def enlarge(self, photo: OpenedPhoto) -> PhotoDialog:
        dialog = PhotoDialog(photo, self.lang, self)
        dialog.open()
        return dialog

    def clear(self) -> None:
        """Drop the thumbnails (and with them the pictures) from the screen and memory."""
        for button in self.buttons:
            self.row.removeWidget(button)
            button.deleteLater()
        self.buttons = []

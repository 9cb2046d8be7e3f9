"""The sign-in page: user name, password and (unless preset) the office key passphrase."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.staff_qt.labels import plain_label
from kiosk.staff_qt.texts import t


class SignInPage(QWidget):
    """Emits `submitted(username, password, passphrase)`; the window does the (slow) checking."""

    submitted = Signal(str, str, str)

    def __init__(self, lang: str, preset_passphrase: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._preset = preset_passphrase
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.button = QPushButton(t(lang, "sign_in"))
        self.button.setObjectName("signIn")
        self.error = plain_label()
        self.error.setObjectName("signInError")
        self.error.setStyleSheet("color: #b71c1c;")
        form = QFormLayout()
        form.addRow(t(lang, "username"), self.username)
        form.addRow(t(lang, "password"), self.password)
        if not preset_passphrase:
            form.addRow(t(lang, "passphrase"), self.passphrase)
        else:
            self.passphrase.hide()
        title = plain_label(t(lang, "title"))
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.error.setWordWrap(True)
        box = QWidget()  # a compact form in the middle of the window, not fields a metre wide
        box.setMaximumWidth(480)
        column = QVBoxLayout(box)
        column.addWidget(title)
        column.addSpacing(12)
        column.addLayout(form)
        column.addWidget(self.button)
        column.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 2)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        for edit in (self.username, self.password, self.passphrase):
            edit.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)

    def _submit(self) -> None:
        if not self.button.isEnabled():
            return
        self.button.setEnabled(False)
        self.error.setText(t(self.lang, "signing_in"))
        self.submitted.emit(
            self.username.text().strip(), self.password.text(), self._preset or self.passphrase.text()
        )

    def failed(self, message: str) -> None:
        self.password.clear()
        self.passphrase.clear()
        self.error.setText(message)
        self.button.setEnabled(True)
        self.password.setFocus()

    def reset(self, message: str = "") -> None:
        """Back to an empty form (after sign-out): no secret stays in a field."""
        self.password.clear()
        self.passphrase.clear()
        self.error.setText(message)
        self.button.setEnabled(True)
        (self.password if self.username.text() else self.username).setFocus()

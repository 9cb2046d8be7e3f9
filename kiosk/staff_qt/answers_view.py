"""The opened answers: Chinese label, English label, answer; double-click or Ctrl+C copies one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from kiosk.staff.answers import AnswerRow
from kiosk.staff_qt.texts import t


class AnswersTable(QTableWidget):
    """Read-only rows in form order. `copied(label)` after a value went to the clipboard."""

    copied = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("answersTable")
        self.lang = lang
        self.setHorizontalHeaderLabels(
            [t(lang, "col_label_zh"), t(lang, "col_label_en"), t(lang, "col_value")]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.cellDoubleClicked.connect(lambda row, _col: self.copy_row(row))
        QShortcut(QKeySequence.StandardKey.Copy, self, lambda: self.copy_row(self.currentRow()))
        self._rows: list[AnswerRow] = []

    def show_rows(self, rows: list[AnswerRow]) -> None:
        self._rows = list(rows)
        self.setRowCount(len(rows))
        for i, row in enumerate(rows):
            value = row.value_zh if self.lang == "zh" else row.value_en
            if not row.free_text and row.value_zh != row.value_en:
                other = row.value_en if self.lang == "zh" else row.value_zh
                value = f"{value}  ({other})"
            for col, text in enumerate((row.label_zh, row.label_en, value)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.field_id)
                self.setItem(i, col, item)

    def value_text(self, row: int) -> str:
        """What a copy puts on the clipboard: the answer in the window's language, as entered."""
        r = self._rows[row]
        return r.value_zh if self.lang == "zh" else r.value_en

    def copy_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            QGuiApplication.clipboard().setText(self.value_text(row))
            self.copied.emit(self._rows[row].label_zh if self.lang == "zh" else self._rows[row].label_en)

    def clear_rows(self) -> None:
        self._rows = []
        self.setRowCount(0)

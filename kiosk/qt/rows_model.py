"""A QAbstractListModel over a list of dataclass rows; roles come from the row's fields."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractListModel):
    """Rows are frozen dataclasses of one type; each field is a role named like the field
    (camelCase for QML). `set_rows` resets; `update_rows` emits dataChanged for changed rows."""

    def __init__(self, row_type: type, parent: Any = None) -> None:
        super().__init__(parent)
        self._names = [f.name for f in dataclasses.fields(row_type)]
        self._roles = {Qt.ItemDataRole.UserRole + 1 + i: n for i, n in enumerate(self._names)}
        self._rows: list[Any] = []

    @staticmethod
    def _camel(name: str) -> str:
        head, *rest = name.split("_")
        return head + "".join(part.title() for part in rest)

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802 - Qt's name
        return {role: QByteArray(self._camel(n).encode()) for role, n in self._roles.items()}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        name = self._roles.get(role)
        return getattr(self._rows[index.row()], name) if name else None

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def update_rows(self, rows: list[Any]) -> None:
        """Same row count and order: only changed rows emit dataChanged (keeps delegates alive)."""
        if len(rows) != len(self._rows):
            self.set_rows(rows)
            return
        for i, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
            if old != new:
                self._rows[i] = new
                changed = [r for r, n in self._roles.items() if getattr(old, n) != getattr(new, n)]
                self.dataChanged.emit(self.index(i), self.index(i), changed)

    def clear(self) -> None:
        self.set_rows([])

"""The Search tab: by reference, name, form, status and days; a day's export to CSV + XLSX."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import utcnow
from kiosk.office.models import STATUSES
from kiosk.staff.console import StaffConsole
from kiosk.staff.records import CHINA_TIME, SubmissionInfo, local_text
from kiosk.staff.search import Criteria
from kiosk.staff_qt.labels import plain_label
from kiosk.staff_qt.tasks import Latest
from kiosk.staff_qt.texts import t


def _date(edit: QDateEdit) -> dt.date:
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


class SearchPage(QWidget):
    """`open_reference(ref)` is emitted on a double-click: the Scan tab opens it (audited)."""

    open_reference = Signal(str)
    message = Signal(str)
    searched = Signal(int)

    def __init__(self, console: StaffConsole, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.console, self.lang = console, lang
        self._latest = Latest()
        self.reference = QLineEdit()
        self.reference.setObjectName("searchReference")
        self.name = QLineEdit()
        self.name.setObjectName("searchName")
        self.form = QComboBox()
        self.form.addItem(t(lang, "any"), "")
        for form_id in sorted(console.forms):
            self.form.addItem(form_id, form_id)
        self.status = QComboBox()
        self.status.addItem(t(lang, "any"), "")
        for status in STATUSES:
            self.status.addItem(t(lang, f"st_{status}"), status)
        # The center's day (China time), as the search reads days (kiosk.staff.records.day_bounds),
        # not this computer's: on a machine in UTC, 16:00-24:00 is already tomorrow in Shekou.
        now = utcnow().astimezone(CHINA_TIME)
        today = QDate(now.year, now.month, now.day)
        self.day_from, self.day_to = QDateEdit(today.addDays(-6)), QDateEdit(today)
        for edit in (self.day_from, self.day_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        go = QPushButton(t(lang, "search"))
        go.setObjectName("searchButton")
        go.clicked.connect(self.run_search)
        export = QPushButton(t(lang, "export_day"))
        export.setObjectName("exportButton")
        export.clicked.connect(self._choose_export)
        form = QFormLayout()
        form.addRow(t(lang, "reference"), self.reference)
        form.addRow(t(lang, "name"), self.name)
        form.addRow(t(lang, "form"), self.form)
        form.addRow(t(lang, "status_col"), self.status)
        days = QHBoxLayout()
        days.addWidget(self.day_from)
        days.addWidget(plain_label(t(lang, "to")))
        days.addWidget(self.day_to)
        form.addRow(t(lang, "from"), days)
        buttons = QHBoxLayout()
        buttons.addWidget(go)
        buttons.addStretch(1)
        buttons.addWidget(export)
        self.count = plain_label()
        self.results = QTableWidget(0, 6)
        self.results.setObjectName("searchResults")
        self.results.setHorizontalHeaderLabels(
            [t(lang, k) for k in ("reference", "submitted", "form", "kiosk")]
            + [t(lang, "status_col"), t(lang, "name_col")]
        )
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.cellDoubleClicked.connect(self._open_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)

    def criteria(self) -> Criteria:
        name = self.name.text().strip()
        use_days = bool(name) or not self.reference.text().strip()
        return Criteria(
            reference=self.reference.text().strip(),
            name=name,
            form_id=str(self.form.currentData() or ""),
            status=str(self.status.currentData() or ""),
            day_from=_date(self.day_from) if use_days else None,
            day_to=_date(self.day_to) if use_days else None,
        )

    def run_search(self) -> None:
        criteria = self.criteria()
        self._latest.run(lambda: self.console.search(criteria), self._show, self._failed)

    def _show(self, found: list[tuple[SubmissionInfo, str]]) -> None:
        self.results.setRowCount(len(found))
        for i, (info, name) in enumerate(found):
            cells = (
                info.reference,
                local_text(info.created_at),
                info.form_id,
                info.kiosk_id,
                t(self.lang, f"st_{info.status}"),
                name,
            )
            for col, text in enumerate(cells):
                self.results.setItem(i, col, QTableWidgetItem(text))
        self.count.setText(t(self.lang, "results", count=len(found)))
        self.searched.emit(len(found))

    def _open_row(self, row: int, _col: int) -> None:
        item = self.results.item(row, 0)
        if item is not None:
            self.open_reference.emit(item.text())

    def _failed(self, exc: BaseException) -> None:
        self.count.setText(t(self.lang, "error", detail=str(exc)))

    def export(self, day: dt.date, folder: Path) -> None:
        def done(result: tuple[Path, Path, int]) -> None:
            self.message.emit(t(self.lang, "exported", count=result[2], path=result[0].parent))

        self._latest.run(lambda: self.console.export_day(day, folder), done, self._failed)

    def _choose_export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, t(self.lang, "export_day"))
        if folder:
            self.export(_date(self.day_to), Path(folder))

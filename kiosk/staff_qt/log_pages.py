"""The Kiosks tab (fleet: heartbeats, queues, printers) and the admin's Audit log tab."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import utcnow
from kiosk.staff.audit import AuditRow
from kiosk.staff.console import StaffConsole
from kiosk.staff.records import KioskState, local_text
from kiosk.staff_qt.tasks import Latest
from kiosk.staff_qt.texts import t


class TablePage(QWidget):
    """A refreshable read-only table filled off the GUI thread."""

    def __init__(
        self,
        lang: str,
        headers: Sequence[str],
        load: Callable[[], list[Any]],
        object_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lang, self._load = lang, load
        self._latest = Latest()
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName(object_name)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        refresh = QPushButton(t(lang, "refresh"))
        refresh.clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(refresh)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        self._latest.run(self._load, self._fill, lambda exc: None)

    def cells(self, item: Any) -> tuple[list[str], bool]:
        raise NotImplementedError

    def _fill(self, items: list[Any]) -> None:
        self.table.setRowCount(len(items))
        for i, item in enumerate(items):
            cells, alarm = self.cells(item)
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if alarm:
                    cell.setForeground(QColor("#b71c1c"))
                self.table.setItem(i, col, cell)


class FleetPage(TablePage):
    def __init__(self, console: StaffConsole, lang: str) -> None:
        keys = ("kiosk", "help_col", "last_seen", "queue", "oldest", "printer", "version")
        headers = [t(lang, k) for k in keys]
        super().__init__(lang, [*headers, "Quarantined / Error"], console.fleet, "fleetTable")

    def cells(self, k: KioskState) -> tuple[list[str], bool]:
        oldest = f"{k.oldest_unsent_s // 60} min" if k.oldest_unsent_s else ""
        label = f"{k.kiosk_id} ({k.label})" if k.label else k.kiosk_id
        problems = " ".join(
            x for x in (f"{k.quarantined} quarantined" if k.quarantined else "", k.last_error or "") if x
        )
        now = utcnow()
        cells = [
            label,
            f"{k.help_number} · {local_text(k.help_since)}" if k.needs_help(now) else "",
            local_text(k.last_seen) or t(self.lang, "never"),
            "" if k.queue_depth is None else str(k.queue_depth),
            oldest,
            k.printer_state or "",
            k.version or "",
            problems,
        ]
        return cells, k.stale(now) or bool(problems) or k.needs_help(now)


class AuditPage(TablePage):
    def __init__(self, console: StaffConsole, lang: str) -> None:
        headers = [t(lang, k) for k in ("at", "actor", "action", "submission", "detail")]
        super().__init__(lang, headers, lambda: console.audit_log(500), "auditTable")

    def cells(self, row: AuditRow) -> tuple[list[str], bool]:
        alarm = row.action in ("scan_rejected", "account_locked", "office_key_failed", "sign_in_locked")
        return [local_text(row.at), row.actor, row.action, row.submission_id or "", row.detail or ""], alarm

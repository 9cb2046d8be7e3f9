"""The Scan tab: scanner field, verdict banner, submission facts, status buttons, notes, answers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.staff.console import StaffConsole
from kiosk.staff.lookup import Outcome, ScanResult
from kiosk.staff.photos import PhotoSet
from kiosk.staff.records import SubmissionInfo, local_text
from kiosk.staff.workflow import MOVE_TARGETS, moves
from kiosk.staff_qt.answers_view import AnswersTable
from kiosk.staff_qt.camera import CameraPanel
from kiosk.staff_qt.labels import plain_label
from kiosk.staff_qt.photos_view import PhotoStrip
from kiosk.staff_qt.scanner import ScanField
from kiosk.staff_qt.tasks import Latest
from kiosk.staff_qt.texts import t

COLORS = {"ok": "#1b5e20", "warn": "#8a5a00", "bad": "#b71c1c"}


def group_text(lang: str, info: SubmissionInfo) -> str:
    """"2 of 3 people registered together", the others' references, who has not arrived."""
    g = info.group
    if g is None:
        return ""
    parts = [t(lang, "group", member=g.member, size=g.size)]
    if g.others:
        refs = ", ".join(f"{m}: {r} ({t(lang, f'st_{st}')})" for m, r, st in g.others)
        parts.append(t(lang, "group_others", references=refs))
    if g.missing > 0:
        parts.append(t(lang, "group_missing", count=g.missing))
    return "\n" + " · ".join(parts)


class ScanPage(QWidget):
    """Shows one submission at a time. `shown(result)` fires once answers (or a warning) are on screen."""

    shown = Signal(object)
    message = Signal(str)

    def __init__(self, console: StaffConsole, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.console, self.lang = console, lang
        self.info: SubmissionInfo | None = None
        self.result: ScanResult | None = None
        self._latest = Latest()
        self.scan_field = ScanField()
        self.scan_field.setPlaceholderText(t(lang, "scan_hint"))
        self.scan_field.scanned.connect(self.lookup)
        open_file = QPushButton(t(lang, "open_file"))
        open_file.setObjectName("openFile")
        open_file.clicked.connect(self._choose_file)
        self.banner = plain_label()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.meta = plain_label()
        self.meta.setObjectName("meta")
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = plain_label()
        self.status.setObjectName("statusLabel")
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        for target in MOVE_TARGETS:
            button = QPushButton(t(lang, f"to_{target}"))
            button.setObjectName(f"to_{target}")
            button.clicked.connect(lambda _c=False, target=target: self.move_to(target))
            self.buttons[target] = button
            row.addWidget(button)
        self.notes = QListWidget()
        self.notes.setObjectName("notes")
        self.notes.setMaximumHeight(80)
        add_note = QPushButton(t(lang, "add_note"))
        add_note.setObjectName("addNote")
        add_note.clicked.connect(self._ask_note)
        self.table = AnswersTable(lang)
        self.table.copied.connect(lambda label: self.message.emit(t(lang, "copied", label=label)))
        self.photos = PhotoStrip(lang)
        top = QHBoxLayout()
        top.addWidget(self.scan_field, 1)
        top.addWidget(open_file)
        self.camera = CameraPanel(lang)  # its button shows only when a camera is plugged in
        self.camera.scanned.connect(self.lookup)  # the same path as a wedge scan
        self.camera.failed.connect(lambda text: self._banner(text, "bad"))
        top.addWidget(self.camera.button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.camera)
        layout.addWidget(self.banner)
        layout.addWidget(self.meta)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.photos)
        notes_row = QHBoxLayout()
        notes_row.addWidget(self.notes, 1)
        notes_row.addWidget(add_note, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(notes_row)
        self.clear()

    # --- lookups --------------------------------------------------------------------------
    def lookup(self, typed: str) -> None:
        self._banner(t(self.lang, "busy"), "warn")
        self._latest.run(lambda: self.console.scan(typed), self.show_result, self._failed)

    def open_file(self, path: Path) -> None:
        from kiosk.qr_images import find_codes

        self._banner(t(self.lang, "busy"), "warn")
        self._latest.run(lambda: self.console.scan_codes(find_codes(path)), self.show_result, self._failed)

    def open_reference(self, reference: str) -> None:
        self.lookup(reference)

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, t(self.lang, "open_file"), "", "Images/PDF (*.png *.jpg *.jpeg *.pdf *.tif *.tiff *.bmp)"
        )
        self.scan_field.setFocus()
        if name:
            self.open_file(Path(name))

    def _failed(self, exc: BaseException) -> None:
        self._banner(t(self.lang, "error", detail=str(exc) or type(exc).__name__), "bad")
        self.scan_field.setFocus()

    def show_result(self, result: ScanResult) -> None:
        self.result = result
        lang, p = self.lang, result.payload
        reference = p.reference if p else (result.submission.reference if result.submission else "")
        match result.outcome:
            case Outcome.OPENED:
                key = "opened" if result.genuine else "opened_ref"
                text = t(lang, key, reference=reference)
                if result.warning:  # made before binding (kiosk.staff.binding)
                    self._banner(t(lang, "made_before_binding", opened=text), "warn")
                else:
                    self._banner(text, "ok")
            case Outcome.FORGED:
                self._banner(t(lang, "forged", verdict=result.verdict), "bad")
            case Outcome.MISMATCH:
                self._banner(t(lang, "mismatch", detail=result.detail), "bad")
            case Outcome.NOT_SYNCED:
                k = result.kiosk
                if k is None or k.last_seen is None:
                    self._banner(t(lang, "not_synced_unknown", kiosk=p.kiosk_id if p else "?"), "warn")
                else:
                    self._banner(
                        t(
                            lang,
                            "not_synced",
                            kiosk=k.kiosk_id,
                            last_seen=local_text(k.last_seen),
                            queue=k.queue_depth,
                        ),
                        "warn",
                    )
            case Outcome.NOT_FOUND:
                self._banner(t(lang, "not_found", reference=reference or "?"), "warn")
            case Outcome.UNREADABLE:
                self._banner(t(lang, "unreadable", detail=result.detail), "bad")
            case Outcome.ALTERED:
                self._banner(t(lang, "answers_altered", detail=result.detail), "bad")
            case Outcome.UNBOUND:
                self._banner(t(lang, "unbound", detail=result.detail), "bad")
            case Outcome.NO_CODE:
                self._banner(t(lang, "no_code"), "warn")
        opened = result.outcome in (Outcome.OPENED, Outcome.UNREADABLE)
        self.show_info(result.submission if opened else None)
        self.table.show_rows(result.answers if result.outcome is Outcome.OPENED else [])
        self.photos.show_photos(result.photos if result.outcome is Outcome.OPENED else PhotoSet())
        self.scan_field.setFocus()
        self.shown.emit(result)

    # --- the submission -------------------------------------------------------------------
    def show_info(self, info: SubmissionInfo | None) -> None:
        self.info = info
        user = self.console.user
        if info is None:
            self.meta.setText("")
            self.status.setText("")
            self.notes.clear()
            for button in self.buttons.values():
                button.setEnabled(False)
            return
        lang = self.lang
        self.meta.setText(
            t(
                lang,
                "meta",
                reference=info.reference,
                form=info.form_id,
                created=local_text(info.created_at),
                kiosk=info.kiosk_id,
                lang=info.lang,
            )
            + group_text(lang, info)
        )
        status = t(lang, "status", status=t(lang, f"st_{info.status}"))
        if info.status_reason:
            status += f" — {info.status_reason}"
        self.status.setText(status)
        for move in moves(user, info.status):  # the rules: kiosk.staff.workflow
            button = self.buttons[move.target]
            button.setEnabled(move.allowed)
            button.setText(t(lang, "reopen" if move.reopens else f"to_{move.target}"))
        self.notes.clear()
        for note in info.notes:
            self.notes.addItem(f"{local_text(note.created_at)}  {note.author}: {note.body}")

    def move_to(self, target: str, reason: str | None = None) -> None:
        info = self.info
        if info is None:
            return
        if target == "rejected" and reason is None:
            text, ok = QInputDialog.getText(self, t(self.lang, "to_rejected"), t(self.lang, "reason"))
            if not ok or not text.strip():
                return
            reason = text

        def work() -> SubmissionInfo | None:
            self.console.set_status(info, target, reason)
            return self.console.refresh(info.id)

        self._latest.run(work, self._refreshed, self._failed)

    def add_note(self, body: str) -> None:
        info = self.info
        if info is None:
            return

        def work() -> SubmissionInfo | None:
            self.console.add_note(info.id, body)
            return self.console.refresh(info.id)

        self._latest.run(work, self._refreshed, self._failed)

    def _ask_note(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, t(self.lang, "add_note"), t(self.lang, "note"))
        self.scan_field.setFocus()
        if ok and text.strip():
            self.add_note(text)

    def _refreshed(self, info: SubmissionInfo | None) -> None:
        self.show_info(info)
        self.scan_field.setFocus()

    def _banner(self, text: str, tone: str) -> None:
        self.banner.setText(text)
        self.banner.setProperty("tone", tone)
        self.banner.setStyleSheet(
            f"QLabel {{ color: white; background: {COLORS[tone]}; padding: 8px; font-weight: bold; }}"
        )

    def clear(self) -> None:
        """Forget what is shown (sign-out): answers leave the screen and memory."""
        self.camera.stop()
        self.result = None
        self.banner.setText("")
        self.banner.setStyleSheet("")
        self.table.clear_rows()
        self.photos.show_photos(PhotoSet())
        self.show_info(None)

"""Submit a visitor's answers: validate, seal, queue durably, then render (and print) the form.

The same path serves the kiosk's Submit button and `kiosk submit`. It is slow work (fsync, PDF):
the Qt layer runs it off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import ConfigError, KioskConfig, office_problems
from kiosk.crypto.keys import kiosk_signing_key
from kiosk.crypto.office import office_public_key
from kiosk.crypto.seal import binding, photo_binding, seal
from kiosk.forms.model import Answers, Form
from kiosk.forms.validate import Problem, blocking, validate_answers
from kiosk.printing.reprint import LocalReprint, discard_printed, reprint
from kiosk.qrpayload import Payload, box_hash, encode

if TYPE_CHECKING:  # SQLAlchemy loads with the queue, after the kiosk's first frame
    from kiosk.storage.queue import LocalQueue, PhotoSealer, Queued, Sealer

# Per person: (picture key -> checked JPEG, keys not photographed) (VisitorSession.photos_to_submit)
Photos = tuple[dict[str, bytes], list[str]]
NO_PHOTOS: Photos = ({}, [])

log = logging.getLogger(__name__)


class InvalidAnswers(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the answers")
        self.problems = problems


@dataclass(frozen=True)
class SubmitResult:
    queued: Queued
    pdf_path: Path | None
    printed: bool
    print_detail: str = ""


class Submitter:
    """Owns the kiosk's keys and queue. Thread-safe for one caller at a time per submission."""

    def __init__(self, config: KioskConfig) -> None:
        self.config = config
        problems = office_problems(config, database=False)
        if problems:  # never a silent demo key: kiosk.config.KEYS["demo"]
            raise ConfigError("config", problems)
        config.data_dir.mkdir(parents=True, exist_ok=True)
        self.signing_key = kiosk_signing_key(config.data_dir, config.kiosk_id)
        self.office_key = office_public_key(config.office_key_path, config.data_dir, demo=config.demo)
        self._queue: LocalQueue | None = None
        self._queue_lock = threading.Lock()

    @property
    def queue(self) -> LocalQueue:
        """The local queue, opened (and migrated if needed) on first use. The kiosk opens it
        just after its first frame (kiosk.qt.app.start_background): SQLAlchemy's import and the
        schema check are not paid before the attract screen. Thread-safe."""
        with self._queue_lock:
            if self._queue is None:
                from kiosk.storage.queue import LocalQueue

                self._queue = LocalQueue(self.config.queue_db_path)
            return self._queue

    def queue_answers(self, form: Form, lang: str, answers: Answers) -> Queued:
        """Validate and commit durably. Raises InvalidAnswers; nothing is queued then."""
        return self.queue_group(form, lang, [answers])[0]

    def queue_group(self, form: Form, lang: str, people: list[Answers],
                    photos: list[Photos] | None = None) -> list[Queued]:  # fmt: skip
        """Validate every person, then commit one submission each in ONE transaction, linked by
        a new group id when there are several (docs/groups.md). Raises InvalidAnswers (naming
        the first person with a problem); nothing is queued then.

        `photos` (one entry per person) are sealed to the office key, each bound to its record
        and its key, and stored in the same transaction; the sealed answers list which keys
        were taken and which skipped, so staff see what to ask for at the counter."""
        if not people:
            raise ValueError("nobody to queue")
        pictures = photos or [NO_PHOTOS] * len(people)
        if len(pictures) != len(people):
            raise ValueError("one photo entry per person")
        visible = [form.visible_answers(answers) for answers in people]
        for answers in visible:
            problems = blocking(validate_answers(form, answers))
            if problems:
                raise InvalidAnswers(problems)
        group_id = str(uuid.uuid4()) if len(visible) > 1 else None
        kiosk_id = self.config.kiosk_id
        boxes: dict[str, bytes] = {}  # reference -> its box: the code signs the box's hash

        def sealer(n: int, answers: Answers) -> Sealer:
            document: dict[str, object] = {"form": form.id, "version": form.version, "lang": lang,
                                           "answers": answers}  # fmt: skip
            taken, skipped = pictures[n - 1]
            if taken or skipped:
                document["photos"] = {"taken": sorted(taken), "skipped": list(skipped)}
            if group_id:  # sealed too: the office can tell the columns were not changed
                document["group"] = {"id": group_id, "member": n, "size": len(visible)}
            plaintext = json.dumps(document, ensure_ascii=False).encode("utf-8")

            def seal_for(sid: str, reference: str, created: dt.datetime) -> bytes:
                bound = binding(sid, reference, kiosk_id, form.id, created)
                boxes[reference] = seal(plaintext, self.office_key, bound)
                return boxes[reference]

            return seal_for

        def sign(reference: str, created: dt.datetime) -> str:
            payload = Payload(reference, kiosk_id, form.id, created, box_hash(boxes[reference]))
            return encode(payload, self.signing_key)

        def photo_sealer(taken: dict[str, bytes]) -> PhotoSealer:
            def seal_photos(sid: str, reference: str, created: dt.datetime) -> dict[str, bytes]:
                bound = binding(sid, reference, kiosk_id, form.id, created)
                return {key: seal(jpeg, self.office_key, photo_binding(bound, key))
                        for key, jpeg in taken.items()}  # fmt: skip

            return seal_photos

        queued = self.queue.add_group(kiosk_id=kiosk_id, form_id=form.id, form_version=form.version,
                                      lang=lang, sign=sign, group_id=group_id,
                                      sealers=[sealer(n, a) for n, a in enumerate(visible, 1)],
                                      photos=[photo_sealer(t) for t, _ in pictures])  # fmt: skip
        for q in queued:
            log.info("submission queued: form=%s lang=%s ref=%s group=%s", form.id, lang,
                     q.reference, q.group_id or "-")  # fmt: skip
        return queued

    def render(self, form: Form, lang: str, answers: Answers, queued: Queued,
               photos: Photos = NO_PHOTOS) -> Path:  # fmt: skip
        """The PDF of the config's print profile (full form or 80 mm receipt), kept in pdf_dir
        until `kiosk purge`: a staff reprint prints it again while it is there."""
        folder = self.config.pdf_dir
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{queued.reference}.pdf"
        visible = form.visible_answers(answers)
        if self.config.print_profile == "receipt":
            from kiosk.pdf.receipt import ReceiptInfo, render_receipt
            from kiosk.pdf.text import documents_to_bring, photo_lines

            lines = tuple(photo_lines(form, lang, tuple(sorted(photos[0])), tuple(photos[1])))
            render_receipt(ReceiptInfo(form.title, lang, queued.reference, queued.qr_payload,
                                       queued.created_at, self.config.kiosk_id,
                                       tuple(documents_to_bring(form, visible)),
                                       photo_lines=lines), path)  # fmt: skip
            return path
        from kiosk.pdf.render import PrintedForm, render_pdf  # ReportLab: 0.15 s, not at start

        doc = PrintedForm(form, lang, queued.reference, queued.qr_payload, queued.created_at,
                          self.config.kiosk_id, self.config.paper, photos_taken=tuple(sorted(photos[0])),
                          photos_skipped=tuple(photos[1]))  # fmt: skip
        render_pdf(doc, visible, path)
        return path

    def submit(self, form: Form, lang: str, answers: Answers) -> SubmitResult:
        """Queue, then render and print. A render or print failure never undoes the queueing."""
        return self.submit_group(form, lang, [answers])[0]

    def submit_group(self, form: Form, lang: str, people: list[Answers],
                     photos: list[Photos] | None = None) -> list[SubmitResult]:  # fmt: skip
        """Queue every person in one transaction, then render and print one form each (each
        page with that person's own QR). Printing is per person: one jam never hides the others."""
        queued = self.queue_group(form, lang, people, photos)
        pictures = photos or [NO_PHOTOS] * len(people)
        return [self._print_one(form, lang, a, q, p)
                for a, q, p in zip(people, queued, pictures, strict=True)]  # fmt: skip

    def _print_one(self, form: Form, lang: str, answers: Answers, queued: Queued,
                   photos: Photos = NO_PHOTOS) -> SubmitResult:  # fmt: skip
        try:
            pdf = self.render(form, lang, answers, queued, photos)
        except Exception:  # the submission is safe; the visitor gets the on-screen reference
            log.exception("rendering the printed form failed for ref=%s", queued.reference)
            return SubmitResult(queued, None, False, "render failed")
        printed, detail = self.print_pdf(pdf, queued.reference)
        if printed:
            discard_printed(pdf)
            return SubmitResult(queued, None, True, detail)
        return SubmitResult(queued, pdf, printed, detail)

    def print_pdf(self, pdf: Path, reference: str = "") -> tuple[bool, str]:
        """Send a saved PDF to the configured printer; (printed, detail for staff logs)."""
        if not self.config.printer:
            return False, "no printer configured: PDF saved"
        try:
            from kiosk.printing import CupsPrinter
        except ImportError:
            return False, "printing support is not installed"
        title = f"kiosk-{reference}" if reference else "kiosk"  # a reference is not personal data
        result = CupsPrinter().submit(pdf, self.config.printer, title=title)
        if not result.ok:
            log.warning("printing failed: %s", result.detail)
        return result.ok, result.detail

    def reprint(self, reference: str, lang: str | None = None, saved_first: bool = True) -> LocalReprint:
        """Print a submission again for staff: the saved PDF while it is kept, else a receipt
        (reference + signed QR; the answers are sealed to the office, see docs/printing.md).
        kiosk.printing.reprint.reprint says what `lang` and `saved_first` change."""
        return reprint(self.queue, self.config, self.print_pdf, reference, lang=lang, saved_first=saved_first)

    def close(self) -> None:
        with self._queue_lock:
            if self._queue is not None:
                self._queue.close()

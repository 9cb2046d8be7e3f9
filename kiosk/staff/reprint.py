"""Reprint a synced submission at the office: the whole bilingual form again, marked "补打 Reprint".

The kiosk's own renderer (kiosk.pdf.render) lays the answers out again — opened in memory, with
the submission's form, language, reference, time, kiosk and the signed QR payload the kiosk synced
(office revision 0003) — so the code on the reprint verifies against the kiosk key registry like
the original. The office cannot sign a code itself: when the stored code is missing (a row synced
before revision 0003) or does not verify for this row, the form is reprinted without a QR code and
the result says why; staff then find it by the reference printed on every page (docs/staff.md).

Answers reach the disk only as the print spool file: rendered in memory, written owner-only into
a private temporary folder (0700), handed to CUPS (which copies it into its own spool), and
deleted as soon as CUPS reports the job finished, failed or timed out. Every attempt is audited.

Plain Python, no Qt. Blocks until CUPS answers (up to `timeout_s`): run it off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from kiosk.clock import utcnow
from kiosk.crypto.keys import KeyRegistry
from kiosk.crypto.primitives import X25519PrivateKey
from kiosk.forms.model import Form
from kiosk.office.models import submissions
from kiosk.pdf.render import PrintedForm, render_pdf
from kiosk.printing.cups import CupsPrinter, PrintResult
from kiosk.qrpayload import verify
from kiosk.staff import audit, records
from kiosk.staff.accounts import StaffUser
from kiosk.staff.binding import Binding, open_checked, row_code
from kiosk.staff.lookup import mismatch

PRINT_TIMEOUT_S = 60.0  # a three-page form on a shared office printer; then the job is cancelled
NO_CODE_SYNCED = "no signed code stored (synced before office revision 0003)"


@dataclass
class ReprintSettings:
    """Where and how the console prints. `printer` "" means the computer's CUPS default."""

    printer: str = ""
    paper: str = "A4"
    spool_dir: Path | None = None  # parent of the private spool folder; None = the system temp
    timeout_s: float = PRINT_TIMEOUT_S
    cups: CupsPrinter = field(default_factory=CupsPrinter)


@dataclass(frozen=True)
class ReprintResult:
    """How one reprint ended. `detail` is English for staff and the audit log: nothing personal.

    `outcome` is "printed", "refused" (nothing was sent to a printer: no such submission, form
    not installed, answers unreadable) or the kiosk.printing.PrintStatus value of a failed job
    ("no-printer", "queue-stopped", "timeout", ...). `no_qr_reason` says why a printed form
    carries no QR code ('' when it does).
    """

    submission_id: str
    reference: str
    outcome: str
    printer: str = ""
    job_id: str | None = None
    no_qr_reason: str = ""
    detail: str = ""

    @property
    def printed(self) -> bool:
        return self.outcome == "printed"

    @property
    def with_qr(self) -> bool:
        return not self.no_qr_reason

    def audit_detail(self) -> str:
        code = "code=signed" if self.with_qr else "code=none"
        where = f" printer={self.printer}" if self.printer else ""
        return f"ref={self.reference or '?'} {code}{where}: {self.outcome} {self.detail}".strip()


def code_problem(code: str | None, info: records.SubmissionInfo, registry: KeyRegistry) -> str:
    """Why the stored code must not go on the paper ('' when it is genuine and this row's own)."""
    if not code:
        return NO_CODE_SYNCED
    verification = verify(code, registry)
    if not verification.genuine or verification.payload is None:
        return f"the stored code does not verify ({verification.verdict.value})"
    if verification.payload.reference != info.reference:
        return "the stored code names another reference"
    problem = mismatch(verification.payload, info)
    return f"the stored code does not match the record ({problem})" if problem else ""


def render_reprint(
    form: Form, info: records.SubmissionInfo, answers: dict[str, Any], code: str, paper: str, at: dt.datetime
) -> bytes:
    """The printed form of the submission, as the kiosk made it, with the reprint mark (in memory)."""
    doc = PrintedForm(form, info.lang, info.reference, code, info.created_at, info.kiosk_id, paper, at)
    out = BytesIO()
    render_pdf(doc, form.visible_answers(answers), out)
    return out.getvalue()


def print_spooled(pdf: bytes, title: str, settings: ReprintSettings, printer: str) -> PrintResult:
    """Write `pdf` owner-only into a fresh private folder, print it, delete it whatever happened."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-reprint-", dir=settings.spool_dir))  # mode 0700
    try:
        path = folder / f"{title}.pdf"
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as fh:
            fh.write(pdf)
        return settings.cups.submit(path, printer or None, title=title, timeout=settings.timeout_s)
    finally:
        shutil.rmtree(folder)  # CUPS has its own copy by now; a failure here must be seen


def _reprint(
    engine: Engine,
    key: X25519PrivateKey,
    forms: dict[str, Form],
    registry: KeyRegistry,
    submission_id: str,
    settings: ReprintSettings,
    now: Callable[[], dt.datetime],
) -> ReprintResult:
    with engine.connect() as conn:
        found = records.fetch(conn, submission_id=submission_id)
        code = conn.execute(
            select(submissions.c.qr_payload).where(submissions.c.id == submission_id)
        ).scalar_one_or_none()
    if found is None:
        return ReprintResult(submission_id, "", "refused", detail="no such submission")
    info, box = found

    def refused(why: str) -> ReprintResult:
        return ReprintResult(info.id, info.reference, "refused", detail=why)

    form = forms.get(info.form_id)
    if form is None:
        return refused(f"the form {info.form_id} is not installed here: cannot lay the answers out")
    stored, why = row_code(info, code, registry)
    checked = open_checked(box, key, info, stored, why)
    if checked.document is None or checked.binding not in (Binding.BOUND, Binding.LEGACY):
        return refused(f"the answers cannot be opened ({checked.binding.value}: {checked.detail})")
    document = checked.document
    # The default queue's name, for the message and the audit log; with none (or CUPS down), the
    # print attempt itself says what is wrong.
    printer = settings.printer or settings.cups.default_printer() or ""
    no_qr = code_problem(code, info, registry)
    pdf = render_reprint(form, info, document.answers, "" if no_qr else str(code), settings.paper, now())
    job = print_spooled(pdf, f"reprint-{info.reference}", settings, printer)
    note = ""
    if form.version != info.form_version:
        note = f"; laid out with form version {form.version} (submitted with {info.form_version})"
    outcome = "printed" if job.ok else job.status.value
    return ReprintResult(info.id, info.reference, outcome, printer, job.job_id, no_qr, job.detail + note)


def reprint_submission(
    engine: Engine,
    user: StaffUser,
    key: X25519PrivateKey,
    forms: dict[str, Form],
    registry: KeyRegistry,
    submission_id: str,
    settings: ReprintSettings,
    now: Callable[[], dt.datetime] = utcnow,
) -> ReprintResult:
    """Render and print the submission again; audited as `reprint` whatever the outcome."""
    try:
        result = _reprint(engine, key, forms, registry, submission_id, settings, now)
    except Exception as exc:
        with engine.begin() as conn:
            audit.record(conn, user, "reprint", submission_id, f"error: {type(exc).__name__}")
        raise
    with engine.begin() as conn:
        sid = result.submission_id if result.reference else None  # an unknown id: detail only
        detail = result.audit_detail() if sid else f"id={submission_id}: {result.detail}"
        audit.record(conn, user, "reprint", sid, detail)
    return result

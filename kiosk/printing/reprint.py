"""Staff reprint of a submission by its reference: the saved PDF while kept, else a receipt.

The kiosk cannot print the answers again once their PDF is purged: they are stored sealed to the
office's public key, which the kiosk cannot open. What it still has (reference, form, language,
time and the signed QR payload) makes a receipt with which the counter finds the submission.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.submit import Submitter

log = logging.getLogger(__name__)
_REFERENCE = re.compile(r"^[A-Z0-9]{8}$")


@dataclass(frozen=True)
class ReprintResult:
    """`kind`: "saved" (the PDF printed at submit time), "receipt" (made now) or "none"."""

    reference: str
    kind: str
    pdf_path: Path | None
    printed: bool
    detail: str


def normalise(reference: str) -> str:
    """As staff type it: any case, with spaces or a dash between the two groups of four."""
    return re.sub(r"[\s-]", "", reference).upper()


def discard_printed(pdf: Path) -> None:
    """A form the printer took leaves the kiosk: the paper is the visitor's copy and the PDF
    holds the answers in plain text. A reprint is then a receipt (reference and signed code), or
    the whole form from the office's sealed copy (staff console). Without a printer (a laptop,
    the demo) or when printing fails, the PDF stays: it is the only copy until retention."""
    pdf.unlink(missing_ok=True)


def reprint(submitter: Submitter, reference: str) -> ReprintResult:
    reference = normalise(reference)
    if not _REFERENCE.match(reference):
        return ReprintResult(reference, "none", None, False, "not a reference (8 letters/digits)")
    row = submitter.queue.get_by_reference(reference)
    if row is None:
        detail = "unknown reference: not submitted on this kiosk, or already purged"
        return ReprintResult(reference, "none", None, False, detail)
    folder = submitter.config.pdf_dir
    saved = folder / f"{reference}.pdf"
    kind = "saved"
    if not saved.is_file():
        kind, saved = "receipt", folder / f"{reference}-reprint.pdf"
        _render_receipt(submitter, row.form_id, row.lang, reference, row.qr_payload, row.created_at,
                        saved)  # fmt: skip
    printed, detail = submitter.print_pdf(saved, reference)
    if printed and kind == "saved":
        discard_printed(saved)
    log.info("reprint ref=%s kind=%s printed=%s", reference, kind, printed)
    return ReprintResult(reference, kind, saved, printed, detail)


def _render_receipt(submitter: Submitter, form_id: str, lang: str, reference: str, payload: str,
                    created: object, path: Path) -> None:  # fmt: skip
    import datetime as dt

    from kiosk.forms import load_forms
    from kiosk.pdf.receipt import ReceiptInfo, render_receipt

    assert isinstance(created, dt.datetime)
    if created.tzinfo is None:  # SQLite gives naive datetimes back: they were stored in UTC
        created = created.replace(tzinfo=dt.UTC)
    try:
        title = load_forms(submitter.config.forms_dir)[form_id].title
    except Exception:  # a form since removed: its id still tells staff what it was
        title = form_id
    path.parent.mkdir(parents=True, exist_ok=True)
    info = ReceiptInfo(title, lang, reference, payload, created, submitter.config.kiosk_id,
                       reprint=True)  # fmt: skip
    render_receipt(info, path)

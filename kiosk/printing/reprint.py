"""Staff reprint of a submission by its reference, on the kiosk: the one path behind
`kiosk print --reference` and the admin screen's Reprint.

The saved PDF while kept, else a receipt. The kiosk cannot print the answers again once their
PDF is purged: they are stored sealed to the office's public key, which the kiosk cannot open.
What it still has (reference, form, language, time and the signed QR payload) makes a receipt
with which the counter finds the submission. (The office's reprint of the whole form is
kiosk.staff.reprint.)

Plain Python: it takes the queue, the config and a print function, not the Submitter, so
kiosk.submit may call it without an import cycle.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.clock import as_utc
from kiosk.config import KioskConfig
from kiosk.refcode import ALPHABET, LENGTH, is_reference, normalize

if TYPE_CHECKING:  # SQLAlchemy loads with the queue, after the kiosk's first frame
    from kiosk.storage.queue import LocalQueue

log = logging.getLogger(__name__)
PrintPdf = Callable[[Path, str], tuple[bool, str]]  # (pdf, reference) -> (printed, detail)


@dataclass(frozen=True)
class LocalReprint:
    """`kind`: "saved" (the PDF printed at submit time), "receipt" (made now) or "none"."""

    reference: str
    kind: str
    pdf_path: Path | None
    printed: bool
    detail: str


def discard_printed(pdf: Path) -> None:
    """A form the printer took leaves the kiosk: the paper is the visitor's copy and the PDF
    holds the answers in plain text. A reprint is then a receipt (reference and signed code), or
    the whole form from the office's sealed copy (staff console). Without a printer (a laptop,
    the demo) or when printing fails, the PDF stays: it is the only copy until retention."""
    pdf.unlink(missing_ok=True)


def reprint(
    queue: LocalQueue,
    config: KioskConfig,
    print_pdf: PrintPdf,
    reference: str,
    *,
    lang: str | None = None,
    saved_first: bool = True,
) -> LocalReprint:
    """Print the submission `reference` (as staff type it) again.

    `saved_first`: print the form's saved PDF while it is kept (and discard it once printed);
    False always makes a receipt (the admin screen: nothing personal on the paper). `lang`: the
    receipt's language (None: the submission's)."""
    reference = normalize(reference)
    if not is_reference(reference):
        detail = f"unknown reference: a reference is {LENGTH} of {ALPHABET}"
        return LocalReprint(reference, "none", None, False, detail)
    row = queue.get_by_reference(reference)
    if row is None:
        detail = "unknown reference: not submitted on this kiosk, or already purged"
        return LocalReprint(reference, "none", None, False, detail)
    folder = config.pdf_dir
    saved = folder / f"{reference}.pdf"
    kind = "saved"
    if not (saved_first and saved.is_file()):
        kind, saved = "receipt", folder / f"{reference}-reprint.pdf"
        _render_receipt(config, row.form_id, lang or row.lang, reference, row.qr_payload, row.created_at,
                        saved)  # fmt: skip
    printed, detail = print_pdf(saved, reference)
    if printed and kind == "saved":
        discard_printed(saved)
    log.info("reprint ref=%s kind=%s printed=%s", reference, kind, printed)
    return LocalReprint(reference, kind, saved, printed, detail)


def form_title(config: KioskConfig, form_id: str) -> str:
    from kiosk.forms import load_forms

    try:
        return load_forms(config.forms_dir)[form_id].title
    except Exception:  # a form since removed: its id still tells staff what it was
        return form_id


def _render_receipt(config: KioskConfig, form_id: str, lang: str, reference: str, payload: str,
                    created: object, path: Path) -> None:  # fmt: skip
    import datetime as dt

    from kiosk.pdf.receipt import ReceiptInfo, render_receipt

    assert isinstance(created, dt.datetime)
    path.parent.mkdir(parents=True, exist_ok=True)
    info = ReceiptInfo(form_title(config, form_id), lang, reference, payload, as_utc(created),
                       config.kiosk_id, reprint=True)  # fmt: skip
    render_receipt(info, path)

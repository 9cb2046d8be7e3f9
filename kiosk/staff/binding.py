"""Do these sealed answers belong to this office row? Checked before any answer is shown.

A row is *bound* when its box is SB2, opens with the row's own binding (id, reference, kiosk,
form, time: kiosk.crypto.seal.binding) and a genuine K2 code of this row signs the box's hash:
the scanned code, else the one the kiosk stored with the row. Anyone holding the office public
key can seal a box, so the AEAD binding alone would only catch boxes moved between rows; the
signed hash catches a box put there by anyone but the kiosk.

Rows made before binding (SB1 box, K1 code) cannot be checked this way. They are opened, with a
warning, only when the row says it was created before BOUND_SINCE, the cut-over; any unbound
row created after it is refused (kiosks since that release only make SB2 + K2). Boxes swapped
between two pre-cut-over rows stay undetectable: that is what the cut-over accepts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from kiosk.crypto.keys import KeyRegistry
from kiosk.crypto.primitives import X25519PrivateKey
from kiosk.crypto.seal import MAGIC, SealError, binding, box_version
from kiosk.qrpayload import Payload, box_hash, verify
from kiosk.staff.answers import OpenedDocument, open_document
from kiosk.staff.records import SubmissionInfo

# Rows created before this (UTC) may be unbound (SB1/K1): shown with a warning. Set to the day
# the binding release reaches every kiosk; a kiosk still on an older release after it has its
# new submissions refused at the office (they are not lost: upgrade it and they stay readable
# by re-dating BOUND_SINCE, or open them with `kiosk staff show` after review).
BOUND_SINCE = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
NOT_THIS_RECORD = "the answers do not belong to this record"


class Binding(StrEnum):
    BOUND = "bound"  # checked: these answers are this row's, as its kiosk sealed them
    LEGACY = "made-before-binding"  # unbound, created before BOUND_SINCE: shown with a warning
    UNBOUND = "unbound"  # unbound or unsigned after the cut-over: refused
    ALTERED = "altered"  # the box is not this row's, or was changed: refused
    UNREADABLE = "unreadable"  # this row's box, but what it holds is not a document


@dataclass(frozen=True)
class Checked:
    binding: Binding
    document: OpenedDocument | None  # None when refused
    detail: str = ""  # English for staff and the audit log; nothing personal


def bound_to(info: SubmissionInfo) -> bytes:
    return binding(info.id, info.reference, info.kiosk_id, info.form_id, info.created_at)


def row_code(info: SubmissionInfo, stored: str | None, registry: KeyRegistry) -> tuple[Payload | None, str]:
    """The stored code if it is genuine and this row's own, else (None, why not)."""
    if not stored:
        return None, "no code stored with the record"
    verification = verify(stored, registry)
    p = verification.payload
    if not verification.genuine or p is None:
        return None, f"the stored code is {verification.verdict.value}"
    created = info.created_at.astimezone(dt.UTC).replace(microsecond=0)
    same = (p.reference, p.kiosk_id, p.form_id) == (info.reference, info.kiosk_id, info.form_id.lower())
    if not same or abs((p.created - created).total_seconds()) > 1:
        return None, "the stored code is another record's"
    return p, ""


def open_checked(box: bytes, key: X25519PrivateKey, info: SubmissionInfo, code: Payload | None,
                 no_code_why: str = "no code") -> Checked:  # fmt: skip
    """Open `box` only if it belongs to `info`. `code` is a genuine code already matched to the
    row (scanned, or row_code()); `no_code_why` says why there is none. Never raises."""
    version = box_version(box)
    if code is not None and code.box_hash and box_hash(box) != code.box_hash:
        return Checked(Binding.ALTERED, None, f"{NOT_THIS_RECORD} (the code signs other answers)")
    if version is None:
        return Checked(Binding.ALTERED, None, "not a sealed box of a known version")
    try:
        if version == MAGIC.decode():
            document = open_document(box, key, bound_to(info))
        elif info.created_at < BOUND_SINCE:
            document = open_document(box, key, None)
            return Checked(Binding.LEGACY, document, "made before binding: not checked to be this record's")
        else:
            why = f"unbound answers made after {BOUND_SINCE:%Y-%m-%d}: refused"
            return Checked(Binding.UNBOUND, None, why)
    except SealError:
        return Checked(Binding.ALTERED, None, f"{NOT_THIS_RECORD} (or they were altered)")
    except (ValueError, UnicodeDecodeError) as exc:
        return Checked(Binding.UNREADABLE, None, f"the answers cannot be read ({type(exc).__name__})")
    if code is None or not code.box_hash:
        why = f"no signed code vouches for these answers ({no_code_why}): scan the printed code"
        return Checked(Binding.UNBOUND, None, why)
    return Checked(Binding.BOUND, document)

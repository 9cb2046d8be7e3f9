"""Answers bound to their record: sealed boxes swapped between rows, or replaced, are refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kiosk.crypto.keys import KeyRegistry
from kiosk.crypto.primitives import Ed25519PrivateKey, X25519PrivateKey
from kiosk.crypto.seal import binding, seal, seal_legacy
from kiosk.qrpayload import Payload, Verdict, box_hash, encode, verify
from kiosk.staff.binding import BOUND_SINCE, NOT_THIS_RECORD, Binding, open_checked, row_code
from kiosk.staff.records import SubmissionInfo

OFFICE = X25519PrivateKey.generate()
SIGNER = Ed25519PrivateKey.generate()
KIOSK = "SK-LOBBY-1"
FORM = "temporary-residence"
NOW = dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.UTC)


def registry(tmp_path: Path) -> KeyRegistry:
    keys = KeyRegistry(tmp_path / "keys.json")
    keys.register(KIOSK, SIGNER.public_key())
    return keys


def row(sid: str, reference: str, surname: str, created: dt.datetime = NOW,
        legacy: bool = False) -> tuple[SubmissionInfo, bytes]:  # fmt: skip
    """An office row as a kiosk makes it: box bound to the row, code signing the box's hash."""
    document = json.dumps({"form": FORM, "version": 1, "lang": "en", "answers": {"surname": surname}})
    if legacy:  # before binding: SB1 box, K1 code
        box = seal_legacy(document.encode(), OFFICE.public_key())
        code = encode(Payload(reference, KIOSK, FORM, created), SIGNER)
    else:
        box = seal(document.encode(), OFFICE.public_key(), binding(sid, reference, KIOSK, FORM, created))
        code = encode(Payload(reference, KIOSK, FORM, created, box_hash(box)), SIGNER)
    info = SubmissionInfo(sid, reference, KIOSK, FORM, 1, "en", created, created, "new", None, None, None,
                          qr_payload=code)  # fmt: skip
    return info, box


A_ID, B_ID = "0b9e7d5c-6a4f-4c1e-9d3b-2a1f0e9d8c7b", "5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c"


def scanned(info: SubmissionInfo, tmp_path: Path) -> Payload:
    verification = verify(str(info.qr_payload), registry(tmp_path))
    assert verification.genuine and verification.payload is not None
    return verification.payload


def test_a_row_opens_with_its_own_answers(tmp_path: Path) -> None:
    info, box = row(A_ID, "ACEFGHJK", "ALPHA")
    checked = open_checked(box, OFFICE, info, scanned(info, tmp_path))
    assert checked.binding is Binding.BOUND and checked.document is not None
    assert checked.document.answers == {"surname": "ALPHA"}
    code, why = row_code(info, info.qr_payload, registry(tmp_path))  # typed reference: stored code
    assert why == "" and open_checked(box, OFFICE, info, code).binding is Binding.BOUND


def test_boxes_swapped_between_two_rows_are_detected(tmp_path: Path) -> None:
    a, _box_a = row(A_ID, "ACEFGHJK", "ALPHA")
    b, box_b = row(B_ID, "MNPQRSTU", "BRAVO")
    keys = registry(tmp_path)
    # Scanning A's paper, the office row A holding B's box: the signed hash differs.
    checked = open_checked(box_b, OFFICE, a, scanned(a, tmp_path))
    assert checked.binding is Binding.ALTERED and checked.document is None
    assert NOT_THIS_RECORD in checked.detail
    # A typed reference: A's stored code does not sign B's box.
    code, why = row_code(a, a.qr_payload, keys)
    assert open_checked(box_b, OFFICE, a, code, why).binding is Binding.ALTERED
    # The stored codes swapped too: B's code is not row A's, and B's box does not open as A's.
    moved = SubmissionInfo(**{**a.__dict__, "qr_payload": b.qr_payload})
    code, why = row_code(moved, moved.qr_payload, keys)
    assert code is None and "another record" in why
    assert open_checked(box_b, OFFICE, moved, None, why).binding is Binding.ALTERED


def test_a_box_sealed_by_someone_else_for_the_row_is_refused(tmp_path: Path) -> None:
    """Anyone may seal to the office's public key, even bound to row A: the kiosk's signed hash
    is what tells its box apart."""
    a, _box = row(A_ID, "ACEFGHJK", "ALPHA")
    forged = seal(b'{"answers": {"surname": "MALLORY"}}', OFFICE.public_key(),
                  binding(A_ID, "ACEFGHJK", KIOSK, FORM, NOW))  # fmt: skip
    assert open_checked(forged, OFFICE, a, scanned(a, tmp_path)).binding is Binding.ALTERED
    assert open_checked(forged, OFFICE, a, None, "no code").binding is Binding.UNBOUND


def test_an_edited_box_hash_in_the_code_is_altered(tmp_path: Path) -> None:
    a, _box = row(A_ID, "ACEFGHJK", "ALPHA")
    _, box_b = row(B_ID, "MNPQRSTU", "BRAVO")
    parts = str(a.qr_payload).split(":")
    parts[5] = box_hash(box_b)  # the hash of other answers, signature unchanged
    assert verify(":".join(parts), registry(tmp_path)).verdict is Verdict.ALTERED


def test_edited_row_metadata_no_longer_opens(tmp_path: Path) -> None:
    a, box = row(A_ID, "ACEFGHJK", "ALPHA")
    code = scanned(a, tmp_path)
    for change in ({"id": B_ID}, {"kiosk_id": "SK-LOBBY-2"}, {"form_id": "work-permit"},
                   {"created_at": NOW + dt.timedelta(seconds=5)}):  # fmt: skip
        edited = SubmissionInfo(**{**a.__dict__, **change})
        assert open_checked(box, OFFICE, edited, code).binding is Binding.ALTERED, change


def test_unbound_rows_before_the_cut_over_open_with_a_warning_after_it_are_refused(tmp_path: Path) -> None:
    early = BOUND_SINCE - dt.timedelta(days=30)
    old, box = row(A_ID, "ACEFGHJK", "ALPHA", created=early, legacy=True)
    checked = open_checked(box, OFFICE, old, scanned(old, tmp_path))
    assert checked.binding is Binding.LEGACY and checked.document is not None
    assert "made before binding" in checked.detail
    late, box = row(B_ID, "MNPQRSTU", "BRAVO", created=BOUND_SINCE + dt.timedelta(days=1), legacy=True)
    checked = open_checked(box, OFFICE, late, scanned(late, tmp_path))
    assert checked.binding is Binding.UNBOUND and checked.document is None


def test_garbage_instead_of_a_box_is_a_verdict(tmp_path: Path) -> None:
    a, _box = row(A_ID, "ACEFGHJK", "ALPHA")
    for junk in (b"", b"SB2", b"SB2" + b"\x00" * 80, b"XX" * 50):
        checked = open_checked(junk, OFFICE, a, None, "no code")
        assert checked.binding is Binding.ALTERED and checked.document is None

"""The staff console's core: one signed-in desk with the office key, every action audited.

Thread-safety: the methods may run on a worker thread (the Qt window runs them off the GUI
thread); the engine pools connections and the key registry locks, so a reprint waiting on CUPS
may overlap a scan. Sign-in and sign-out stay on one thread. The office private key lives in
memory from sign-in to sign-out and opened answers are only returned, never stored (a reprint's
spool file excepted, deleted when CUPS is done with it: kiosk.staff.reprint).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Engine

from kiosk.clock import utcnow
from kiosk.crypto.office import load_private
from kiosk.crypto.primitives import X25519PrivateKey
from kiosk.forms.model import Form
from kiosk.office.db import office_engine
from kiosk.qrpayload import Payload, Verification, verify
from kiosk.staff import accounts, audit, records, search, workflow
from kiosk.staff.accounts import SignInFailure, SignInRefused, StaffUser
from kiosk.staff.answers import AnswerRow, labelled_rows
from kiosk.staff.binding import Binding, Checked, open_checked, row_code
from kiosk.staff.export import write_day
from kiosk.staff.lookup import Outcome, ScanResult, Stopwatch, mismatch
from kiosk.staff.photos import PhotoSet, open_photos, sealed_photos
from kiosk.staff.registry import OfficeKeyRegistry
from kiosk.staff.reprint import ReprintResult, ReprintSettings, reprint_submission
from kiosk.staff.wedge import InputKind, parse


class NotSignedIn(PermissionError):
    pass


class StaffConsole:
    """Sign in (password + office key passphrase), then scan, open, work, search, export, reprint."""

    def __init__(
        self,
        url: str,
        key_path: Path,
        forms: dict[str, Form] | None = None,
        engine: Engine | None = None,
        printing: ReprintSettings | None = None,
    ) -> None:
        self.engine = engine or office_engine(url)
        self.printing = printing or ReprintSettings()
        self.key_path = key_path
        self.registry = OfficeKeyRegistry(self.engine)
        if forms is None:
            from kiosk.forms import load_forms

            forms = load_forms()
        self.forms = forms
        self.user: StaffUser | None = None
        self._key: X25519PrivateKey | None = None

    # --- sign-in ------------------------------------------------------------------------
    def sign_in(self, username: str, password: str, passphrase: str) -> StaffUser:
        """Raises SignInRefused; the office key is unlocked once here and kept until sign-out."""
        user = accounts.authenticate(self.engine, username, password)
        try:
            key = load_private(self.key_path, passphrase)
        except (ValueError, TypeError, OSError):
            self._audit(user, "office_key_failed")
            accounts.end_session(self.engine, user, None)
            raise SignInRefused(SignInFailure.BAD_OFFICE_KEY) from None
        self.user, self._key = user, key
        self._audit(user, "sign_in", detail=f"role={user.role}")
        self.registry.refresh()  # warm: the first scan then needs no key query
        return user

    def unlock_service(self, actor: str, passphrase: str) -> None:
        """For `kiosk staff show`: no staff account, the database URL is the authority."""
        self._key = load_private(self.key_path, passphrase)
        self.user = StaffUser(actor, "staff")

    def sign_out(self, why: str = "user") -> None:
        if self.user is not None:
            accounts.end_session(self.engine, self.user, why)
        self.user, self._key = None, None

    def _need(self, admin: bool = False) -> tuple[StaffUser, X25519PrivateKey]:
        if self.user is None or self._key is None:
            raise NotSignedIn("sign in first")
        if admin and not self.user.is_admin:
            raise PermissionError("admins only")
        return self.user, self._key

    def _audit(self, who: StaffUser, action: str, sid: str | None = None, detail: str | None = None) -> None:
        with self.engine.begin() as conn:
            audit.record(conn, who, action, sid, detail)

    # --- scanning -----------------------------------------------------------------------
    def scan(self, typed: str) -> ScanResult:
        """What the scanner (or a person) typed: a signed code or a reference."""
        user, key = self._need()
        timings: dict[str, float] = {}
        sw = Stopwatch(timings)
        with sw.phase("decode"):
            found = parse(typed)
        if found.kind is InputKind.NOTHING:
            return ScanResult(Outcome.NO_CODE, detail="no code or reference in the input")
        if found.kind is InputKind.REFERENCE:
            return self._open(user, key, None, found.text, timings)
        with sw.phase("verify"):
            verification = verify(found.text, self.registry)
        if not verification.genuine:
            p = verification.payload
            ref = p.reference if p else "?"
            self._audit(user, "scan_rejected", detail=f"{verification.verdict.value} ref={ref}")
            return ScanResult(
                Outcome.FORGED, verification.verdict.value, verification.detail, p, timings_ms=timings
            )
        assert verification.payload is not None  # genuine implies parsed
        return self._open(user, key, verification, verification.payload.reference, timings)

    def scan_codes(self, codes: list[str]) -> ScanResult:
        """The kiosk's code among those found in an image or PDF (see kiosk.qr_images.pick_code)."""
        from kiosk.qr_images import pick_code

        code = pick_code(codes)
        if code is None:
            return ScanResult(Outcome.NO_CODE, detail="no QR code found")
        return self.scan(code)

    def _open(
        self,
        user: StaffUser,
        key: X25519PrivateKey,
        v: Verification | None,
        reference: str,
        timings: dict[str, float],
    ) -> ScanResult:
        """Fetch by reference and open; `v` is the genuine verification of a scanned code."""
        verdict = v.verdict.value if v else None
        sw = Stopwatch(timings)
        with sw.phase("fetch"), self.engine.begin() as conn:
            # A signed code is looked up with its own kiosk: references are unique per kiosk only.
            kiosk_id = v.payload.kiosk_id if v and v.payload else None
            if kiosk_id is None and len(holders := records.kiosks_with_reference(conn, reference)) > 1:
                problem = f"reference {reference} was issued by kiosks {', '.join(holders)}: scan the QR code"
                audit.record(conn, user, "scan_rejected", detail=f"ambiguous ref={reference}")
                return ScanResult(Outcome.MISMATCH, None, problem, timings_ms=timings)
            found = records.fetch(conn, reference=reference, kiosk_id=kiosk_id)
            if found is None:
                kiosk = records.kiosk_state(conn, v.payload.kiosk_id) if v and v.payload else None
                audit.record(conn, user, "scan_not_found", detail=f"ref={reference}")
                outcome = Outcome.NOT_SYNCED if v else Outcome.NOT_FOUND
                return ScanResult(
                    outcome, verdict, "", v.payload if v else None, kiosk=kiosk, timings_ms=timings
                )
            info, box = found
            problem = mismatch(v.payload, info) if v and v.payload else ""
            if problem:
                audit.record(conn, user, "scan_rejected", info.id, f"mismatch: {problem}")
                return ScanResult(
                    Outcome.MISMATCH, verdict, problem, v.payload if v else None, info, timings_ms=timings
                )
            how = "scan" if v else "reference"
            audit.record(conn, user, "open", info.id, f"{how} ref={reference}")
        with sw.phase("open"):
            checked = self._check(key, info, box, v.payload if v else None)
        refused = {Binding.ALTERED: Outcome.ALTERED, Binding.UNBOUND: Outcome.UNBOUND}.get(checked.binding)
        payload = v.payload if v else None
        if refused is not None:
            self._audit(user, "open_refused", info.id, f"{checked.binding.value}: {checked.detail}")
            return ScanResult(refused, verdict, checked.detail, payload, info, timings_ms=timings)
        if checked.document is None:
            return ScanResult(Outcome.UNREADABLE, verdict, checked.detail, payload, info, timings_ms=timings)
        warning = checked.detail if checked.binding is Binding.LEGACY else ""  # shown beside the answers
        rows = self._layout(info, checked)
        with sw.phase("open"):  # the pictures are part of opening the record
            pictures = self._photos(user, key, info, checked)
        return ScanResult(
            Outcome.OPENED, verdict, "", payload, info, rows, timings_ms=timings, warning=warning,
            photos=pictures,
        )

    def _photos(self, user: StaffUser, key: X25519PrivateKey, info: records.SubmissionInfo,
                checked: Checked) -> PhotoSet:  # fmt: skip
        """The record's pictures, opened only after its answers passed the binding check; opening
        them is audited like opening answers, a refused one separately."""
        skipped = checked.document.photos_skipped if checked.document else ()
        with self.engine.connect() as conn:
            boxes = sealed_photos(conn, info.id)
        if not boxes and not skipped:
            return PhotoSet()
        found = open_photos(boxes, key, info, self.forms.get(info.form_id), skipped)
        if found.photos:
            keys = ", ".join(p.key for p in found.photos)
            self._audit(user, "open_photos", info.id, f"{len(found.photos)}: {keys}")
        if found.refused:
            why = f"not this record's pictures: {', '.join(found.refused)}"
            self._audit(user, "photos_refused", info.id, why)
        return found

    def _check(self, key: X25519PrivateKey, info: records.SubmissionInfo, box: bytes,
               scanned: Payload | None = None) -> Checked:  # fmt: skip
        """Open the answers if they are this row's (kiosk.staff.binding): the scanned code's box
        hash, else the stored code's."""
        if scanned is not None and scanned.box_hash:
            return open_checked(box, key, info, scanned)
        code, why = row_code(info, info.qr_payload, self.registry)
        return open_checked(box, key, info, code or scanned, why)

    def _layout(self, info: records.SubmissionInfo, checked: Checked) -> list[AnswerRow]:
        if checked.document is None:
            return []
        return labelled_rows(self.forms.get(info.form_id), checked.document.answers)

    def _rows(
        self, key: X25519PrivateKey, info: records.SubmissionInfo, box: bytes
    ) -> tuple[list[AnswerRow], str]:
        checked = self._check(key, info, box)
        if checked.document is None:
            return [], f"the answers cannot be opened: {checked.detail}"
        return self._layout(info, checked), ""

    def refresh(self, submission_id: str) -> records.SubmissionInfo | None:
        """Metadata and notes again (after a status change or a note); answers stay as shown."""
        self._need()
        with self.engine.connect() as conn:
            found = records.fetch(conn, submission_id=submission_id)
        return found[0] if found else None

    # --- work ---------------------------------------------------------------------------
    def set_status(self, info: records.SubmissionInfo, target: str, reason: str | None = None) -> None:
        user, _ = self._need()
        workflow.set_status(self.engine, user, info.id, info.status, target, reason)

    def add_note(self, submission_id: str, body: str) -> None:
        user, _ = self._need()
        workflow.add_note(self.engine, user, submission_id, body)

    def reprint(self, submission_id: str) -> ReprintResult:
        """Print the whole form again on the office printer (blocks until CUPS is done); audited."""
        user, key = self._need()
        return reprint_submission(
            self.engine, user, key, self.forms, self.registry, submission_id, self.printing
        )

    def search(self, criteria: search.Criteria) -> list[tuple[records.SubmissionInfo, str]]:
        """(submission, name) pairs; the name only for a name search (opened in memory)."""
        user, key = self._need()
        q = search.query(criteria, with_sealed=bool(criteria.name))
        out: list[tuple[records.SubmissionInfo, str]] = []
        opened = 0
        with self.engine.begin() as conn:
            for row in conn.execute(q):
                info = records.info_from_row(row, [])
                if criteria.name:
                    opened += 1
                    document = self._check(key, info, bytes(row.sealed_answers)).document
                    if document is None:  # not this row's answers: never matched by name
                        continue
                    answers = document.answers
                    if not search.name_matches(criteria.name, answers):
                        continue
                    out.append((info, search.name_of(answers)))
                    if len(out) >= search.MAX_RESULTS:
                        break
                else:
                    out.append((info, ""))
            detail = f"{criteria.describe()} -> {len(out)}" + (f", {opened} opened" if opened else "")
            audit.record(conn, user, "search", detail=detail)
        return out

    def export_day(self, day: dt.date, folder: Path) -> tuple[Path, Path, int]:
        """Open every submission created on `day` (China time) and write CSV + XLSX to `folder`."""
        user, key = self._need()
        criteria = search.Criteria(day_from=day, day_to=day)
        opened = []
        with self.engine.connect() as conn:
            for row in conn.execute(search.query(criteria, with_sealed=True).limit(None)):
                info = records.info_from_row(row, [])
                rows, _error = self._rows(key, info, bytes(row.sealed_answers))
                opened.append((info, rows))
        csv_path, xlsx_path, count = write_day(day, opened, folder)
        self._audit(user, "export", detail=f"{day} {count} rows -> {csv_path.parent}")
        return csv_path, xlsx_path, count

    def fleet(self) -> list[records.KioskState]:
        user, _ = self._need()
        with self.engine.begin() as conn:
            states = records.fleet(conn)
            audit.record(conn, user, "fleet_view")
        return states

    def help_calls(self, now: dt.datetime | None = None) -> list[records.KioskState]:
        """Kiosks where a visitor waits for staff. Polled by the window every few seconds, so not
        audited (like `fleet` it shows no personal data: a kiosk id, a number and a time)."""
        self._need()
        moment = now or utcnow()
        with self.engine.connect() as conn:
            return [k for k in records.fleet(conn) if k.needs_help(moment)]

    def audit_log(self, limit: int = 200, submission_id: str | None = None) -> list[audit.AuditRow]:
        self._need(admin=submission_id is None)  # a submission's own history: any staff
        return audit.recent(self.engine, limit, submission_id)

    def close(self) -> None:
        self.user, self._key = None, None
        self.engine.dispose()

"""The staff window's own texts: keys to English msgids of the shared gettext catalogs (kiosk.i18n).

Form labels and answers come from the same catalogs; these are the console's buttons and
messages, translated in every i18n/<lang>.po like everything else (`kiosk i18n extract`).
The console is shown in Chinese or English (`kiosk staff --lang`).
"""

from __future__ import annotations

from kiosk.i18n import N_, catalog

# The answers table's column heads name the two languages of a form's labels: not translated.
COLUMN_LANGUAGES = {"col_label_zh": "中文", "col_label_en": "English"}

TEXTS: dict[str, str] = {
    "title": N_("Staff console"),
    "username": N_("User name"),
    "password": N_("Password"),
    "passphrase": N_("Office key passphrase"),
    "sign_in": N_("Sign in"),
    "sign_out": N_("Sign out"),
    "signing_in": N_("Signing in…"),
    "bad-credentials": N_("Wrong user name or password."),
    "locked": N_("Too many failed attempts: the account is locked for a while."),
    "bad-office-key": N_("The office key passphrase is wrong."),
    "signed_out_idle": N_("Signed out after {minutes} minutes without activity."),
    "signed_in_as": N_("Signed in: {user} ({role})"),
    "tab_scan": N_("Scan"),
    "tab_search": N_("Search and export"),
    "tab_fleet": N_("Kiosks"),
    "tab_audit": N_("Audit log"),
    "scan_hint": N_("Scan the QR code (or type a reference and press Enter)"),
    "open_file": N_("Open image or PDF…"),
    "busy": N_("Looking up…"),
    "opened": N_("Genuine code: {reference}"),
    "opened_ref": N_("Opened by reference {reference} (no code checked)"),
    "forged": N_(
        "WARNING: this code is not genuine ({verdict}). Do not accept the paper; ask the "
        "visitor to submit again."
    ),
    "mismatch": N_("WARNING: the code does not match the office record: {detail}"),
    "not_synced": N_(
        "Not in the office yet. Kiosk {kiosk} holds it (last seen {last_seen}, {queue} waiting "
        "to send)."
    ),
    "not_synced_unknown": N_("Not in the office yet, and kiosk {kiosk} has never reported."),
    "not_found": N_("No submission has the reference {reference}."),
    "unreadable": N_("The answers cannot be opened: {detail}"),
    "answers_altered": N_(
        "WARNING: these answers do not belong to this record ({detail}). Do not accept the "
        "paper; tell the supervisor."
    ),
    "unbound": N_("Refused: the answers are not bound to their record ({detail})."),
    "made_before_binding": N_("{opened} — made before binding: not checked to belong to this record."),
    "no_code": N_("No code or reference found."),
    "error": N_("Something went wrong: {detail}"),
    "never": N_("never"),
    "col_value": N_("Answer"),
    "copied": N_("Copied: {label}"),
    "meta": N_("{reference} · {form} · submitted {created} · kiosk {kiosk} · visitor language {lang}"),
    "status": N_("Status: {status}"),
    "group": N_("{member} of {size} people registered together"),
    "group_others": N_("Others: {references}"),
    "group_missing": N_("{count} not received yet"),
    "st_new": N_("new"),
    "st_in_progress": N_("in progress"),
    "st_done": N_("done"),
    "st_rejected": N_("rejected"),
    "st_archived": N_("archived"),
    "to_in_progress": N_("Start"),
    "to_done": N_("Done"),
    "to_rejected": N_("Reject…"),
    "to_new": N_("Back to new"),
    "reopen": N_("Reopen"),
    "reason": N_("Reason for rejecting"),
    "add_note": N_("Add note…"),
    "note": N_("Note (no personal data)"),
    "notes": N_("Notes"),
    "reference": N_("Reference"),
    "name": N_("Name (opens the range)"),
    "form": N_("Form"),
    "any": N_("any"),
    "from": N_("From"),
    "to": N_("To"),
    "search": N_("Search"),
    "results": N_("{count} found"),
    "export_day": N_("Export day (CSV + XLSX)…"),
    "exported": N_("Exported {count} submissions to {path}"),
    "refresh": N_("Refresh"),
    "submitted": N_("Submitted"),
    "kiosk": N_("Kiosk"),
    "last_seen": N_("Last heartbeat"),
    "help_call": N_("Kiosk {kiosk}: a visitor needs help (number {number}, since {since})"),
    "help_col": N_("Help"),
    "queue": N_("Queue"),
    "oldest": N_("Oldest unsent"),
    "printer": N_("Printer"),
    "version": N_("Version"),
    "at": N_("When"),
    "actor": N_("Who"),
    "action": N_("What"),
    "detail": N_("Detail"),
    "submission": N_("Submission"),
    "status_col": N_("Status"),
    "name_col": N_("Name"),
    "reprint": N_("Reprint form"),
    "reprinting": N_("Printing…"),
    "reprint_busy": N_("Reprinting {reference}…"),
    "default_printer": N_("the default printer"),
    "reprinted": N_("Reprinted {reference} on {printer}."),
    "reprinted_no_qr": N_(
        "Reprinted {reference} on {printer}, without a QR code ({why}): look it up by the "
        "reference."
    ),
    "reprint_failed": N_("Not reprinted ({reference}): {detail}"),
    # the visitor's pictures (kiosk/staff_qt/photos_view.py, docs/photos.md)
    "photos": N_("Photos: click one to enlarge"),
    "photos_skipped": N_("Not photographed, ask for the paper: {names}"),
    "photos_refused": N_(
        "WARNING: {count} picture(s) do not belong to this record and are not shown: tell the "
        "supervisor."
    ),
    "photo_close": N_("Close"),
    # camera (kiosk/staff_qt/camera.py)
    "camera": N_("Camera"),
    "camera_stop": N_("Stop camera"),
    "camera_starting": N_("Starting the camera…"),
    "camera_hint": N_("Hold the QR code printed on the form in front of the camera."),
    "camera_foreign": N_("That QR code is not from the kiosk: show the code printed on the form."),
    "camera_error": N_("Camera: {detail}. Use the scanner or Open image or PDF… instead."),
    "camera_lost": N_("the camera was unplugged"),
    "camera_denied": N_("access to the camera was refused"),
    "camera_missing": N_("camera support (Qt Multimedia) is not installed"),
}


def t(lang: str, key: str, /, **params: object) -> str:
    """The console's text `key` in `lang`, its named placeholders filled."""
    if key in COLUMN_LANGUAGES:
        return COLUMN_LANGUAGES[key]
    return catalog(lang).format(TEXTS[key], **params)

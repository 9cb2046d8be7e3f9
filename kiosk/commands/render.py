"""`kiosk render`: the printed form from an answers file, signed but not queued (demos, checks)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.commands._shared import forms_folder, load_config


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "render", help="render the printed form from answers (nothing is queued)"
    )
    parser.add_argument("--form", required=True, metavar="ID", help="form id, e.g. temporary-residence")
    parser.add_argument("--lang", required=True, metavar="CODE", help="visitor's language, e.g. ko")
    parser.add_argument("--data", required=True, type=Path, metavar="FILE.json", help="the answers")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="the PDF to write")
    parser.add_argument(
        "--profile", choices=("form", "receipt"), help="what to render (default: print_profile)"
    )
    parser.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Exit 0 with the PDF written, 2 for a bad form, language, answers file or answers."""
    from kiosk.config import LANGUAGES
    from kiosk.crypto.keys import kiosk_signing_key
    from kiosk.forms import FormDefinitionError, load_form
    from kiosk.forms.loader import ID_RE
    from kiosk.forms.validate import validate_answers
    from kiosk.i18n import translate
    from kiosk.pdf.render import PrintedForm, render_pdf
    from kiosk.qrpayload import Payload, encode
    from kiosk.refcode import new_reference

    config = load_config(args)
    if config is None:
        return 2
    if args.lang not in LANGUAGES:
        return _fail(f"unknown language {args.lang!r} (known: {' '.join(LANGUAGES)})")
    folder = forms_folder(config)
    path = folder / f"{args.form}.json"
    if not ID_RE.match(args.form) or not path.is_file():
        known = " ".join(p.stem for p in sorted(folder.glob("*.json")))
        return _fail(f"unknown form {args.form!r} (installed: {known or 'none'})")
    try:
        form = load_form(path)
    except FormDefinitionError as exc:
        return _fail("the form definition is broken:\n  " + "\n  ".join(exc.problems))
    try:
        answers = json.loads(args.data.read_text(encoding="utf-8"))
    except OSError as exc:
        return _fail(f"cannot read {args.data}: {exc.strerror or exc}")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return _fail(f"{args.data} is not valid JSON: {exc}")
    if not isinstance(answers, dict):
        return _fail(f"{args.data} must hold one JSON object of field id → answer")

    problems = validate_answers(form, answers)
    for problem in problems:
        kind = "warning" if problem.warning else "problem"
        message = translate("en", problem.message, **problem.params)
        print(f"{kind}: {problem.field}: {message}", file=sys.stderr)
    if any(not p.warning for p in problems):
        print(f"error: {args.data}: the answers are not valid; nothing rendered", file=sys.stderr)
        return 2

    # A throwaway reference, signed with this kiosk's key so `kiosk verify` here accepts it.
    key = kiosk_signing_key(config.data_dir, config.kiosk_id)
    reference = new_reference()
    created = dt.datetime.now(dt.UTC).replace(microsecond=0)
    payload = encode(Payload(reference, config.kiosk_id, form.id, created), key)
    doc = PrintedForm(form, args.lang, reference, payload, created, config.kiosk_id, config.paper)
    visible = form.visible_answers(answers)
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if (args.profile or config.print_profile) == "receipt":
            from kiosk.pdf.receipt import ReceiptInfo, render_receipt
            from kiosk.pdf.text import documents_to_bring

            docs = tuple(documents_to_bring(form, visible))
            info = ReceiptInfo(form.title, args.lang, reference, payload, created, config.kiosk_id, docs)
            render_receipt(info, args.out)
        else:
            render_pdf(doc, visible, args.out)
    except OSError as exc:
        return _fail(f"cannot write {args.out}: {exc.strerror or exc}")
    print(f"rendered {args.out}: reference {reference}, form {form.id}, language {args.lang}")
    return 0

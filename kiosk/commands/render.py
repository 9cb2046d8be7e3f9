"""`kiosk render`: the printed form from an answers file, signed but not queued (demos, checks)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from kiosk.commands._shared import add_answers_arguments, config_form_and_answers, fail


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "render", help="render the printed form from answers (nothing is queued)"
    )
    add_answers_arguments(parser)
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="the PDF to write")
    parser.add_argument(
        "--profile", choices=("form", "receipt"), help="what to render (default: print_profile)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 with the PDF written, 2 for a bad form, language, answers file or answers."""
    from kiosk.clock import utcnow
    from kiosk.crypto.keys import kiosk_signing_key
    from kiosk.forms.validate import validate_answers
    from kiosk.i18n import translate
    from kiosk.pdf.render import PrintedForm, render_pdf
    from kiosk.qrpayload import Payload, box_hash, encode
    from kiosk.refcode import new_reference

    loaded = config_form_and_answers(args)
    if isinstance(loaded, int):
        return loaded
    config, form, answers = loaded

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
    created = utcnow().replace(microsecond=0)
    # Nothing is sealed for a preview: the box hash is of random bytes, so the code has its size.
    payload = encode(Payload(reference, config.kiosk_id, form.id, created, box_hash(os.urandom(64))), key)
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
        return fail(f"cannot write {args.out}: {exc.strerror or exc}")
    print(f"rendered {args.out}: reference {reference}, form {form.id}, language {args.lang}")
    return 0

"""`kiosk submit`: queue a submission exactly as the kiosk's Submit button does (scripts, loads)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.commands._shared import forms_folder, load_config


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "submit", help="validate, seal and queue answers as the kiosk's Submit does"
    )
    parser.add_argument(
        "--form", required=True, metavar="ID", help="form id, e.g. temporary-residence"
    )
    parser.add_argument("--lang", required=True, metavar="CODE", help="visitor's language, e.g. ko")
    parser.add_argument("--data", required=True, type=Path, metavar="FILE.json", help="the answers")
    parser.add_argument(
        "--no-print", action="store_true", help="queue only: no PDF, no printing (load tests)"
    )
    parser.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Print the reference and exit 0; exit 2 listing every problem when nothing was queued."""
    from kiosk.config import LANGUAGES
    from kiosk.forms import FormDefinitionError, load_form
    from kiosk.forms.loader import ID_RE
    from kiosk.i18n import translate
    from kiosk.submit import InvalidAnswers, Submitter

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
        answers = json.loads(args.data.read_text(encoding="utf-8"))
    except FormDefinitionError as exc:
        return _fail("the form definition is broken:\n  " + "\n  ".join(exc.problems))
    except OSError as exc:
        return _fail(f"cannot read {args.data}: {exc.strerror or exc}")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return _fail(f"{args.data} is not valid JSON: {exc}")
    if not isinstance(answers, dict):
        return _fail(f"{args.data} must hold one JSON object of field id → answer")

    submitter = Submitter(config)
    try:
        if args.no_print:
            queued, detail = submitter.queue_answers(form, args.lang, answers), "not printed"
        else:
            result = submitter.submit(form, args.lang, answers)
            queued, detail = result.queued, result.print_detail
    except InvalidAnswers as exc:
        for problem in exc.problems:
            message = translate("en", problem.message, **problem.params)
            print(f"problem: {problem.field}: {message}", file=sys.stderr)
        return _fail(f"{args.data}: the answers are not valid; nothing queued")
    finally:
        submitter.close()
    print(queued.reference)
    print(f"queued {queued.id} ({detail})", file=sys.stderr)
    return 0

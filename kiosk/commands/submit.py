"""`kiosk submit`: queue a submission exactly as the kiosk's Submit button does (scripts, loads)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kiosk.commands._shared import add_answers_arguments, config_form_and_answers, fail, office_ready


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "submit", help="validate, seal and queue answers as the kiosk's Submit does"
    )
    add_answers_arguments(parser)
    parser.add_argument(
        "--no-print", action="store_true", help="queue only: no PDF, no printing (load tests)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the reference and exit 0; exit 2 listing every problem when nothing was queued."""
    from kiosk.i18n import translate
    from kiosk.submit import InvalidAnswers, Submitter

    loaded = config_form_and_answers(args)
    if isinstance(loaded, int):
        return loaded
    config, form, answers = loaded
    if not office_ready(config, database=False):
        return 2

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
        return fail(f"{args.data}: the answers are not valid; nothing queued")
    finally:
        submitter.close()
    print(queued.reference)
    print(f"queued {queued.id} ({detail})", file=sys.stderr)
    return 0

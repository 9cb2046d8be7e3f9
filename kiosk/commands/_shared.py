"""Helpers shared by the command modules: the config, with its problems printed for people."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config import ConfigError, KioskConfig, load

if TYPE_CHECKING:
    from kiosk.forms import Form


def load_config(args: argparse.Namespace) -> KioskConfig | None:
    """The config named by the global `--config` (or the defaults); None after printing why not."""
    try:
        return load(getattr(args, "config", None))
    except ConfigError as exc:
        print(f"error: config {exc.source}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return None


def office_ready(config: KioskConfig, *, key: bool = True, database: bool = True) -> bool:
    """False after printing, for IT, what is missing to reach a real office (demo mode needs
    nothing: kiosk.config.office_problems)."""
    from kiosk.config import office_problems

    problems = office_problems(config, key=key, database=database)
    if problems:
        print("error: this kiosk has no office to seal answers to or send them to:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
    return not problems


def forms_folder(config: KioskConfig) -> Path:
    """Where the installed forms are: the config's override, or the bundled folder."""
    from kiosk import paths

    return config.forms_dir or paths.forms_dir()


def fail(message: str) -> int:
    """Print an error for people and return exit status 2 (bad input)."""
    print(f"error: {message}", file=sys.stderr)
    return 2


def add_answers_arguments(parser: argparse.ArgumentParser) -> None:
    """`--form`, `--lang` and `--data`: what load_form_and_answers reads."""
    parser.add_argument("--form", required=True, metavar="ID", help="form id, e.g. temporary-residence")
    parser.add_argument("--lang", required=True, metavar="CODE", help="visitor's language, e.g. ko")
    sample = "`sample`: the form's sample; relative dates (+6d, -1y, today) are resolved on today"
    parser.add_argument("--data", required=True, metavar="FILE.json|sample", help=f"the answers; {sample}")


def load_form_and_answers(
    args: argparse.Namespace, config: KioskConfig
) -> tuple[Form, dict[str, Any]] | int:
    """The form named by `--form` and the answers in `--data`, checked with `--lang`; or, after
    printing why not, exit status 2. Shared by `kiosk render` and `kiosk submit`."""
    from kiosk.forms import FormDefinitionError, load_form
    from kiosk.forms.loader import ID_RE
    from kiosk.languages import LANGUAGES

    if args.lang not in LANGUAGES:
        return fail(f"unknown language {args.lang!r} (known: {' '.join(LANGUAGES)})")
    folder = forms_folder(config)
    path = folder / f"{args.form}.json"
    if not ID_RE.match(args.form) or not path.is_file():
        known = " ".join(p.stem for p in sorted(folder.glob("*.json")))
        return fail(f"unknown form {args.form!r} (installed: {known or 'none'})")
    try:
        form = load_form(path)
    except FormDefinitionError as exc:
        return fail("the form definition is broken:\n  " + "\n  ".join(exc.problems))
    import datetime as dt

    from kiosk.forms.samples import find_sample, read_answers, resolve_dates

    data = find_sample(form.id, config.forms_dir) if args.data == "sample" else Path(args.data)
    if data is None:
        return fail(f"the form {args.form!r} has no sample (samples/{args.form}.json)")
    try:
        answers = read_answers(data)
    except ValueError as exc:
        return fail(str(exc))
    # Relative dates ("+6d", "-1y", "today"), as the samples write them, are resolved on today.
    answers = resolve_dates(form, answers, dt.date.today())
    return form, answers


def config_form_and_answers(args: argparse.Namespace) -> tuple[KioskConfig, Form, dict[str, Any]] | int:
    """`load_config` then `load_form_and_answers`: the start of `kiosk render` and `kiosk submit`."""
    config = load_config(args)
    if config is None:
        return 2
    loaded = load_form_and_answers(args, config)
    return loaded if isinstance(loaded, int) else (config, *loaded)

"""`kiosk forms check [PATH...]` and `kiosk forms list`: form definitions, for staff and CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.commands._shared import fail, forms_folder, load_config


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("forms", help="check or list form definitions")
    actions = parser.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check", help="validate definitions; exit 0 when all are valid, else 1 with every problem"
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="form files or folders of them (default: the installed forms)",
    )
    check.set_defaults(func=run_check)
    listing = actions.add_parser("list", help="one line per installed form: id, title, languages")
    listing.set_defaults(func=run_list)
    importing = actions.add_parser(
        "import",
        help="convert an XLSForm spreadsheet (ODK, KoboToolbox) into a form definition; "
        "exit 0 with the files written, 1 listing every unsupported row",
    )
    importing.add_argument("xlsx", type=Path, metavar="FILE.xlsx", help="the XLSForm workbook")
    importing.add_argument(
        "--out", required=True, type=Path, metavar="DIR",
        help="folder for <form_id>.json and one <form_id>.<lang>.po per other language (the kiosk "
        "reads those catalogs beside the form: nothing to merge)",
    )  # fmt: skip
    importing.add_argument(
        "--purpose", metavar="TEXT",
        help="why the data is collected, shown on the consent screen (ODK/KoboToolbox sheets have no "
        "'purpose' setting); without it a placeholder is written that `kiosk forms check` refuses",
    )  # fmt: skip
    importing.set_defaults(func=run_import)


def _definition_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.json"))
            if not found:
                problems.append(f"{path}: no form definitions (*.json) in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return files, problems


def run_check(args: argparse.Namespace) -> int:
    from kiosk.forms import FormDefinitionError, load_form

    paths: list[Path] = args.paths
    if not paths:
        config = load_config(args)
        if config is None:
            return 2
        paths = [forms_folder(config)]
    files, problems = _definition_files(paths)
    for path in files:
        try:
            form = load_form(path)
        except FormDefinitionError as exc:
            problems.extend(exc.problems)
            continue
        print(f"ok: {path} ({form.id}, {len(form.steps)} steps, {len(form.fields)} fields)")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    return 0


def run_list(args: argparse.Namespace) -> int:
    from kiosk.forms import FormDefinitionError, load_forms
    from kiosk.i18n import catalog
    from kiosk.i18n.catalog import SOURCE_LANGUAGE
    from kiosk.languages import LANGUAGES

    config = load_config(args)
    if config is None:
        return 2
    try:
        forms = load_forms(forms_folder(config))
    except FormDefinitionError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    for form in forms.values():
        # A language is available once its catalog translates the form's title.
        langs = [code for code in LANGUAGES if code == SOURCE_LANGUAGE or catalog(code).has(form.title)]
        print(f"{form.id}\t{form.title}\t{' '.join(langs)}")
    return 0


XLSFORM_NOT_IN_BUNDLE = (
    "`kiosk forms import` is not part of the lobby kiosk bundle (it leaves the spreadsheet reader "
    "openpyxl out). Import the XLSForm on an office machine, with the staff bundle "
    "(dist/kiosk-staff, `make package-staff`) or from source, and copy the resulting forms folder "
    "here: see docs/forms.md."
)


def run_import(args: argparse.Namespace) -> int:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        if getattr(sys, "frozen", False):
            return fail(XLSFORM_NOT_IN_BUNDLE)
        raise
    from kiosk.xlsform import XlsFormError, import_xlsform
    from kiosk.xlsform.write import write_import

    try:
        result = import_xlsform(args.xlsx, args.purpose)
    except XlsFormError as exc:
        for problem in exc.problems:
            print(f"{args.xlsx.name}: {problem}", file=sys.stderr)
        print(f"{len(exc.problems)} problem(s): nothing written", file=sys.stderr)
        return 1
    for path in write_import(result, args.out):
        print(f"wrote {path}")
    if result.needs_purpose:
        print(f"warning: the sheet has no 'purpose' and no --purpose was given: write it in "
              f"{result.definition['id']}.json ('purpose') before the kiosk can offer this form "
              "(`kiosk forms check` says so until then)", file=sys.stderr)  # fmt: skip
    return 0

"""`kiosk print FILE.pdf`: print a finished PDF silently through CUPS (staff and IT checks)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

PDF_MAGIC = b"%PDF-"


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "print", help="print a PDF on a CUPS printer and wait until CUPS completes it"
    )
    parser.add_argument("file", type=Path, nargs="?", metavar="FILE.pdf", help="the PDF to print")
    parser.add_argument(
        "--reference",
        metavar="REF",
        help="staff reprint of a submission of this kiosk instead of a "
        "file: its saved PDF while kept, else a receipt with the reference and QR code",
    )
    parser.add_argument("--printer", metavar="NAME", help="CUPS queue (default: CUPS default)")
    parser.add_argument(
        "--timeout", type=float, default=20.0, metavar="S", help="seconds to wait (default 20)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when CUPS completed the job, 1 when printing failed, 2 for a bad file/reference."""
    from kiosk.printing import CupsPrinter

    if args.reference:
        return _reprint(args)
    if args.file is None:
        print("error: give FILE.pdf or --reference REF", file=sys.stderr)
        return 2
    pdf: Path = args.file
    try:
        with pdf.open("rb") as handle:
            magic = handle.read(len(PDF_MAGIC))
    except OSError as exc:
        print(f"error: cannot read {pdf}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if magic != PDF_MAGIC:
        print(f"error: {pdf} is not a PDF (no %PDF- header)", file=sys.stderr)
        return 2
    result = CupsPrinter().submit(pdf, printer=args.printer, timeout=args.timeout)
    if result.ok:
        print(f"printed: job {result.job_id} ({result.detail})")
        return 0
    print(f"error: not printed [{result.status.value}]: {result.detail}", file=sys.stderr)
    return 1


def _reprint(args: argparse.Namespace) -> int:
    import dataclasses

    from kiosk.commands._shared import load_config, office_ready
    from kiosk.submit import Submitter

    config = load_config(args)
    if config is None or not office_ready(config, database=False):
        return 2
    if args.printer:
        config = dataclasses.replace(config, printer=args.printer)
    submitter = Submitter(config)
    try:
        result = submitter.reprint(args.reference)
    finally:
        submitter.close()
    if result.kind == "none":
        print(f"error: {result.reference}: {result.detail}", file=sys.stderr)
        return 2
    what = "saved form" if result.kind == "saved" else "receipt (the form's PDF is no longer kept)"
    if result.printed:
        print(f"reprinted {result.reference}: {what} ({result.detail})")
        return 0
    print(f"error: {result.reference}: not printed: {result.detail}; PDF: {result.pdf_path}",
          file=sys.stderr)  # fmt: skip
    return 1

"""Time from `CupsPrinter.submit()` to the job completed by CUPS, for a 2-page PDF (target <= 2 s).

Needs a running CUPS with a queue (default `KioskPDF`, the cups-pdf queue the integration tests
create; `.ci/setup-cups.sh` starts CUPS). Run: `.venv/bin/python benchmarks/bench_print.py`.
The time includes the queue checks, `lp`, CUPS's filters and backend, and the polling
(`poll_interval` 0.1 s), i.e. what a visitor waits for.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from headline import headline
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from kiosk.printing import CupsPrinter

TARGET_S = 2.0


def make_pdf(path: Path, pages: int = 2) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        pdf.setFont("Helvetica", 11)
        for line in range(40):
            pdf.drawString(20 * mm, A4[1] - (20 + 6 * line) * mm, f"Page {page + 1}, line {line}")
        pdf.rect(150 * mm, 20 * mm, 30 * mm, 30 * mm, 1, 1)  # where the QR code goes
        pdf.showPage()
    pdf.save()
    return path


def remove_cups_pdf_output(job_id: str | None) -> None:
    """Best effort: drop the file cups-pdf wrote to the default `~/PDF` (named `*-job_N.pdf`)."""
    if job_id:
        for output in (Path.home() / "PDF").glob(f"*-job_{job_id.rpartition('-')[2]}.pdf"):
            output.unlink(missing_ok=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--printer", default="KioskPDF")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    printer = CupsPrinter()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = make_pdf(Path(tmp) / "bench.pdf")
        warmup = printer.submit(pdf, printer=args.printer, title="kioskbench")  # not counted
        remove_cups_pdf_output(warmup.job_id)
        if not warmup.ok:
            print(f"cannot benchmark: {warmup.status.value}: {warmup.detail}", file=sys.stderr)
            return 2
        times: list[float] = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = printer.submit(pdf, printer=args.printer, title="kioskbench")
            times.append(time.perf_counter() - start)
            remove_cups_pdf_output(result.job_id)
            if not result.ok:
                print(f"run failed: {result.status.value}: {result.detail}", file=sys.stderr)
                return 1
    median, worst = statistics.median(times), max(times)
    print(f"submit -> completed, 2 pages, {args.runs} runs on {args.printer}:")
    print(f"  median {median:.3f} s, max {worst:.3f} s (target <= {TARGET_S:g} s)")
    headline("print_submit_to_completed_median", median, "s")
    headline("print_submit_to_completed_max", worst, "s", f"<={TARGET_S:g}")
    return 0 if worst <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())

"""Warm render time of the printed form: the sample answers, median of 20 after 2 warm-ups.

Target ≤ 150 ms (issue 5: a two-page form; the sample fills three pages, so this is stricter).
Run: .venv/bin/python benchmarks/bench_pdf.py [--lang ko|all] [--runs 20]
Exit 1 when a median misses the target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, not installed

from headline import headline

from kiosk.crypto.primitives import Ed25519PrivateKey
from kiosk.forms import load_forms
from kiosk.forms.samples import load_sample
from kiosk.languages import LANGUAGES
from kiosk.pdf.render import PrintedForm, render_pdf
from kiosk.qrpayload import Payload, encode

FORM_ID = "temporary-residence"
TARGET_MS = 150.0


def bench(lang: str, runs: int, warmup: int) -> float:
    form = load_forms()[FORM_ID]
    sample = load_sample(form)
    answers = form.visible_answers(sample)
    created = dt.datetime.now(dt.UTC).replace(microsecond=0)
    payload = encode(Payload("ACEFGHJK", "SK-BENCH-1", form.id, created), Ed25519PrivateKey.generate())
    doc = PrintedForm(form, lang, "ACEFGHJK", payload, created, "SK-BENCH-1")
    timings: list[float] = []
    data = b""
    for run in range(warmup + runs):
        out = BytesIO()
        start = time.perf_counter()
        render_pdf(doc, answers, out)
        elapsed = (time.perf_counter() - start) * 1000
        data = out.getvalue()
        if run >= warmup:
            timings.append(elapsed)
    median = statistics.median(timings)
    pages = data.count(b"/Type /Page\n") or data.count(b"/Type /Page ")
    verdict = "ok" if median <= TARGET_MS else "TOO SLOW"
    print(
        f"pdf render warm ({FORM_ID}, {lang}, {pages} pages, {len(data) // 1024} KiB): "
        f"median {median:.0f} ms, min {min(timings):.0f} ms, max {max(timings):.0f} ms over "
        f"{len(timings)} runs (target ≤ {TARGET_MS:.0f} ms: {verdict})"
    )
    headline(f"pdf_render_warm_{lang}", median, "ms", f"<={TARGET_MS:g}")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="ko", help="visitor's language, or all (default ko)")
    parser.add_argument("--runs", type=int, default=20, help="timed renders (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed renders first (default 2)")
    args = parser.parse_args()
    langs = LANGUAGES if args.lang == "all" else (args.lang,)
    medians = [bench(lang, args.runs, args.warmup) for lang in langs]
    return 0 if max(medians) <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())

"""Run every benchmark script and print their headline figures as one table (`make bench`).

    .venv/bin/python benchmarks/run_all.py [--only sync,pdf] [--skip visit] [--timeout 1800]

Each benchmarks/bench_*.py runs in turn with this interpreter; its whole output goes to
build/bench/<name>.log, and its `BENCH` lines (benchmarks/headline.py) become rows of the table.
A script that fails or prints no figure still gets a row. Some need more than Python: CUPS
(bench_print*), a built bundle (bench_startup: `make package`), Xvfb and xdotool
(bench_visit_window, bench_startup), tesseract (bench_mrz_ocr). bench_memory drives 1,000 whole
visits (10-15 min on two cores; `--skip memory` for a quick table). Exit status 1 if a script failed
or a figure missed its target.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from headline import Headline, parse

HERE = Path(__file__).resolve().parent
LOGS = HERE.parent / "build" / "bench"


def scripts(only: list[str], skip: list[str]) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    return [
        path
        for path in found
        if (not only or any(word in path.stem for word in only))
        and not any(word in path.stem for word in skip)
    ]


def run(script: Path, timeout_s: float) -> tuple[list[Headline], str]:
    """The script's headlines and, unless it went well, what went wrong."""
    log = LOGS / f"{script.stem}.log"
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                              timeout=timeout_s, cwd=HERE.parent)  # fmt: skip
        output, problem = done.stdout + done.stderr, "" if done.returncode == 0 else f"exit {done.returncode}"
    except subprocess.TimeoutExpired as expired:
        output, problem = str(expired.stdout or "") + str(expired.stderr or ""), f"timeout {timeout_s:g} s"
    log.write_text(output)
    found = [h for h in map(parse, output.splitlines()) if h is not None]
    if not found and not problem:
        problem = "no BENCH line"
    note = f"{script.stem}: {time.monotonic() - started:.0f} s" + (f", {problem}" if problem else "")
    print(note, file=sys.stderr, flush=True)
    return found, problem


def table(results: dict[str, tuple[list[Headline], str]]) -> tuple[str, bool]:
    """The table, and whether everything ran and met its target."""
    rows = [("benchmark", "figure", "value", "unit", "target", "met")]
    good = True
    for name, (found, problem) in results.items():
        for h in found:
            met = h.met()
            good &= met is not False
            verdict = {True: "yes", False: "NO", None: ""}[met]
            rows.append((name, h.name, f"{h.value:g}", h.unit, h.target, verdict))
        if problem:
            good = False
            rows.append((name, "-", "-", "-", "-", f"FAILED ({problem}; build/bench/{name}.log)"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines), good


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated parts of script names to run")
    parser.add_argument("--skip", default="", help="comma-separated parts of script names to leave out")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per script (default 1800)")
    args = parser.parse_args()
    chosen = scripts([w for w in args.only.split(",") if w], [w for w in args.skip.split(",") if w])
    if not chosen:
        parser.error("no benchmark script matches")
    LOGS.mkdir(parents=True, exist_ok=True)
    results = {script.stem: run(script, args.timeout) for script in chosen}
    text, good = table(results)
    print(text)
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())

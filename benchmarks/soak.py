"""Soak: complete visits through the real QML UI offscreen; memory, threads and open files.

    .venv/bin/python benchmarks/soak.py [--visits 1000] [--every 100]

Each visit goes attract → language → service → consent → every step → review → submit → done →
wipe through the backends' slots (as benchmarks/bench_ui.py does), with the window drawing every
change. The done screen is read aloud by the real speech engine into a WAV file, and the form is
"printed" to a PDF file (no printer configured: the kiosk saves the PDF). The sync worker runs as
in the lobby, into the embedded SQLite office. Every `--every` visits it prints RSS, OS threads and
open file descriptors; at the end it checks growth from the first report to the last (target
≤ 5 MB from visit 100 to 1,000, no thread or descriptor growth) and that every submission was
queued. Exit 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import faulthandler
import gc
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

FORM = "temporary-residence"
LANGS = ("en", "zh", "ko", "fr", "ar")


def proc_status() -> tuple[float, int, int]:
    """(RSS in MB, OS threads, open file descriptors) of this process."""
    fields = dict(
        line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line
    )
    rss_mb = int(fields["VmRSS"].split()[0]) / 1024
    return rss_mb, int(fields["Threads"]), len(os.listdir("/proc/self/fd"))


class FileSpeech:
    """Stands in for the speaker: the real engine (SpeechService) renders each text to a WAV."""

    def __init__(self, folder: Path) -> None:
        from kiosk.speech import SpeechService

        self.service = SpeechService()
        self.folder = folder
        self.files = 0

    def say(self, text: str, lang: str) -> None:
        self.service.render_to_file(text, lang, self.folder / f"say-{self.files % 10}.wav")
        self.files += 1

    def stop_all(self) -> None:
        self.service.stop_all()

    def close(self) -> None:
        self.service.close()


def tracemalloc_snapshot() -> object:
    import tracemalloc

    if not tracemalloc.is_tracing():
        tracemalloc.start(5)
    return tracemalloc.take_snapshot()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=1000)
    parser.add_argument("--every", type=int, default=100)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--trace", action="store_true", help="tracemalloc: Python growth by line")
    args = parser.parse_args()
    faulthandler.enable()  # a crash in Qt or a C extension prints where it happened

    from kiosk.qt.bootstrap import prepare_environment

    prepare_environment()
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtGui import QGuiApplication

    from kiosk.config import KioskConfig
    from kiosk.qt.app import create_window
    from tests.core.helpers import fresh_sample

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    config = KioskConfig(data_dir=tmp / "data", printer="", demo=True)
    kw = create_window(config, sync=True)
    kw.window.resize(1920, 1080)
    kw.window.show()
    speech = FileSpeech(tmp)
    assert kw.speech is not None
    kw.speech._service = speech
    visit, session = kw.visit, kw.visit.session

    # One loop and one timer for the whole run: QTimer.singleShot(ms, callable) per frame leaks a
    # small Python object each time (~80 a visit), which would be the harness's growth, not the kiosk's.
    loop, tick = QEventLoop(), QTimer(singleShot=True)
    tick.timeout.connect(loop.quit)

    def draw(ms: int = 5) -> None:
        tick.start(ms)
        kw.window.update()
        loop.exec()

    sample = fresh_sample()
    rows: list[dict[str, float]] = []
    snapshots: list[object] = []
    references: set[str] = set()
    started = time.perf_counter()
    for n in range(1, args.visits + 1):
        visit.start()
        draw()
        visit.setLanguage(LANGS[n % len(LANGS)])
        draw()
        visit.chooseService(FORM)
        draw()
        visit.acceptConsent()
        draw()
        session.answers.update(sample)
        while session.screen.value == "step":
            visit.next()
            draw()
        visit.submit()
        deadline = time.monotonic() + 30
        while session.screen.value != "done":
            if time.monotonic() > deadline:
                raise SystemExit(f"visit {n}: stuck on {session.screen.value}")
            draw(10)
        references.add(session.receipt.reference if session.receipt else "")
        kw.speech.readScreen("")  # the done screen, spoken into a WAV file
        visit.finish()
        draw()
        if n % args.every == 0:
            QCoreApplication.sendPostedEvents(None, 0)
            gc.collect()
            rss, threads, fds = proc_status()
            if args.trace:
                snapshots.append(tracemalloc_snapshot())
            elapsed = time.perf_counter() - started
            rows.append({"visit": n, "rss_mb": round(rss, 1), "threads": threads, "fds": fds,
                         "elapsed_s": round(elapsed, 1)})  # fmt: skip
            print(f"visit {n:5d}: RSS {rss:7.1f} MB  threads {threads:3d}  fds {fds:4d}  "
                  f"{elapsed:7.0f} s", flush=True)  # fmt: skip

    assert kw.submitter is not None
    queued = kw.submitter.queue.count()
    pdfs = len(list(config.pdf_dir.glob("*.pdf")))
    speech_files = speech.files
    kw.close()
    speech.close()
    draw(50)
    shutil.rmtree(tmp, ignore_errors=True)

    if args.trace and len(snapshots) >= 2:
        for stat in snapshots[-1].compare_to(snapshots[0], "lineno")[:15]:  # type: ignore[attr-defined]
            print("  ", stat)
    first, last = rows[0], rows[-1]
    growth = last["rss_mb"] - first["rss_mb"]
    ok_mem = growth <= 5.0
    ok_threads = last["threads"] <= first["threads"]
    ok_fds = last["fds"] <= first["fds"]
    ok_queue = queued == args.visits and len(references - {""}) == args.visits
    span = f"visit {first['visit']:.0f} → {last['visit']:.0f}"
    print(f"\nRSS growth {span}: {growth:+.1f} MB (target ≤ 5 MB)")
    print(f"threads {first['threads']:.0f} → {last['threads']:.0f}, "
          f"open fds {first['fds']:.0f} → {last['fds']:.0f}")  # fmt: skip
    per_visit = last["elapsed_s"] / args.visits
    print(f"queued {queued} of {args.visits} visits ({len(references)} distinct references), "
          f"{pdfs} PDFs, {speech_files} speech WAVs; {per_visit:.2f} s a visit")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "growth_mb": growth, "queued": queued}, indent=1))
    return 0 if ok_mem and ok_threads and ok_fds and ok_queue else 1


if __name__ == "__main__":
    sys.exit(main())

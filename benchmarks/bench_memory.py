"""Memory of the kiosk process: RSS at the attract screen, and its growth over 1,000 whole visits
(target ≤ 5 MB). Run:

    PYTHONPATH=. .venv/bin/python benchmarks/bench_memory.py [--visits 1200] [--warmup 200] [--objects]
                                                              [--maps] [--trace]

This process is the kiosk: the real window, QML and backends offscreen (software renderer), the
local queue in a new data folder, the sync worker delivering to the demo SQLite office, no printer
(its PDFs are still rendered and kept, as when the printer is off). Each visit goes through the
backends' slots (what the QML buttons call, as `kiosk self-test` does) with the window drawn at
every screen: attract → language → service → consent → every step with the form's sample answers
→ review → Submit (sealed, signed, PDF, queued) → done → attract; the forms and languages take
turns. RSS is read at the attract screen after `gc.collect()`. The growth counted is from the
attract screen after --warmup visits (the first visits load what every later one reuses: each
form, each language's catalog and fonts, ReportLab's font subsets) to the attract screen after
the last visit; the growth from the very first attract screen is printed too.

RSS at one moment swings by ±5 MB from visit to visit (glibc's arenas, Qt's caches), so one
reading at the end says little about a leak. The figure held to the target is the trend: RSS is
read every --sample visits after the warm-up, and the growth is the least-squares slope of those
readings times the visits counted (a leak of 10 kB a visit shows as +9.8 MB over 980 visits,
a swing at the last reading does not). The two end readings are printed beside it.

Each reading is also split (the same trend for each): RssAnon, the process's private memory (its
heaps, stacks, Qt's buffers: where a leak shows), RssFile, resident pages of mapped files (library
code, fonts: shared and clean; Qt maps and unmaps its font files as its font-engine cache turns
over, so the CJK font alone moves RssFile by ~10 MB between two readings, --maps), and the C heap
in use (glibc mallinfo2). The private-memory trend is held to the 5 MB target too.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import itertools
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from headline import headline

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
MB = 1024 * 1024


def rss_mb() -> float:
    """Resident set size of this process now (Linux /proc)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / MB


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                     "fordblks", "keepcost")
    ]  # fmt: skip


def rss_parts_mb() -> dict[str, float]:
    """RSS split as Linux counts it: RssAnon (the process's own memory: heaps, stacks, Qt's
    buffers), RssFile (pages of mapped files: the libraries' code, fonts; shared, the kernel may
    drop them) and RssShmem."""
    parts: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("RssAnon:", "RssFile:", "RssShmem:")):
            name, value = line.split(":", 1)
            parts[name] = int(value.split()[0]) / 1024  # kB
    return parts


def file_rss_kb() -> dict[str, int]:
    """Resident kB of each mapped file (/proc/self/smaps): what RssFile is made of."""
    out: dict[str, int] = {}
    path = ""
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if head and "-" in head[0] and len(head) >= 5 and not head[0].endswith(":"):
            path = head[5] if len(head) > 5 and head[5].startswith("/") else ""
        elif head and head[0] == "Rss:" and path:
            out[path] = out.get(path, 0) + int(head[1])
    return out


def heap_mb() -> float | None:
    """Bytes the C heap has handed out and not got back (glibc `mallinfo2`, every arena: chunks in
    use + mmapped blocks), or None without glibc 2.33+. RSS minus this is what the allocator keeps
    free (fragmentation, arenas) plus mappings that are not malloc's (code, fonts, GPU-less buffers)."""
    try:
        call = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):
        return None
    call.restype = _MallInfo2
    info = call()
    return (info.uordblks + info.hblkhd) / MB


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class Driver:
    """Drives one kiosk window through whole visits; GUI thread only."""

    def __init__(self, kw: Any) -> None:
        self.kw = kw
        self.visit = kw.visit
        self._loop: Any = None
        self._timer: Any = None

    def drawn(self, timeout_ms: int = 500) -> None:
        """Let the window draw the current screen (one frame, or the timeout). One loop, timer
        and connection for the whole run: PySide6 keeps ~50 bytes for every `connect` and
        `QTimer.singleShot` call, which made this harness itself grow ~1 MB a thousand visits
        (--trace)."""
        from kiosk.qt.quick import redraw

        if self._loop is None:
            from PySide6.QtCore import QEventLoop, QTimer

            from kiosk.qt.quick import signal

            self._loop, self._timer = QEventLoop(), QTimer()
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._loop.quit)
            signal(self.kw.window, "frameSwapped").connect(self._loop.quit)  # exec() clears a quit before it
        assert self._timer is not None
        self._timer.start(timeout_ms)
        redraw(self.kw.window)
        self._loop.exec()
        self._timer.stop()

    def settle(self, seconds: float) -> None:
        from PySide6.QtCore import QCoreApplication

        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.01)

    def one(self, form_id: str, lang: str, answers: dict[str, Any]) -> None:
        visit = self.visit
        visit.start()
        self.drawn()
        visit.setLanguage(lang)
        self.drawn()
        visit.chooseService(form_id)
        self.drawn()
        visit.acceptConsent()
        self.drawn()
        for _ in range(60):
            if visit.screen != "step":
                break
            for row in list(visit.fields.rows):
                if row.field_id in answers:
                    visit.setAnswer(row.field_id, answers[row.field_id])
            visit.next()
            self.drawn()
        if visit.screen != "review":
            raise SystemExit(f"{form_id} ({lang}): stuck on {visit.screen}: "
                             f"{[(r.field_id, r.error) for r in visit.fields.rows if r.error]}")  # fmt: skip
        visit.submit()
        deadline = time.monotonic() + 30
        while visit.screen != "done":
            if visit.submitError or time.monotonic() > deadline:
                raise SystemExit(f"{form_id} ({lang}): submit failed: {visit.submitError or 'timeout'}")
            self.settle(0.005)
        self.drawn()
        visit.finish()
        self.drawn()


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of (visit, MB) readings: MB per visit; 0 with fewer than two."""
    if len(points) < 2:
        return 0.0
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    var = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / var if var else 0.0


def object_counts() -> dict[str, int]:
    """Live Python objects per type (gc-tracked): what grew between two points."""
    counts: dict[str, int] = {}
    for obj in gc.get_objects():
        name = type(obj).__qualname__
        counts[name] = counts.get(name, 0) + 1
    return counts


def at_attract(driver: Driver) -> float:
    driver.settle(0.2)
    gc.collect()
    return rss_mb()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=1200, help="in all, warm-up included")
    parser.add_argument("--warmup", type=int, default=200,
                        help="visits before the growth counts (each form, each language, twice)")  # fmt: skip
    parser.add_argument("--every", type=int, default=100, help="print RSS every N visits")
    parser.add_argument("--sample", type=int, default=10, help="read RSS every N visits for the trend")
    parser.add_argument("--objects", action="store_true",
                        help="also print the Python object types that grew after the warm-up")  # fmt: skip
    parser.add_argument("--trace", action="store_true",
                        help="tracemalloc from the warm-up on: where Python memory grew (slow)")  # fmt: skip
    parser.add_argument("--maps", action="store_true",
                        help="also print the mapped files whose resident kB moved most")  # fmt: skip
    args = parser.parse_args()

    from kiosk.qt.app import prepare_environment

    prepare_environment()
    from PySide6.QtGui import QGuiApplication

    from kiosk.config import KioskConfig
    from kiosk.qt.app import create_window
    from kiosk.selftest import sample_answers

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # kept alive until the end
    data = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    config = KioskConfig(data_dir=data, demo=True)  # no printer: PDFs kept, as with one off
    kw = create_window(config)
    kw.window.resize(1920, 1080)
    kw.window.show()
    driver = Driver(kw)
    driver.drawn(5000)
    driver.settle(4.0)  # the jobs after the first frame: sync worker, purge, PDF warm-up
    first = at_attract(driver)
    first_peak = peak_mb()
    print(f"attract screen: RSS {first:.1f} MB, peak {first_peak:.1f} MB", flush=True)

    forms = sorted(kw.visit.session.forms)
    answers = {form_id: sample_answers(form_id, None) for form_id in forms}
    turns = itertools.cycle([(f, lang) for lang in config.languages for f in forms])
    warm = first
    counts: dict[str, int] = {}
    readings: list[tuple[int, float]] = []
    heap: list[tuple[int, float]] = []  # C heap in use at the same moments (None: not glibc)
    parts: dict[str, list[tuple[int, float]]] = {}  # RssAnon / RssFile / RssShmem at the same moments

    def read(n: int) -> float:
        rss = at_attract(driver)
        readings.append((n, rss))
        if (in_use := heap_mb()) is not None:
            heap.append((n, in_use))
        for name, mb in rss_parts_mb().items():
            parts.setdefault(name, []).append((n, mb))
        return rss

    started = time.monotonic()
    for n in range(1, args.visits + 1):
        form_id, lang = next(turns)
        driver.one(form_id, lang, answers[form_id])
        if n == args.warmup:
            warm = read(n)
            counts = object_counts() if args.objects else counts
            files_at_warm = file_rss_kb() if args.maps else {}
            if args.trace:
                tracemalloc.start(8)
                traced = tracemalloc.take_snapshot()
            print(f"after {n} visits (warm): RSS {warm:.1f} MB", flush=True)
        elif n > args.warmup and (n % args.sample == 0 or n == args.visits):
            read(n)
        if n != args.warmup and (n % args.every == 0 or n == args.visits):
            rate = n / (time.monotonic() - started)
            print(f"after {n} visits: RSS {at_attract(driver):.1f} MB, peak {peak_mb():.1f} MB "
                  f"({rate:.1f} visits/s)", flush=True)  # fmt: skip
    last = at_attract(driver)
    if args.trace:
        grown = tracemalloc.take_snapshot().compare_to(traced, "traceback")
        total = sum(stat.size_diff for stat in grown) / MB
        print(f"Python memory (tracemalloc) after the warm-up: {total:+.2f} MB; largest growth:")
        for stat in grown[:8]:
            print(f"  {stat.size_diff / 1024:+.0f} kB in {stat.count_diff:+d} blocks:")
            for line in stat.traceback.format()[-6:]:
                print("   ", line)
    if args.maps:
        files_now = file_rss_kb()
        names = {*files_now, *files_at_warm}
        moved = sorted(((files_now.get(k, 0) - files_at_warm.get(k, 0), k) for k in names),
                       key=lambda item: -abs(item[0]))[:10]  # fmt: skip
        print("mapped files, resident kB change after the warm-up: "
              + ", ".join(f"{Path(name).name} {kb:+d}" for kb, name in moved))  # fmt: skip
    if args.objects:
        now = object_counts()
        grew = sorted(((now[k] - counts.get(k, 0), k) for k in now), reverse=True)[:15]
        print("object types that grew after the warm-up: "
              + ", ".join(f"{name} +{n}" for n, name in grew if n > 0))  # fmt: skip
    assert kw.submitter is not None
    queued = kw.submitter.queue.count()
    kw.close()
    driver.settle(0.2)
    counted = args.visits - args.warmup
    trend = slope(readings) * counted
    print(f"{args.visits} visits in {time.monotonic() - started:.0f} s ({queued} in the queue); "
          f"RSS at the attract screen {first:.1f} MB at start, {warm:.1f} MB after {args.warmup} visits, "
          f"{last:.1f} MB after {args.visits} ({last - warm:+.1f} MB, {last - first:+.1f} MB from the "
          f"first attract screen; range {min(r for _, r in readings):.1f}-{max(r for _, r in readings):.1f} "
          f"MB over {len(readings)} readings); trend over the {counted} visits counted: "
          f"{trend:+.1f} MB (target ≤ 5 MB); peak {peak_mb():.1f} MB")  # fmt: skip
    for name, points in parts.items():
        part_trend = slope(points) * counted
        print(f"{name}: {points[0][1]:.1f} MB after {points[0][0]} visits, {points[-1][1]:.1f} MB after "
              f"{points[-1][0]}; trend {part_trend:+.1f} MB")  # fmt: skip
        target = "<=5" if name == "RssAnon" else "-"
        headline(f"{name.lower()}_growth_{counted}_visits_trend", part_trend, "MB", target)
    if heap:
        heap_trend = slope(heap) * counted
        print(f"C heap in use (malloc, every arena) at the same readings: {heap[0][1]:.1f} MB after "
              f"{heap[0][0]} visits, {heap[-1][1]:.1f} MB after {heap[-1][0]}; "
              f"trend {heap_trend:+.1f} MB")  # fmt: skip
        headline(f"heap_growth_{counted}_visits_trend", heap_trend, "MB")
    headline("rss_attract", first, "MB")
    headline("rss_peak", peak_mb(), "MB")
    headline(f"rss_growth_{counted}_visits_trend", trend, "MB", "<=5")
    headline(f"rss_growth_{counted}_visits_ends", last - warm, "MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Photo checks on 1280x720 frames: median time of check_portrait and check_document, and the
face model's first load. Drawn pictures (tests/synthetic_images.py), 20 runs after 2 warm-ups.

Targets: a verdict within 150 ms of the tap (portrait) and 100 ms (document), so the retake loop
feels immediate; the model's load (once per process, on a worker thread) within 500 ms.
Run: .venv/bin/python benchmarks/bench_photo_checks.py [--runs 20]
Exit 1 when a median misses its target.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, not installed

from headline import headline
from PIL import Image
from timing import median_ms

from kiosk.photos.blazeface import FaceDetector
from kiosk.photos.face import check_portrait
from kiosk.photos.image import to_jpeg
from kiosk.photos.quality import check_document
from tests.synthetic_images import document, portrait

TARGETS_MS = {"photo_portrait_check": 150.0, "photo_document_check": 100.0, "photo_model_load": 500.0,
              "photo_jpeg_encode": 150.0}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    face: Image.Image = portrait()  # 1280x720
    page: Image.Image = document()
    started = time.perf_counter()
    detector = FaceDetector()
    detector.detect(face)  # the first call loads the model
    load_ms = (time.perf_counter() - started) * 1000
    figures = {
        "photo_model_load": load_ms,
        "photo_portrait_check": median_ms(lambda: check_portrait(face, detector), args.runs),
        "photo_document_check": median_ms(lambda: check_document(page), args.runs),
        "photo_jpeg_encode": median_ms(lambda: to_jpeg(page), args.runs),
    }
    missed = 0
    for name, value in figures.items():
        target = TARGETS_MS[name]
        headline(name, value, "ms", f"<={target:g}")
        missed += value > target
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`kiosk camera-check`: list the video nodes, open the camera the kiosk would use, report what it
delivers (format, size, frames per second, decode time). Linux (V4L2) only; nothing is saved."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "camera-check",
        help="open the camera (V4L2) and report its format, size and frames per second",
        description="List /dev/video* with a verdict for each, then stream from the camera the kiosk "
        "would use (or --device) for a few seconds. Exit 0 when frames were decoded, 1 otherwise.",
    )
    parser.add_argument("--device", metavar="PATH",
                        help="a video node, e.g. /dev/video2 (default: the first camera)")  # fmt: skip
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to stream (default 5)")
    parser.add_argument("--dev", default="/dev", help=argparse.SUPPRESS)  # tests: another device folder
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not sys.platform.startswith("linux"):
        print("kiosk camera-check: V4L2 is Linux only; elsewhere the kiosk uses Qt Multimedia")
        return 1
    from kiosk.camera.check import measure
    from kiosk.camera.v4l2 import CameraInfo, survey

    chosen = args.device
    nodes = list(survey(Path(args.dev)))
    for path, verdict in nodes:
        if isinstance(verdict, CameraInfo):
            print(f"{path}: camera \"{verdict.card}\" ({verdict.driver}, {verdict.bus})")
            chosen = chosen or str(path)
        else:
            print(f"{path}: skipped: {verdict}")
    if chosen is None:
        where = "no /dev/video* node" if not nodes else "no video capture device"
        print(f"no camera: {where} (is it plugged in? `ls -l /dev/video*`; the kiosk user needs the "
              "`video` group)")  # fmt: skip
        return 1
    report = measure(chosen, args.seconds)
    for line in report.lines():
        print(line)
    return 0 if report.decode_ms and not report.error else 1

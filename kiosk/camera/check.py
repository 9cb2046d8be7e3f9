"""`kiosk camera-check`'s work: which video nodes are cameras, and what the chosen one delivers.

For IT on site: the format and size chosen, frames per second, and the decode time, over a few
seconds of streaming. Frames are decoded and dropped: no picture is kept, shown or logged.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.camera.decode import BadFrame, decode_frame
from kiosk.camera.v4l2 import CameraError, CameraInfo, Mode, Opener, open_camera


@dataclass
class StreamReport:
    """What `measure` saw; `error` set when the camera failed (after `frames` frames)."""

    path: str
    info: CameraInfo | None = None
    mode: Mode | None = None
    frames: int = 0
    bad_frames: int = 0
    seconds: float = 0.0
    decode_ms: list[float] = field(default_factory=list)
    decoded_size: tuple[int, int] | None = None
    error: str = ""

    @property
    def fps(self) -> float:
        return self.frames / self.seconds if self.seconds > 0 else 0.0

    def lines(self) -> list[str]:
        if self.info is None or self.mode is None:
            return [f"error: {self.error}"]
        out = [
            f"using {self.path}: {self.info.card} ({self.info.driver}), "
            f"{self.mode.name} {self.mode.width}x{self.mode.height}",
            f"frames: {self.frames} in {self.seconds:.1f} s = {self.fps:.1f} fps"
            + (f", {self.bad_frames} undecodable" if self.bad_frames else ""),
        ]
        if self.decode_ms and self.decoded_size:
            out.append(f"decoded: {self.decoded_size[0]}x{self.decoded_size[1]} RGB, "
                       f"median {statistics.median(self.decode_ms):.1f} ms per frame")  # fmt: skip
        if self.error:
            out.append(f"error: {self.error}")
        return out


def measure(path: str, seconds: float, opener: Opener = open_camera,
            clock: Callable[[], float] = time.monotonic) -> StreamReport:  # fmt: skip
    """Stream for `seconds`, decoding every frame; never raises CameraError (it is in `error`)."""
    report = StreamReport(path)
    try:
        stream, report.mode, report.info = opener(path)
    except CameraError as exc:
        report.error = str(exc)
        return report
    mode = report.mode
    started = clock()
    try:
        while clock() - started < seconds:
            data = stream.read(0.5)
            if data is None:
                continue
            report.frames += 1
            before = time.perf_counter()
            try:
                frame = decode_frame(mode.jpeg, data, mode.width, mode.height, mode.bytesperline)
            except BadFrame:
                report.bad_frames += 1
                continue
            report.decode_ms.append((time.perf_counter() - before) * 1000)
            report.decoded_size = (frame.width, frame.height)
    except CameraError as exc:
        report.error = str(exc)
    finally:
        report.seconds = clock() - started
        stream.close()
    return report

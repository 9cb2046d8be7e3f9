"""The camera's capture loop: frames from a V4L2 stream, decoded, the latest handed on (no Qt).

Runs on a worker thread (kiosk/qt/v4l2_source.py): `Stream.read` blocks up to `poll_s`, so a
stop request is seen within that time. Every frame is dequeued and given back to the driver (the
camera never stalls), but at most `max_fps` are decoded: the preview redraws 15 times a second and
the analysis runs 3 times a second, so decoding all 30 would only burn CPU the GUI thread needs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from kiosk.camera.decode import BadFrame, RgbFrame, decode_frame
from kiosk.camera.v4l2 import CameraError, Mode, Stream

MAX_FPS = 15.0
POLL_S = 0.2
BAD_FRAMES_LIMIT = 30  # this many undecodable frames in a row: the camera is not usable


def run_capture(stream: Stream, mode: Mode, publish: Callable[[RgbFrame], None], stopping: threading.Event,
                max_fps: float = MAX_FPS, poll_s: float = POLL_S,
                clock: Callable[[], float] = time.monotonic) -> int:  # fmt: skip
    """Read until `stopping` is set; returns the number of frames published. Raises CameraGone
    (unplugged) or CameraError (only undecodable frames); never closes the stream."""
    published, bad, last = 0, 0, float("-inf")
    interval = 1.0 / max_fps if max_fps > 0 else 0.0
    while not stopping.is_set():
        data = stream.read(poll_s)
        if data is None:
            continue
        now = clock()
        if now - last < interval:
            continue  # dropped: a newer frame will come
        try:
            frame = decode_frame(mode.jpeg, data, mode.width, mode.height, mode.bytesperline)
        except BadFrame:
            bad += 1
            if bad >= BAD_FRAMES_LIMIT:
                raise CameraError(f"{bad} frames in a row could not be decoded ({mode.name})") from None
            continue
        bad, last = 0, now
        publish(frame)
        published += 1
    return published

"""The camera's capture loop and its thread: frames from a V4L2 stream, decoded, handed on (no Qt).

`CaptureThread` runs `run_capture` on a thread of its own (kiosk/qt/v4l2_source.py wraps it for
the GUI): `Stream.read` blocks up to `poll_s`, so a stop request is seen within that time. Every
frame is dequeued and given back to the driver (the camera never stalls), but at most `max_fps`
are decoded: the preview redraws 15 times a second and the analysis runs 3 times a second, so
decoding all 30 would only burn CPU the GUI thread needs.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from kiosk.camera.decode import BadFrame, RgbFrame, decode_frame
from kiosk.camera.v4l2 import CameraError, CameraInfo, Mode, Opener, Stream, open_camera

log = logging.getLogger(__name__)

MAX_FPS = 15.0
POLL_S = 0.2
BAD_FRAMES_LIMIT = 30  # this many undecodable frames in a row: the camera is not usable
JOIN_S = 2.0  # stop() waits at most this long (the loop normally ends within POLL_S + one decode)


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


class CaptureThread:
    """One camera session on a thread of its own: open the device, run the loop, close it.

    `on_frame(frame)` and `on_end(reason)` are called on that thread: `on_end` only when the
    camera stopped by itself (unplugged, unusable), with a reason for the log (device, format,
    errno; never a picture). `stop()` asks the loop to end and joins the thread (the loop sees the
    request within `POLL_S`). A thread is used once: start another CaptureThread to restart.
    """

    def __init__(self, path: str, on_frame: Callable[[RgbFrame], None], on_end: Callable[[str], None],
                 opener: Opener = open_camera) -> None:  # fmt: skip
        self.path, self._on_frame, self._on_end, self._opener = path, on_frame, on_end, opener
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._work, name="camera-v4l2", daemon=True)
        self.mode: Mode | None = None
        self.info: CameraInfo | None = None

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = JOIN_S) -> bool:
        """True once the thread has ended (False: still closing the device after `timeout`)."""
        self._stopping.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def _work(self) -> None:
        try:
            stream, self.mode, self.info = self._opener(self.path)
        except CameraError as exc:
            self._on_end(str(exc))
            return
        except Exception as exc:  # never a traceback out of the thread: the visitor types instead
            self._on_end(f"{self.path}: {type(exc).__name__}")
            return
        log.info("camera: %s (%s) streaming %s %dx%d", self.info.card, self.info.driver, self.mode.name,
                 self.mode.width, self.mode.height)  # fmt: skip
        try:
            run_capture(stream, self.mode, self._on_frame, self._stopping)
        except CameraError as exc:
            self._on_end(str(exc))
        except Exception as exc:
            self._on_end(f"{self.path}: {type(exc).__name__}")
        finally:
            stream.close()

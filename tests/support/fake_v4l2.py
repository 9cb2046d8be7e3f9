"""A fake V4L2 camera: answers the ioctls kiosk/camera/v4l2.py sends as a recorded driver would.

It implements the `Device` interface (ioctl, map, wait, close) over plain memory: formats and
frame sizes as a driver lists them, S_FMT adjusted to the nearest offered size (as drivers do),
4 mmap buffers, and a queue of frames handed out by DQBUF. `unplug_after` frames, DQBUF fails
with ENODEV, as the kernel answers once a USB camera is pulled out.
"""

from __future__ import annotations

import ctypes
import errno
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kiosk.camera import v4l2_abi as abi

NAMES = {number: name for name, number in abi.IOCTLS.items()}
Size = tuple[int, int]


@dataclass
class Stepwise:
    min_w: int
    max_w: int
    step_w: int
    min_h: int
    max_h: int
    step_h: int


@dataclass
class FakeCamera:
    formats: Mapping[int, Sequence[Size] | Stepwise] = field(default_factory=dict)
    frames: list[bytes] = field(default_factory=list)
    caps: int = abi.CAP_VIDEO_CAPTURE | abi.CAP_STREAMING
    emulated: tuple[int, ...] = ()
    card: str = "Fake Webcam C920"
    path: str = "/dev/video-fake"
    unplug_after: int | None = None
    damaged: tuple[int, ...] = ()  # frames (by number, from 0) dequeued with V4L2_BUF_FLAG_ERROR
    buffers_given: int = 4
    calls: list[str] = field(default_factory=list)
    queued: set[int] = field(default_factory=set)
    maps: list[bytearray] = field(default_factory=list)
    requested: tuple[int, int, int] | None = None  # (format, width, height) asked by S_FMT
    streaming: bool = False
    closed: bool = False
    delivered: int = 0
    _set: tuple[int, int, int] = (0, 0, 0)

    # -- Device --------------------------------------------------------------------------------
    def ioctl(self, request: int, arg: ctypes.Structure | ctypes.c_int) -> None:
        name = NAMES.get(request, hex(request))
        self.calls.append(name)
        if self.closed:
            raise OSError(errno.EBADF, "closed")
        getattr(self, "_" + name.removeprefix("VIDIOC_").lower())(arg)

    def map(self, length: int, offset: int) -> bytearray:
        assert offset == len(self.maps) * 0x10000, "mapped at the offset QUERYBUF gave"
        self.maps.append(bytearray(length))
        return self.maps[-1]

    def wait(self, timeout: float) -> bool:
        if self.streaming and (bool(self.frames) or self._unplugged()):
            return True
        time.sleep(timeout)  # like select(): nothing came within the timeout
        return False

    def close(self) -> None:
        self.closed = True

    # -- answers -------------------------------------------------------------------------------
    def _unplugged(self) -> bool:
        return self.unplug_after is not None and self.delivered >= self.unplug_after

    def _querycap(self, cap: abi.Capability) -> None:
        cap.capabilities = self.caps | abi.CAP_DEVICE_CAPS
        cap.device_caps = self.caps
        names = ((cap.driver, "uvcvideo"), (cap.card, self.card), (cap.bus_info, "usb-0000:00:14.0-1"))
        for target, value in names:
            ctypes.memmove(target, value.encode(), len(value))

    def _enum_fmt(self, desc: abi.FmtDesc) -> None:
        listed = list(self.formats)
        if desc.index >= len(listed):
            raise OSError(errno.EINVAL, "end")
        desc.pixelformat = listed[desc.index]
        desc.flags = abi.FMT_FLAG_EMULATED if listed[desc.index] in self.emulated else 0

    def _enum_framesizes(self, size: abi.FrmSizeEnum) -> None:
        sizes = self.formats.get(size.pixel_format)
        if isinstance(sizes, Stepwise):
            if size.index > 0:
                raise OSError(errno.EINVAL, "end")
            size.type = abi.FRMSIZE_TYPE_STEPWISE
            sw = size.size.stepwise
            sw.min_width, sw.max_width, sw.step_width = sizes.min_w, sizes.max_w, sizes.step_w
            sw.min_height, sw.max_height, sw.step_height = sizes.min_h, sizes.max_h, sizes.step_h
            return
        if sizes is None or size.index >= len(sizes):
            raise OSError(errno.EINVAL, "end")
        size.type = abi.FRMSIZE_TYPE_DISCRETE
        size.size.discrete.width, size.size.discrete.height = sizes[size.index]

    def _s_fmt(self, fmt: abi.Format) -> None:
        pix = fmt.fmt.pix
        self.requested = (pix.pixelformat, pix.width, pix.height)
        if pix.pixelformat not in self.formats:
            pix.pixelformat = next(iter(self.formats))
        sizes = self.formats[pix.pixelformat]
        if isinstance(sizes, Stepwise):
            pix.width = min(max(pix.width, sizes.min_w), sizes.max_w)
            pix.height = min(max(pix.height, sizes.min_h), sizes.max_h)
        else:  # the nearest listed size, as uvcvideo does
            w, h = min(sizes, key=lambda s: abs(s[0] - pix.width) + abs(s[1] - pix.height))
            pix.width, pix.height = w, h
        jpeg = pix.pixelformat in (abi.PIX_FMT_MJPEG, abi.PIX_FMT_JPEG)
        pix.bytesperline = 0 if jpeg else pix.width * 2
        pix.sizeimage = pix.width * pix.height * 2
        self._set = (pix.pixelformat, pix.width, pix.height)

    def _reqbufs(self, req: abi.RequestBuffers) -> None:
        assert req.memory == abi.MEMORY_MMAP and req.type == abi.BUF_TYPE_VIDEO_CAPTURE
        req.count = min(req.count, self.buffers_given)

    def _querybuf(self, buf: abi.Buffer) -> None:
        buf.length = max(self._set[1] * self._set[2] * 2, max((len(f) for f in self.frames), default=0))
        buf.m.offset = buf.index * 0x10000

    def _qbuf(self, buf: abi.Buffer) -> None:
        assert buf.index < len(self.maps) and buf.index not in self.queued, "queued twice"
        self.queued.add(buf.index)

    def _dqbuf(self, buf: abi.Buffer) -> None:
        if self._unplugged():
            raise OSError(errno.ENODEV, "No such device")
        if not self.frames or not self.queued:
            raise OSError(errno.EAGAIN, "no frame yet")
        index = min(self.queued)
        self.queued.discard(index)
        data = self.frames.pop(0)
        self.maps[index][: len(data)] = data
        buf.index, buf.bytesused = index, len(data)
        buf.flags = abi.BUF_FLAG_ERROR if self.delivered in self.damaged else 0
        self.delivered += 1

    def _streamon(self, _arg: ctypes.c_int) -> None:
        self.streaming = True

    def _streamoff(self, _arg: ctypes.c_int) -> None:
        self.streaming = False
        if self._unplugged():
            raise OSError(errno.ENODEV, "No such device")


# Formats and sizes as `v4l2-ctl --list-formats-ext` shows them for common cameras.
Formats = dict[int, Sequence[Size] | Stepwise]
C920: Formats = {
    abi.PIX_FMT_YUYV: [(640, 480), (1280, 720), (1920, 1080), (2304, 1536)],
    abi.PIX_FMT_MJPEG: [(640, 480), (800, 600), (1280, 720), (1600, 896), (1920, 1080)],
}
LAPTOP_VGA: Formats = {abi.PIX_FMT_YUYV: [(320, 240), (640, 480)]}
VIVID: Formats = {abi.PIX_FMT_YUYV: Stepwise(16, 4096, 2, 16, 2160, 2)}

"""The Linux camera through V4L2 directly: find it, choose a format, stream frames (no Qt).

`find_camera()` opens each /dev/video* node and keeps the first that is a capture + streaming
device (uvcvideo's second node per camera is a metadata node: skipped). `choose_mode()` prefers
motion JPEG, then YUYV, at the largest size between 1280x720 and 1920x1080 the driver lists; a
driver that lists none is asked for 1280x720 and what it answers is taken. `Stream` maps 4 driver
buffers (REQBUFS, QUERYBUF + mmap, QBUF, STREAMON) and hands out one copied frame per `read()`
(select + DQBUF + QBUF); `close()` undoes it all. An unplugged camera (ENODEV, EIO) raises
`CameraGone`. Every ioctl goes through a `Device` (the real one: `DeviceFile`), so tests drive the
same code with a fake device. Blocking calls: run the stream on a worker thread.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import mmap
import os
import select
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kiosk.camera import v4l2_abi as abi

BUFFERS = 4
MIN_SIZE = (1280, 720)
MAX_SIZE = (1920, 1080)
FALLBACK_SIZE = (1280, 720)
FORMATS = (abi.PIX_FMT_MJPEG, abi.PIX_FMT_JPEG, abi.PIX_FMT_YUYV)  # in order of preference
GONE_ERRNOS = (errno.ENODEV, errno.EIO, errno.ENXIO, errno.EBADF)


class CameraError(Exception):
    """The camera cannot be used; the message is for IT (never shown to visitors, no picture)."""


class NotACamera(CameraError):
    """The node is not a V4L2 capture + streaming device."""


class CameraGone(CameraError):
    """The camera stopped answering (unplugged, or the driver failed)."""


class Device(Protocol):
    """What the stream needs of an open camera node (DeviceFile, or a test's fake)."""

    path: str

    def ioctl(self, request: int, arg: ctypes.Structure | ctypes.c_int) -> None: ...

    def map(self, length: int, offset: int) -> mmap.mmap | bytearray: ...

    def wait(self, timeout: float) -> bool: ...

    def close(self) -> None: ...


class DeviceFile:
    """A /dev/videoN node opened non-blocking; ioctls fill the ctypes structure in place."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as exc:
            raise CameraError(f"{self.path}: cannot open ({_errname(exc)})") from exc

    def ioctl(self, request: int, arg: ctypes.Structure | ctypes.c_int) -> None:
        fcntl.ioctl(self._fd, request, arg, True)

    def map(self, length: int, offset: int) -> mmap.mmap:
        return mmap.mmap(self._fd, length, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE, offset=offset)

    def wait(self, timeout: float) -> bool:
        readable, _, errored = select.select([self._fd], [], [self._fd], timeout)
        return bool(readable or errored)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


@dataclass(frozen=True)
class CameraInfo:
    path: str
    driver: str
    card: str
    bus: str


@dataclass(frozen=True)
class Mode:
    """What the driver delivers: a pixel format (fourcc) at a size."""

    pixelformat: int
    width: int
    height: int
    bytesperline: int = 0

    @property
    def name(self) -> str:
        return abi.fourcc_name(self.pixelformat)

    @property
    def jpeg(self) -> bool:
        return self.pixelformat in (abi.PIX_FMT_MJPEG, abi.PIX_FMT_JPEG)


def _errname(exc: OSError) -> str:
    return errno.errorcode.get(exc.errno or 0, str(exc))


def _gone(exc: OSError) -> bool:
    return exc.errno in GONE_ERRNOS


def query(device: Device) -> CameraInfo:
    """QUERYCAP: the node's names if it is a video capture + streaming device, else NotACamera."""
    cap = abi.Capability()
    try:
        device.ioctl(abi.VIDIOC_QUERYCAP, cap)
    except OSError as exc:
        if exc.errno == errno.ENOTTY:
            raise NotACamera(f"{device.path}: not a V4L2 device") from exc
        raise NotACamera(f"{device.path}: QUERYCAP failed ({_errname(exc)})") from exc
    caps = cap.device_caps if cap.capabilities & abi.CAP_DEVICE_CAPS else cap.capabilities
    info = CameraInfo(device.path, abi.text(cap.driver), abi.text(cap.card), abi.text(cap.bus_info))
    if not caps & abi.CAP_VIDEO_CAPTURE:
        kind = "a metadata node" if caps & abi.CAP_META_CAPTURE else "not a video capture device"
        raise NotACamera(f"{device.path} ({info.card}): {kind}")
    if not caps & abi.CAP_STREAMING:
        raise NotACamera(f"{device.path} ({info.card}): cannot stream (no mmap buffers)")
    return info


def video_nodes(dev: Path = Path("/dev")) -> list[Path]:
    """/dev/video0, /dev/video1, ... in number order (no node opened)."""

    def number(path: Path) -> int:
        digits = path.name[len("video") :]
        return int(digits) if digits.isdigit() else 1 << 30

    return sorted((p for p in dev.glob("video*") if p.name[len("video") :].isdigit()), key=number)


def survey(dev: Path = Path("/dev")) -> Iterator[tuple[Path, CameraInfo | CameraError]]:
    """Each video node with its verdict: a usable camera's names, or why not."""
    for path in video_nodes(dev):
        try:
            device = DeviceFile(path)
        except CameraError as exc:
            yield path, exc
            continue
        try:
            yield path, query(device)
        except CameraError as exc:
            yield path, exc
        finally:
            device.close()


def find_camera(dev: Path = Path("/dev")) -> Path | None:
    """The first video node that is a capture + streaming device, or None."""
    for path, verdict in survey(dev):
        if isinstance(verdict, CameraInfo):
            return path
    return None


def _formats(device: Device) -> list[int]:
    found, index = [], 0
    while index < 64:
        desc = abi.FmtDesc(index=index, type=abi.BUF_TYPE_VIDEO_CAPTURE)
        try:
            device.ioctl(abi.VIDIOC_ENUM_FMT, desc)
        except OSError as exc:
            if exc.errno == errno.EINVAL:
                break  # the end of the list
            raise
        if not desc.flags & abi.FMT_FLAG_EMULATED:
            found.append(desc.pixelformat)
        index += 1
    return found


def _sizes(device: Device, pixelformat: int) -> list[tuple[int, int]]:
    """The sizes the driver lists for a format; for a stepwise range, the largest one in range."""
    sizes, index = [], 0
    while index < 256:
        size = abi.FrmSizeEnum(index=index, pixel_format=pixelformat)
        try:
            device.ioctl(abi.VIDIOC_ENUM_FRAMESIZES, size)
        except OSError as exc:
            if exc.errno in (errno.EINVAL, errno.ENOTTY):
                break
            raise
        if size.type == abi.FRMSIZE_TYPE_DISCRETE:
            sizes.append((size.size.discrete.width, size.size.discrete.height))
        else:
            sw = size.size.stepwise
            step_w, step_h = max(1, sw.step_width), max(1, sw.step_height)
            w = sw.min_width + max(0, min(MAX_SIZE[0], sw.max_width) - sw.min_width) // step_w * step_w
            h = sw.min_height + max(0, min(MAX_SIZE[1], sw.max_height) - sw.min_height) // step_h * step_h
            sizes.append((w, h))
            break
        index += 1
    return sizes


def _in_range(size: tuple[int, int]) -> bool:
    return MIN_SIZE[0] <= size[0] <= MAX_SIZE[0] and MIN_SIZE[1] <= size[1] <= MAX_SIZE[1]


def pick_mode(offered: dict[int, list[tuple[int, int]]]) -> tuple[int, tuple[int, int] | None]:
    """(format, size) from what the driver lists; size None when no listed size is in range.

    The preferred format (motion JPEG, then YUYV) that has a size between 1280x720 and 1920x1080
    wins, at its largest such size; else the preferred format at no particular size."""
    usable = [f for f in FORMATS if f in offered]
    if not usable:
        names = ", ".join(abi.fourcc_name(f) for f in offered) or "none"
        raise CameraError(f"no supported pixel format (offered: {names}; the kiosk reads MJPG or YUYV)")
    for pixelformat in usable:
        fitting = [s for s in offered[pixelformat] if _in_range(s)]
        if fitting:
            return pixelformat, max(fitting, key=lambda s: s[0] * s[1])
    return usable[0], None


def choose_mode(device: Device) -> Mode:
    """ENUM_FMT + ENUM_FRAMESIZES, then S_FMT; returns what the driver actually set."""
    try:
        offered = {f: _sizes(device, f) for f in _formats(device)}
        pixelformat, size = pick_mode(offered)
        width, height = size or FALLBACK_SIZE
        fmt = abi.Format(type=abi.BUF_TYPE_VIDEO_CAPTURE)
        fmt.fmt.pix.width, fmt.fmt.pix.height = width, height
        fmt.fmt.pix.pixelformat, fmt.fmt.pix.field = pixelformat, abi.FIELD_ANY
        device.ioctl(abi.VIDIOC_S_FMT, fmt)
    except OSError as exc:
        raise (CameraGone if _gone(exc) else CameraError)(f"{device.path}: format ({_errname(exc)})") from exc
    pix = fmt.fmt.pix
    mode = Mode(pix.pixelformat, pix.width, pix.height, pix.bytesperline)
    if pix.pixelformat not in FORMATS or not mode.width or not mode.height:
        raise CameraError(f"{device.path}: the driver set {mode.name} {mode.width}x{mode.height}")
    return mode


class Stream:
    """Memory-mapped streaming of one open device; `read()` returns one frame's bytes (copied)."""

    def __init__(self, device: Device, buffers: int = BUFFERS) -> None:
        self.device = device
        self._maps: list[mmap.mmap | bytearray] = []
        self._streaming = False
        try:
            self._start(buffers)
        except OSError as exc:
            self.close()
            raise (CameraGone if _gone(exc) else CameraError)(
                f"{device.path}: cannot start streaming ({_errname(exc)})") from exc  # fmt: skip
        except BaseException:
            self.close()
            raise

    def _start(self, count: int) -> None:
        request = abi.RequestBuffers(count=count, type=abi.BUF_TYPE_VIDEO_CAPTURE, memory=abi.MEMORY_MMAP)
        self.device.ioctl(abi.VIDIOC_REQBUFS, request)
        if request.count < 1:
            raise CameraError(f"{self.device.path}: the driver gave no buffers")
        for index in range(request.count):
            buf = self._buffer(index)
            self.device.ioctl(abi.VIDIOC_QUERYBUF, buf)
            self._maps.append(self.device.map(buf.length, buf.m.offset))
        for index in range(len(self._maps)):
            self.device.ioctl(abi.VIDIOC_QBUF, self._buffer(index))
        self.device.ioctl(abi.VIDIOC_STREAMON, ctypes.c_int(abi.BUF_TYPE_VIDEO_CAPTURE))
        self._streaming = True

    @staticmethod
    def _buffer(index: int = 0) -> abi.Buffer:
        return abi.Buffer(index=index, type=abi.BUF_TYPE_VIDEO_CAPTURE, memory=abi.MEMORY_MMAP)

    def read(self, timeout: float = 0.25) -> bytes | None:
        """The next frame's bytes, or None when none came within `timeout` (or it was empty or
        flagged as damaged by the driver)."""
        try:
            if not self.device.wait(timeout):
                return None
            buf = self._buffer()
            try:
                self.device.ioctl(abi.VIDIOC_DQBUF, buf)
            except OSError as exc:
                if exc.errno == errno.EAGAIN:
                    return None
                raise
            try:
                used = min(buf.bytesused, len(self._maps[buf.index]))
                damaged = buf.flags & abi.BUF_FLAG_ERROR
                data = bytes(self._maps[buf.index][:used]) if used and not damaged else None
            finally:
                self.device.ioctl(abi.VIDIOC_QBUF, self._buffer(buf.index))
        except OSError as exc:
            if _gone(exc):
                message = f"{self.device.path}: the camera stopped answering ({_errname(exc)})"
                raise CameraGone(message) from exc
            raise CameraError(f"{self.device.path}: capture failed ({_errname(exc)})") from exc
        return data

    def close(self) -> None:
        """STREAMOFF, unmap the buffers, close the device: safe to call twice, and after unplugging."""
        if self._streaming:
            self._streaming = False
            with contextlib.suppress(OSError):  # unplugged: the kernel tears the stream down itself
                self.device.ioctl(abi.VIDIOC_STREAMOFF, ctypes.c_int(abi.BUF_TYPE_VIDEO_CAPTURE))
        for mapped in self._maps:
            if isinstance(mapped, mmap.mmap):
                mapped.close()
        self._maps = []
        self.device.close()


Opener = Callable[[str], tuple["Stream", Mode, CameraInfo]]  # open_camera, or a test's fake


def open_camera(path: str | Path) -> tuple[Stream, Mode, CameraInfo]:
    """Open, check, choose the mode and start streaming; the caller closes the stream."""
    device = DeviceFile(path)
    try:
        info = query(device)
        mode = choose_mode(device)
        return Stream(device), mode, info
    except BaseException:
        device.close()
        raise

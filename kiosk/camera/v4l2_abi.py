"""The few V4L2 structures and ioctl numbers the camera uses, as ctypes (linux/videodev2.h).

Only what kiosk/camera/v4l2.py needs: QUERYCAP, ENUM_FMT, ENUM_FRAMESIZES, G_FMT/S_FMT, REQBUFS,
QUERYBUF, QBUF/DQBUF and STREAMON/STREAMOFF. The layouts follow the kernel's UAPI header with the
C alignment ctypes applies on 64-bit Linux (x86_64 and aarch64 share it: the generic _IOC
encoding, an 8-byte `long` and pointer); tests/core/test_v4l2_abi.py compiles a C program against
/usr/include/linux/videodev2.h and compares every size, offset and ioctl number with these.
"""

from __future__ import annotations

import ctypes
from ctypes import c_int32, c_long, c_uint8, c_uint32, c_ulong, c_void_p

# -- constants -------------------------------------------------------------------------------------
CAP_VIDEO_CAPTURE = 0x00000001
CAP_VIDEO_CAPTURE_MPLANE = 0x00001000
CAP_META_CAPTURE = 0x00800000
CAP_STREAMING = 0x04000000
CAP_DEVICE_CAPS = 0x80000000

BUF_TYPE_VIDEO_CAPTURE = 1
MEMORY_MMAP = 1
FIELD_ANY = 0
BUF_FLAG_ERROR = 0x00000040  # the driver dequeued a damaged frame (uvcvideo: an incomplete one)
FMT_FLAG_EMULATED = 0x0002  # a format libv4l converts in user space: not the camera's own

FRMSIZE_TYPE_DISCRETE = 1
FRMSIZE_TYPE_CONTINUOUS = 2
FRMSIZE_TYPE_STEPWISE = 3


def fourcc(code: str) -> int:
    """v4l2_fourcc('M','J','P','G') as the kernel packs it (little-endian characters)."""
    a, b, c, d = (ord(ch) for ch in code)
    return a | (b << 8) | (c << 16) | (d << 24)


def fourcc_name(value: int) -> str:
    return "".join(chr((value >> shift) & 0xFF) for shift in (0, 8, 16, 24))


PIX_FMT_MJPEG = fourcc("MJPG")
PIX_FMT_JPEG = fourcc("JPEG")  # some older drivers name their motion JPEG so
PIX_FMT_YUYV = fourcc("YUYV")


# -- structures --------------------------------------------------------------------------------------
class Capability(ctypes.Structure):  # struct v4l2_capability
    _fields_ = [
        ("driver", c_uint8 * 16), ("card", c_uint8 * 32), ("bus_info", c_uint8 * 32),
        ("version", c_uint32), ("capabilities", c_uint32), ("device_caps", c_uint32),
        ("reserved", c_uint32 * 3),
    ]  # fmt: skip


class FmtDesc(ctypes.Structure):  # struct v4l2_fmtdesc
    _fields_ = [
        ("index", c_uint32), ("type", c_uint32), ("flags", c_uint32), ("description", c_uint8 * 32),
        ("pixelformat", c_uint32), ("mbus_code", c_uint32), ("reserved", c_uint32 * 3),
    ]  # fmt: skip


class PixFormat(ctypes.Structure):  # struct v4l2_pix_format
    _fields_ = [
        ("width", c_uint32), ("height", c_uint32), ("pixelformat", c_uint32), ("field", c_uint32),
        ("bytesperline", c_uint32), ("sizeimage", c_uint32), ("colorspace", c_uint32),
        ("priv", c_uint32), ("flags", c_uint32), ("ycbcr_enc", c_uint32),
        ("quantization", c_uint32), ("xfer_func", c_uint32),
    ]  # fmt: skip


class _FormatUnion(ctypes.Union):
    # raw_data is 200 bytes; other members (struct v4l2_window) hold pointers, which gives the
    # union 8-byte alignment on 64-bit: `type` is followed by 4 bytes of padding.
    _fields_ = [("pix", PixFormat), ("raw_data", c_uint8 * 200), ("_align", c_void_p)]


class Format(ctypes.Structure):  # struct v4l2_format
    _fields_ = [("type", c_uint32), ("fmt", _FormatUnion)]


class FrmSizeDiscrete(ctypes.Structure):
    _fields_ = [("width", c_uint32), ("height", c_uint32)]


class FrmSizeStepwise(ctypes.Structure):
    _fields_ = [
        ("min_width", c_uint32), ("max_width", c_uint32), ("step_width", c_uint32),
        ("min_height", c_uint32), ("max_height", c_uint32), ("step_height", c_uint32),
    ]  # fmt: skip


class _FrmSizeUnion(ctypes.Union):
    _fields_ = [("discrete", FrmSizeDiscrete), ("stepwise", FrmSizeStepwise)]


class FrmSizeEnum(ctypes.Structure):  # struct v4l2_frmsizeenum
    _fields_ = [
        ("index", c_uint32), ("pixel_format", c_uint32), ("type", c_uint32),
        ("size", _FrmSizeUnion), ("reserved", c_uint32 * 2),
    ]  # fmt: skip


class RequestBuffers(ctypes.Structure):  # struct v4l2_requestbuffers
    _fields_ = [
        ("count", c_uint32), ("type", c_uint32), ("memory", c_uint32), ("capabilities", c_uint32),
        ("flags", c_uint8), ("reserved", c_uint8 * 3),
    ]  # fmt: skip


class Timeval(ctypes.Structure):  # struct timeval (64-bit: two longs)
    _fields_ = [("tv_sec", c_long), ("tv_usec", c_long)]


class Timecode(ctypes.Structure):  # struct v4l2_timecode
    _fields_ = [
        ("type", c_uint32), ("flags", c_uint32), ("frames", c_uint8), ("seconds", c_uint8),
        ("minutes", c_uint8), ("hours", c_uint8), ("userbits", c_uint8 * 4),
    ]  # fmt: skip


class _BufferM(ctypes.Union):
    _fields_ = [("offset", c_uint32), ("userptr", c_ulong), ("planes", c_void_p), ("fd", c_int32)]


class _BufferTail(ctypes.Union):
    _fields_ = [("request_fd", c_int32), ("reserved", c_uint32)]


class Buffer(ctypes.Structure):  # struct v4l2_buffer
    _fields_ = [
        ("index", c_uint32), ("type", c_uint32), ("bytesused", c_uint32), ("flags", c_uint32),
        ("field", c_uint32), ("timestamp", Timeval), ("timecode", Timecode),
        ("sequence", c_uint32), ("memory", c_uint32), ("m", _BufferM), ("length", c_uint32),
        ("reserved2", c_uint32), ("tail", _BufferTail),
    ]  # fmt: skip


# -- ioctl numbers (asm-generic/ioctl.h: dir << 30 | size << 16 | type << 8 | nr) -----------------------
_IOC_WRITE, _IOC_READ = 1, 2


def _ioc(direction: int, nr: int, size: int) -> int:
    return (direction << 30) | (size << 16) | (ord("V") << 8) | nr


def _ior(nr: int, struct: type[ctypes._CData]) -> int:
    return _ioc(_IOC_READ, nr, ctypes.sizeof(struct))


def _iow(nr: int, struct: type[ctypes._CData]) -> int:
    return _ioc(_IOC_WRITE, nr, ctypes.sizeof(struct))


def _iowr(nr: int, struct: type[ctypes._CData]) -> int:
    return _ioc(_IOC_READ | _IOC_WRITE, nr, ctypes.sizeof(struct))


VIDIOC_QUERYCAP = _ior(0, Capability)
VIDIOC_ENUM_FMT = _iowr(2, FmtDesc)
VIDIOC_G_FMT = _iowr(4, Format)
VIDIOC_S_FMT = _iowr(5, Format)
VIDIOC_REQBUFS = _iowr(8, RequestBuffers)
VIDIOC_QUERYBUF = _iowr(9, Buffer)
VIDIOC_QBUF = _iowr(15, Buffer)
VIDIOC_DQBUF = _iowr(17, Buffer)
VIDIOC_STREAMON = _iow(18, ctypes.c_int)
VIDIOC_STREAMOFF = _iow(19, ctypes.c_int)
VIDIOC_ENUM_FRAMESIZES = _iowr(74, FrmSizeEnum)

IOCTLS = {
    "VIDIOC_QUERYCAP": VIDIOC_QUERYCAP, "VIDIOC_ENUM_FMT": VIDIOC_ENUM_FMT,
    "VIDIOC_G_FMT": VIDIOC_G_FMT, "VIDIOC_S_FMT": VIDIOC_S_FMT, "VIDIOC_REQBUFS": VIDIOC_REQBUFS,
    "VIDIOC_QUERYBUF": VIDIOC_QUERYBUF, "VIDIOC_QBUF": VIDIOC_QBUF, "VIDIOC_DQBUF": VIDIOC_DQBUF,
    "VIDIOC_STREAMON": VIDIOC_STREAMON, "VIDIOC_STREAMOFF": VIDIOC_STREAMOFF,
    "VIDIOC_ENUM_FRAMESIZES": VIDIOC_ENUM_FRAMESIZES,
}  # fmt: skip


def text(field: ctypes.Array[c_uint8]) -> str:
    """A fixed-size, NUL-padded char array as text."""
    return bytes(field).split(b"\0", 1)[0].decode("utf-8", "replace")

"""kiosk/camera/v4l2_abi.py matches the kernel's ABI: a C program compiled against this machine's
/usr/include/linux/videodev2.h prints every size, offset and ioctl number the camera uses."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
from pathlib import Path
from typing import Any, cast

import pytest

from kiosk.camera import v4l2_abi as abi

HEADER = Path("/usr/include/linux/videodev2.h")

# (C struct, Python structure, fields read or written: C member path == Python attribute path)
STRUCTS: list[tuple[str, type[ctypes.Structure], list[str]]] = [
    ("v4l2_capability", abi.Capability,
     ["driver", "card", "bus_info", "version", "capabilities", "device_caps"]),
    ("v4l2_fmtdesc", abi.FmtDesc, ["index", "type", "flags", "description", "pixelformat"]),
    ("v4l2_pix_format", abi.PixFormat,
     ["width", "height", "pixelformat", "field", "bytesperline", "sizeimage"]),
    ("v4l2_format", abi.Format,
     ["type", "fmt", "fmt.pix.width", "fmt.pix.height", "fmt.pix.pixelformat", "fmt.pix.bytesperline",
      "fmt.pix.sizeimage", "fmt.pix.field"]),
    ("v4l2_frmsizeenum", abi.FrmSizeEnum,
     ["index", "pixel_format", "type", "discrete.width", "discrete.height", "stepwise.min_width",
      "stepwise.max_width", "stepwise.step_width", "stepwise.min_height", "stepwise.max_height",
      "stepwise.step_height"]),
    ("v4l2_requestbuffers", abi.RequestBuffers, ["count", "type", "memory", "capabilities", "flags"]),
    ("v4l2_buffer", abi.Buffer,
     ["index", "type", "bytesused", "flags", "field", "timestamp", "timecode", "sequence", "memory",
      "m.offset", "length"]),
]  # fmt: skip
# The C constants; each is kiosk.camera.v4l2_abi's name without the V4L2_ prefix.
CONSTANTS = ["V4L2_CAP_VIDEO_CAPTURE", "V4L2_CAP_VIDEO_CAPTURE_MPLANE", "V4L2_CAP_META_CAPTURE",
             "V4L2_CAP_STREAMING", "V4L2_CAP_DEVICE_CAPS", "V4L2_BUF_TYPE_VIDEO_CAPTURE",
             "V4L2_MEMORY_MMAP", "V4L2_BUF_FLAG_ERROR", "V4L2_FMT_FLAG_EMULATED",
             "V4L2_FRMSIZE_TYPE_DISCRETE", "V4L2_FRMSIZE_TYPE_CONTINUOUS", "V4L2_FRMSIZE_TYPE_STEPWISE",
             "V4L2_PIX_FMT_MJPEG", "V4L2_PIX_FMT_JPEG", "V4L2_PIX_FMT_YUYV"]  # fmt: skip
PY_CONSTANTS = {name: getattr(abi, name.removeprefix("V4L2_")) for name in CONSTANTS}
# The Python side names the two frame-size union members under `size` (C11 anonymous union in C).
PY_ALIASES = {"discrete": "size.discrete", "stepwise": "size.stepwise"}


def py_offset(struct: type[ctypes.Structure], path: str) -> int:
    first, *_rest = path.split(".")
    path = PY_ALIASES.get(first, first) + path[len(first) :]
    offset, kind = 0, cast(Any, struct)
    for name in path.split("."):
        field = getattr(kind, name)
        offset += field.offset
        kind = dict((f[0], f[1]) for f in kind._fields_)[name]
    return offset


def c_program() -> str:
    lines = ["#include <stdio.h>", "#include <stddef.h>", "#include <linux/videodev2.h>", "int main(void) {"]
    for c_name, _py, fields in STRUCTS:
        lines.append(f'printf("size {c_name} %zu\\n", sizeof(struct {c_name}));')
        for field in fields:
            lines.append(f'printf("offset {c_name}.{field} %zu\\n", offsetof(struct {c_name}, {field}));')
    for name in abi.IOCTLS:
        lines.append(f'printf("ioctl {name} %lu\\n", (unsigned long){name});')
    for name in CONSTANTS:
        lines.append(f'printf("const {name} %lu\\n", (unsigned long){name});')
    lines += ["return 0;", "}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def kernel_abi(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.skip("gcc is missing (the Makefile's system-deps installs it)")
    if not HEADER.is_file():
        pytest.fail(f"{HEADER} is missing: install the Debian package linux-libc-dev (make system-deps)")
    folder = tmp_path_factory.mktemp("v4l2abi")
    source, binary = folder / "abi.c", folder / "abi"
    source.write_text(c_program(), encoding="utf-8")
    subprocess.run([gcc, "-Wall", "-Werror", "-o", str(binary), str(source)], check=True, timeout=120)
    out = subprocess.run([str(binary)], check=True, capture_output=True, text=True, timeout=30).stdout
    values = {}
    for line in out.splitlines():
        kind, name, value = line.split()
        values[f"{kind} {name}"] = int(value)
    return values


def test_structure_sizes_match_the_kernel_header(kernel_abi: dict[str, int]) -> None:
    sizes = {c_name: ctypes.sizeof(py) for c_name, py, _ in STRUCTS}
    assert sizes == {c_name: kernel_abi[f"size {c_name}"] for c_name, _, _ in STRUCTS}


def test_field_offsets_match_the_kernel_header(kernel_abi: dict[str, int]) -> None:
    ours = {f"{c}.{f}": py_offset(py, f) for c, py, fields in STRUCTS for f in fields}
    theirs = {f"{c}.{f}": kernel_abi[f"offset {c}.{f}"] for c, _, fields in STRUCTS for f in fields}
    assert ours == theirs


def test_ioctl_numbers_and_constants_match_the_kernel_header(kernel_abi: dict[str, int]) -> None:
    assert {name: kernel_abi[f"ioctl {name}"] for name in abi.IOCTLS} == abi.IOCTLS
    assert {name: kernel_abi[f"const {name}"] for name in CONSTANTS} == PY_CONSTANTS


def test_fourcc_names_round_trip() -> None:
    assert abi.fourcc_name(abi.PIX_FMT_MJPEG) == "MJPG" and abi.fourcc_name(abi.PIX_FMT_YUYV) == "YUYV"

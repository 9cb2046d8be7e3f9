"""The operator options of a .tflite file (strides, padding, fused activation), read from its
FlatBuffer: tflite-runtime's Python API lists operators and tensors but not their options.

A development-time helper of kiosk.photos.blazeface_convert; the kiosk never runs it. Only the
few tables of TensorFlow Lite's schema (tensorflow/lite/schema/schema.fbs) that BlazeFace's
operators use are read; field numbers below are that schema's.
"""

from __future__ import annotations

import struct
from typing import Any

PADDING = {0: "SAME", 1: "VALID"}
ACTIVATION = {0: "NONE", 1: "RELU", 2: "RELU_N1_TO_1", 3: "RELU6", 4: "TANH", 5: "SIGN_BIT"}

# builtin_options_type -> (name, [(field, field number, struct format, default)])
_OPTIONS: dict[int, tuple[str, list[tuple[str, int, str, int]]]] = {
    1: ("Conv2DOptions", [("padding", 0, "b", 0), ("stride_w", 1, "i", 0), ("stride_h", 2, "i", 0),
                          ("activation", 3, "b", 0), ("dilation_w", 4, "i", 1), ("dilation_h", 5, "i", 1)]),
    2: ("DepthwiseConv2DOptions", [("padding", 0, "b", 0), ("stride_w", 1, "i", 0), ("stride_h", 2, "i", 0),
                                   ("depth_multiplier", 3, "i", 0), ("activation", 4, "b", 0),
                                   ("dilation_w", 5, "i", 1), ("dilation_h", 6, "i", 1)]),
    5: ("Pool2DOptions", [("padding", 0, "b", 0), ("stride_w", 1, "i", 0), ("stride_h", 2, "i", 0),
                          ("filter_w", 3, "i", 0), ("filter_h", 4, "i", 0), ("activation", 5, "b", 0)]),
    10: ("ConcatenationOptions", [("axis", 0, "i", 0), ("activation", 1, "b", 0)]),
    11: ("AddOptions", [("activation", 0, "b", 0)]),
}  # fmt: skip


class _Table:
    """One FlatBuffer table: fields by number (absent fields are None)."""

    def __init__(self, buf: bytes, pos: int) -> None:
        self.buf, self.pos = buf, pos
        self.vtable = pos - struct.unpack_from("<i", buf, pos)[0]
        self.vsize = struct.unpack_from("<H", buf, self.vtable)[0]

    def _offset(self, field: int) -> int:
        at = 4 + 2 * field
        return struct.unpack_from("<H", self.buf, self.vtable + at)[0] if at < self.vsize else 0

    def scalar(self, field: int, fmt: str, default: int) -> int:
        off = self._offset(field)
        return int(struct.unpack_from("<" + fmt, self.buf, self.pos + off)[0]) if off else default

    def _target(self, field: int) -> int | None:
        off = self._offset(field)
        if not off:
            return None
        at = self.pos + off
        return int(at + struct.unpack_from("<I", self.buf, at)[0])

    def table(self, field: int) -> _Table | None:
        at = self._target(field)
        return None if at is None else _Table(self.buf, at)

    def tables(self, field: int) -> list[_Table]:
        at = self._target(field)
        if at is None:
            return []
        count = struct.unpack_from("<I", self.buf, at)[0]
        items = [at + 4 + 4 * i for i in range(count)]
        return [_Table(self.buf, p + struct.unpack_from("<I", self.buf, p)[0]) for p in items]


def operator_options(model: bytes) -> list[dict[str, Any]]:
    """The options of the first subgraph's operators, in order: named fields, padding and
    activation as names (``{"padding": "SAME", "stride_w": 2, ...}``); {} for option-less ones."""
    root = _Table(model, struct.unpack_from("<I", model, 0)[0])
    subgraph = root.tables(2)[0]  # Model.subgraphs
    result: list[dict[str, Any]] = []
    for op in subgraph.tables(3):  # SubGraph.operators
        kind = op.scalar(3, "B", 0)  # Operator.builtin_options_type
        table = op.table(4)  # Operator.builtin_options
        if kind not in _OPTIONS or table is None:
            result.append({})
            continue
        fields: dict[str, Any] = {
            name: table.scalar(num, fmt, default) for name, num, fmt, default in _OPTIONS[kind][1]
        }
        if "padding" in fields:
            fields["padding"] = PADDING[fields["padding"]]
        fields["activation"] = ACTIVATION[fields["activation"]]
        result.append(fields)
    return result

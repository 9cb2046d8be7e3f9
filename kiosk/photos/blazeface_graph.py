"""BlazeFace's network run in numpy from resources/models/face_detection_short_range.npz.

The .npz holds the model's float16 weights, exactly as in the .tflite, and ``graph``: a JSON op
list (UTF-8 bytes) written by kiosk.photos.blazeface_convert. Loading needs no TFLite and no
pickle. The layers are the ones TFLite would run, in its order, with its padding rules
(kiosk.photos.tensor_ops); only the operators and options this model uses are accepted.

Threading: a loaded ``Graph`` is immutable (read-only arrays); ``run`` keeps its intermediate
tensors local, so several threads may run it at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.photos import tensor_ops

GRAPH_KEY = "graph"  # the op list's array in the .npz
FORMAT = 1

Step = Callable[[dict[str, np.ndarray]], np.ndarray]


class UnsupportedModel(ValueError):
    """The op list uses an operator or option the numpy runner does not implement."""


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a, dtype=np.float32)
    a.setflags(write=False)
    return a


def _activation(options: dict[str, Any]) -> Callable[[np.ndarray], np.ndarray]:
    name = options.get("activation", "NONE")
    if name == "NONE":
        return lambda y: y
    if name == "RELU":
        return lambda y: np.maximum(y, 0, out=y)
    raise UnsupportedModel(f"activation {name}")


def _square_stride(options: dict[str, Any]) -> int:
    dilated = options.get("dilation_w", 1) != 1 or options.get("dilation_h", 1) != 1
    if options["stride_w"] != options["stride_h"] or dilated:
        raise UnsupportedModel(f"stride/dilation {options}")
    return int(options["stride_w"])


def _step(op: dict[str, Any], consts: dict[str, np.ndarray]) -> Step:
    """One operator as a function of the tensors computed so far (batch of 1, NHWC)."""
    kind, ins, opt = op["op"], op["inputs"], op.get("options", {})
    act = _activation(opt)
    if kind == "CONV_2D":
        kernel, bias = _frozen(consts[ins[1]]), _frozen(consts[ins[2]])
        stride, mode = _square_stride(opt), opt["padding"]
        return lambda v: act(tensor_ops.conv2d(v[ins[0]][0], kernel, bias, stride, mode))[None]
    if kind == "DEPTHWISE_CONV_2D":
        if opt.get("depth_multiplier", 1) != 1:
            raise UnsupportedModel("depth multiplier")
        dw, dbias = _frozen(consts[ins[1]][0]), _frozen(consts[ins[2]])
        stride, mode = _square_stride(opt), opt["padding"]
        return lambda v: act(tensor_ops.depthwise_conv2d(v[ins[0]][0], dw, dbias, stride, mode))[None]
    if kind == "MAX_POOL_2D":
        kh, kw, stride, mode = opt["filter_h"], opt["filter_w"], _square_stride(opt), opt["padding"]
        return lambda v: act(tensor_ops.max_pool(v[ins[0]][0], kh, kw, stride, mode))[None]
    if kind == "ADD":
        return lambda v: act(v[ins[0]] + v[ins[1]])
    if kind == "RELU":
        return lambda v: np.maximum(v[ins[0]], 0)
    if kind == "PAD":
        pads = [tuple(p) for p in opt["paddings"]]
        return lambda v: tensor_ops.pad(v[ins[0]], pads)
    if kind == "RESHAPE":
        shape = tuple(opt["shape"])
        return lambda v: v[ins[0]].reshape(shape)
    if kind == "CONCATENATION":
        axis = opt["axis"]
        return lambda v: act(np.concatenate([v[name] for name in ins], axis=axis))
    raise UnsupportedModel(f"operator {kind}")


class Graph:
    """The network: ``run`` maps a (1,128,128,3) float32 input to its named outputs."""

    def __init__(self, graph: dict[str, Any], consts: dict[str, np.ndarray]) -> None:
        if graph.get("format") != FORMAT:
            raise UnsupportedModel(f"graph format {graph.get('format')!r}")
        self.input: str = graph["input"]
        self.outputs: dict[str, str] = dict(graph["outputs"])
        self._steps = [(op["output"], _step(op, consts)) for op in graph["ops"]]

    def run(self, tensor: np.ndarray) -> dict[str, np.ndarray]:
        values = {self.input: np.asarray(tensor, dtype=np.float32)}
        for output, step in self._steps:
            values[output] = step(values)
        return {name: values[key] for name, key in self.outputs.items()}


def read_npz(path: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The op list and the constant arrays of a converted model file."""
    with np.load(path, allow_pickle=False) as npz:
        arrays = {key: npz[key] for key in npz.files}
    graph = json.loads(arrays.pop(GRAPH_KEY).tobytes().decode("utf-8"))
    return graph, arrays


def load(path: Path) -> Graph:
    graph, consts = read_npz(path)
    return Graph(graph, consts)

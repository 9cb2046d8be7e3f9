"""Development tool: turn face_detection_short_range.tflite into the .npz the kiosk runs in numpy.

    python -m kiosk.photos.blazeface_convert [--model X.tflite] [--out X.npz]

Needs tflite-runtime (a dev/test dependency; the kiosk bundle does not carry it). The interpreter
lists the operators and tensors; the float16 weights are read from the constant tensors that
DEQUANTIZE operators feed on (each DEQUANTIZE is folded away: the runner widens float16 to
float32 itself, as DEQUANTIZE does); strides, padding and fused activations come from the
FlatBuffer (kiosk.photos.tflite_options). The output is written byte for byte the same every
time (sorted, uncompressed members, fixed dates), so a test can compare it with the committed file.
After writing, the numpy runner is checked against the interpreter on random inputs.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.paths import resources_dir
from kiosk.photos import blazeface_graph
from kiosk.photos.tflite_options import operator_options

MODEL = resources_dir() / "models" / "face_detection_short_range.tflite"
OUTPUT = resources_dir() / "models" / "face_detection_short_range.npz"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def interpreter(model: Path, preserve_all_tensors: bool = False) -> Any:
    """A TFLite interpreter on ``model``, tensors allocated (single thread)."""
    try:
        from tflite_runtime.interpreter import Interpreter
    except ImportError:  # the LiteRT rename of the same runtime
        from ai_edge_litert.interpreter import Interpreter
    it = Interpreter(
        model_path=str(model), num_threads=1, experimental_preserve_all_tensors=preserve_all_tensors
    )
    it.allocate_tensors()
    return it


def _name(tensor_name: str) -> str:
    return tensor_name.replace("/", ".")


def _options(kind: str, raw: dict[str, Any], it: Any, ins: list[int], out_shape: list[int]) -> dict[str, Any]:
    """The options the numpy runner needs for one operator."""
    if kind == "PAD":
        return {"paddings": it.get_tensor(ins[1]).tolist()}
    if kind == "RESHAPE":
        return {"shape": out_shape}
    return raw


def convert(model: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The op list and the float16 weights of ``model``."""
    # Keeping every tensor also keeps TFLite from handing the graph to its XNNPACK delegate, which
    # would replace the operators by one delegate node.
    it = interpreter(model, preserve_all_tensors=True)
    tensors = {t["index"]: t for t in it.get_tensor_details()}
    options = operator_options(model.read_bytes())
    ops_details = it._get_ops_details()
    if len(options) != len(ops_details):
        raise blazeface_graph.UnsupportedModel("operator count differs between FlatBuffer and interpreter")
    consts: dict[str, np.ndarray] = {}
    names: dict[int, str] = {}  # tensor index -> name in the op list
    ops: list[dict[str, Any]] = []
    for op, raw in zip(ops_details, options, strict=True):
        kind, ins, outs = op["op_name"], [i for i in op["inputs"] if i >= 0], list(op["outputs"])
        if kind == "DEQUANTIZE":
            source = tensors[ins[0]]
            if source["dtype"] != np.float16:
                raise blazeface_graph.UnsupportedModel(f"DEQUANTIZE of {source['dtype']}")
            key = _name(source["name"])
            consts[key] = it.get_tensor(ins[0]).astype(np.float16)
            names[outs[0]] = key
            continue
        if len(outs) != 1:
            raise blazeface_graph.UnsupportedModel(f"{kind} with {len(outs)} outputs")
        # PAD's paddings and RESHAPE's shape are constants: they go into the options instead.
        data_inputs = ins[:1] if kind in ("PAD", "RESHAPE") else ins
        entry = {
            "op": kind,
            "inputs": [names.get(i, f"t{i}") for i in data_inputs],
            "output": f"t{outs[0]}",
            "options": _options(kind, raw, it, ins, [int(n) for n in tensors[outs[0]]["shape"]]),
        }
        ops.append(entry)
    (inp,) = it.get_input_details()
    graph = {
        "format": blazeface_graph.FORMAT,
        "source": model.name,
        "input": f"t{inp['index']}",
        "input_shape": [int(n) for n in inp["shape"]],
        "outputs": {d["name"]: f"t{d['index']}" for d in it.get_output_details()},
        "ops": ops,
    }
    return graph, consts


def npz_bytes(graph: dict[str, Any], consts: dict[str, np.ndarray]) -> bytes:
    """The .npz file, the same bytes for the same model on any machine."""
    text = json.dumps(graph, indent=1, sort_keys=True).encode("utf-8")
    members = {blazeface_graph.GRAPH_KEY: np.frombuffer(text, dtype=np.uint8), **consts}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for key in sorted(members):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(members[key]), allow_pickle=False)
            info = zipfile.ZipInfo(key + ".npy", date_time=_ZIP_DATE)
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue())
    return out.getvalue()


def max_difference(model: Path, npz: Path, inputs: list[np.ndarray]) -> float:
    """Largest absolute difference between the interpreter's raw outputs and the numpy runner's."""
    it = interpreter(model)
    graph = blazeface_graph.load(npz)
    worst = 0.0
    for tensor in inputs:
        it.set_tensor(it.get_input_details()[0]["index"], tensor)
        it.invoke()
        ours = graph.run(tensor)
        for detail in it.get_output_details():
            theirs = it.get_tensor(detail["index"])
            worst = max(worst, float(np.abs(ours[detail["name"]] - theirs).max()))
    return worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    graph, consts = convert(args.model)
    args.out.write_bytes(npz_bytes(graph, consts))
    rng = np.random.default_rng(0)
    inputs = [rng.uniform(-1, 1, graph["input_shape"]).astype(np.float32) for _ in range(3)]
    diff = max_difference(args.model, args.out, inputs)
    weights = sum(a.size for a in consts.values())
    print(
        f"{args.out}: {len(graph['ops'])} operators, {len(consts)} arrays, {weights} float16 weights, "
        f"{args.out.stat().st_size} bytes; raw outputs vs TFLite on 3 random inputs: max |diff| {diff:.2e}"
    )
    return 0 if diff < 1e-3 else 1


if __name__ == "__main__":
    sys.exit(main())

"""BlazeFace in numpy gives what TFLite gives; the committed weights are the converter's output;
the kiosk runs the model without tflite-runtime (a dev/test dependency only)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageEnhance

from kiosk.photos import blazeface_convert, blazeface_graph, tensor_ops
from kiosk.photos.blazeface import Face, decode, letterbox, shared_detector
from tests.synthetic_images import blank, document, draw_face, portrait, text_page

ROOT = Path(__file__).resolve().parents[2]


def _darker_skin() -> Image.Image:
    img = Image.new("RGB", (1280, 720), (225, 225, 220))
    draw_face(ImageDraw.Draw(img), 660, 370, 380, skin=(112, 74, 52))
    return img


# The drawn pictures the photo tests use, and pictures without a face.
PICTURES = {
    "centred": lambda: portrait(),
    "left": lambda: portrait(centre=(0.3, 0.5)),
    "two": lambda: portrait(faces=2, face_height=0.4),
    "far": lambda: portrait(face_height=0.25),
    "close": lambda: portrait(face_height=0.8),
    "upright-frame": lambda: portrait(size=(720, 1280), face_height=0.3),
    "dark": lambda: ImageEnhance.Brightness(portrait()).enhance(0.3),
    "bright": lambda: ImageEnhance.Brightness(portrait()).enhance(1.8),
    "blurred": lambda: portrait(blur=5),
    "darker-skin": _darker_skin,
    "blank": lambda: blank(),
    "text": lambda: text_page(),
    "page": lambda: document(),
}
NO_FACE = {"blank", "text", "page"}


@pytest.fixture(scope="module")
def tflite() -> Any:
    """TFLite's interpreter on the original model, as the kiosk ran it before (XNNPACK, 1 thread)."""
    return blazeface_convert.interpreter(blazeface_convert.MODEL)


@pytest.fixture(params=[True, False], ids=["blas-matmul", "no-blas-einsum"])
def blas(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[bool]:
    """Both matrix-product paths: the dev venv's numpy has OpenBLAS, the bundle's has none."""
    monkeypatch.setattr(tensor_ops, "HAS_BLAS", request.param)
    yield request.param


def _tflite_outputs(it: Any, tensor: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    it.set_tensor(it.get_input_details()[0]["index"], tensor)
    it.invoke()
    out = {d["name"]: it.get_tensor(d["index"]).copy() for d in it.get_output_details()}
    return out["regressors"], out["classificators"]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x.astype(np.float64), -80, 80)))


def _same_faces(ours: list[Face], theirs: list[Face]) -> None:
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs, strict=True):
        for field in ("left", "top", "right", "bottom", "score"):
            assert getattr(a, field) == pytest.approx(getattr(b, field), abs=1e-4), field


@pytest.mark.parametrize("name", list(PICTURES))
def test_numpy_network_matches_tflite(name: str, tflite: Any, blas: bool) -> None:
    tensor, _, _ = letterbox(PICTURES[name]())
    boxes, scores = shared_detector().raw_outputs(tensor)
    tf_boxes, tf_scores = _tflite_outputs(tflite, tensor)
    assert boxes.shape == tf_boxes.shape == (1, 896, 16)
    assert scores.shape == tf_scores.shape == (1, 896, 1)
    assert np.abs(_sigmoid(scores) - _sigmoid(tf_scores)).max() < 1e-3
    # Raw box values reach ~1,600 input pixels on anchors far from any face: float32 summed in
    # another order differs by ~6e-6 of that (0.01 px); faces are compared below.
    assert np.abs(boxes - tf_boxes).max() <= 1e-4 * np.abs(tf_boxes).max()
    faces = decode(boxes, scores)
    _same_faces(faces, decode(tf_boxes, tf_scores))
    assert (len(faces) == 0) == (name in NO_FACE)  # the comparison covers found faces too


def test_committed_weights_are_what_the_converter_writes(tmp_path: Path) -> None:
    out = tmp_path / "face.npz"
    assert blazeface_convert.main(["--out", str(out)]) == 0  # also checks numpy against TFLite
    assert out.read_bytes() == blazeface_convert.OUTPUT.read_bytes()


def test_the_kiosk_detects_faces_without_tflite() -> None:
    """tflite_runtime and ai_edge_litert made unimportable: the detector still loads and finds a face."""
    code = (
        "import sys\n"
        "sys.modules['tflite_runtime'] = None\n"
        "sys.modules['ai_edge_litert'] = None\n"
        "from kiosk.photos.blazeface import FaceDetector\n"
        "from tests.synthetic_images import portrait\n"
        "faces = FaceDetector().detect(portrait())\n"
        "assert len(faces) == 1, faces\n"
        "assert not [m for m, mod in sys.modules.items() if mod and m.startswith(('tflite', 'ai_edge'))]\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]


def test_padding_follows_tflite() -> None:
    # TFLite's SAME: ceil(size / stride) outputs, the odd pixel of padding after.
    assert tensor_ops.padding(128, 5, 2, "SAME") == (64, 1, 2)
    assert tensor_ops.padding(64, 3, 2, "SAME") == (32, 0, 1)
    assert tensor_ops.padding(16, 3, 1, "SAME") == (16, 1, 1)
    assert tensor_ops.padding(7, 3, 2, "VALID") == (3, 0, 0)
    assert tensor_ops.padding(64, 2, 2, "SAME") == (32, 0, 0)


def _reference_conv(x: np.ndarray, kernel: np.ndarray, stride: int, mode: str, depthwise: bool) -> np.ndarray:
    """Loops straight from the definition (kernel (out, kh, kw, in), or (kh, kw, c) depthwise)."""
    kh, kw = kernel.shape[:2] if depthwise else kernel.shape[1:3]
    oh, top, _ = tensor_ops.padding(x.shape[0], kh, stride, mode)
    ow, left, _ = tensor_ops.padding(x.shape[1], kw, stride, mode)
    cout = x.shape[2] if depthwise else kernel.shape[0]
    out = np.zeros((oh, ow, cout), dtype=np.float64)
    for y in range(oh):
        for xx in range(ow):
            for i in range(kh):
                for j in range(kw):
                    sy, sx = y * stride - top + i, xx * stride - left + j
                    if 0 <= sy < x.shape[0] and 0 <= sx < x.shape[1]:
                        if depthwise:
                            out[y, xx] += x[sy, sx] * kernel[i, j]
                        else:
                            out[y, xx] += kernel[:, i, j, :] @ x[sy, sx]
    return out


@pytest.mark.parametrize(("size", "k", "stride", "mode"),
                         [(9, 3, 2, "SAME"), (8, 5, 2, "SAME"), (7, 3, 1, "SAME"), (9, 3, 2, "VALID"),
                          (6, 1, 1, "VALID")])  # fmt: skip
def test_convolutions_match_their_definition(size: int, k: int, stride: int, mode: str, blas: bool) -> None:
    rng = np.random.default_rng(size * 10 + k)
    x = rng.standard_normal((size, size + 1, 4)).astype(np.float32)
    kernel = rng.standard_normal((5, k, k, 4)).astype(np.float32)
    dw = rng.standard_normal((k, k, 4)).astype(np.float32)
    bias = np.zeros(5, np.float32)
    got = tensor_ops.conv2d(x, kernel, bias, stride, mode)
    assert np.abs(got - _reference_conv(x, kernel, stride, mode, depthwise=False)).max() < 1e-4
    got_dw = tensor_ops.depthwise_conv2d(x, dw, np.zeros(4, np.float32), stride, mode)
    assert np.abs(got_dw - _reference_conv(x, dw, stride, mode, depthwise=True)).max() < 1e-4


def test_max_pool_ignores_same_padding() -> None:
    x = -np.arange(2 * 3 * 1, dtype=np.float32).reshape(2, 3, 1) - 1  # all negative
    pooled = tensor_ops.max_pool(x, 2, 2, 2, "SAME")
    assert pooled.shape == (1, 2, 1)
    assert pooled[:, :, 0].tolist() == [[-1.0, -3.0]]  # not the padding's 0


def test_an_unknown_operator_is_refused() -> None:
    graph = {"format": blazeface_graph.FORMAT, "input": "t0", "outputs": {}, "ops": [
        {"op": "SOFTMAX", "inputs": ["t0"], "output": "t1", "options": {}}]}  # fmt: skip
    with pytest.raises(blazeface_graph.UnsupportedModel, match="SOFTMAX"):
        blazeface_graph.Graph(graph, {})

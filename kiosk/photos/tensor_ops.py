"""The few TensorFlow Lite operators BlazeFace uses, in numpy, on one (height, width, channels)
float32 image: convolution, depthwise convolution, max pooling, padding, with TFLite's padding rules.

Pure functions over read-only arrays: safe to call from several threads at once. A convolution
is one matrix product (im2col for the 5x5 one, the image's pixels as rows for the 1x1 ones); a
3x3 depthwise convolution is nine shifted multiply-adds. The bundle's numpy has no BLAS, where
``@`` falls back to a plain loop three times slower than einsum's vectorised one; with a BLAS
(the development venv's OpenBLAS) ``@`` is the faster one (docs/photos.md: timings).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _numpy_has_blas() -> bool:
    try:
        return bool(np.__config__.CONFIG["Build Dependencies"]["blas"].get("found", False))  # type: ignore[attr-defined]
    except (AttributeError, KeyError, TypeError):  # an older or differently built numpy
        return False


HAS_BLAS = _numpy_has_blas()


def product(rows: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """(n, k) rows times a (m, k) kernel, transposed: (n, m)."""
    if HAS_BLAS:
        return rows @ kernel.T
    return np.einsum("nk,mk->nm", rows, kernel)


def pad(x: np.ndarray, widths: list[tuple[int, int]], fill: float = 0.0) -> np.ndarray:
    """x with ``widths`` (before, after) per axis of ``fill`` around it (np.pad, minus its overhead)."""
    out = np.full([n + a + b for n, (a, b) in zip(x.shape, widths, strict=True)], fill, dtype=x.dtype)
    out[tuple(slice(a, a + n) for n, (a, _) in zip(x.shape, widths, strict=True))] = x
    return out


def padding(size: int, kernel: int, stride: int, mode: str) -> tuple[int, int, int]:
    """(output size, padding before, padding after) along one axis, as TFLite computes them:
    SAME gives ceil(size / stride) outputs with the odd pixel of padding after; VALID pads nothing."""
    if mode == "SAME":
        out = -(-size // stride)
        total = max((out - 1) * stride + kernel - size, 0)
        return out, total // 2, total - total // 2
    if mode == "VALID":
        return (size - kernel) // stride + 1, 0, 0
    raise ValueError(f"unknown padding {mode!r}")


def _padded(
    x: np.ndarray, kh: int, kw: int, stride: int, mode: str, fill: float
) -> tuple[np.ndarray, int, int]:
    """x padded for a kh x kw window, and the output height and width."""
    oh, top, bottom = padding(x.shape[0], kh, stride, mode)
    ow, left, right = padding(x.shape[1], kw, stride, mode)
    if top or bottom or left or right:
        x = pad(x, [(top, bottom), (left, right), (0, 0)], fill)
    return x, oh, ow


def _tap(xp: np.ndarray, i: int, j: int, oh: int, ow: int, stride: int) -> np.ndarray:
    """The (oh, ow, c) view of padded ``xp`` that a window's pixel (i, j) sees at every output."""
    return xp[i : i + (oh - 1) * stride + 1 : stride, j : j + (ow - 1) * stride + 1 : stride]


def conv2d(x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, stride: int, mode: str) -> np.ndarray:
    """Convolution. ``kernel`` is TFLite's (out, kh, kw, in), float32; ``bias`` (out,)."""
    cout, kh, kw, cin = kernel.shape
    flat = kernel.reshape(cout, kh * kw * cin)
    if kh == kw == 1 and stride == 1:
        h, w, _ = x.shape
        return (product(x.reshape(h * w, cin), flat) + bias).reshape(h, w, cout)
    xp, oh, ow = _padded(x, kh, kw, stride, mode, 0.0)
    # (oh, ow, kh, kw, in) patches, copied once into the rows of one matrix product.
    windows = _tap(sliding_window_view(xp, (kh, kw, cin)), 0, 0, oh, ow, stride)[:, :, 0]
    patches = np.ascontiguousarray(windows).reshape(oh * ow, kh * kw * cin)
    return (product(patches, flat) + bias).reshape(oh, ow, cout)


def depthwise_conv2d(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, stride: int, mode: str
) -> np.ndarray:
    """Depthwise convolution with a depth multiplier of 1. ``kernel`` is (kh, kw, channels)."""
    kh, kw, channels = kernel.shape
    xp, oh, ow = _padded(x, kh, kw, stride, mode, 0.0)
    out = np.empty((oh, ow, channels), dtype=np.float32)
    out[...] = bias
    tap = np.empty_like(out)
    for i in range(kh):
        for j in range(kw):
            np.multiply(_tap(xp, i, j, oh, ow, stride), kernel[i, j], out=tap)
            out += tap
    return out


def max_pool(x: np.ndarray, kh: int, kw: int, stride: int, mode: str) -> np.ndarray:
    """Max pooling; SAME padding never wins (padded with -inf, as TFLite ignores it)."""
    xp, oh, ow = _padded(x, kh, kw, stride, mode, -np.inf)
    out = _tap(xp, 0, 0, oh, ow, stride).copy()
    for i in range(kh):
        for j in range(kw):
            if i or j:
                np.maximum(out, _tap(xp, i, j, oh, ow, stride), out=out)
    return out

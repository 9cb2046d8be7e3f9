"""`kiosk camera-check` without a camera: clear verdicts for no node, non-camera nodes and an
unplugged camera; the measurement itself against a fake device (tests/support/fake_v4l2.py)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kiosk.camera.check import measure
from kiosk.camera.v4l2 import CameraInfo, Mode, Opener, Stream, choose_mode, query
from kiosk.cli import main
from tests.support.fake_v4l2 import C920, FakeCamera


def jpeg_frame() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (160, 90), (30, 60, 90)).save(out, "JPEG")
    return out.getvalue()


def opener_for(camera: FakeCamera) -> Opener:
    def opener(path: str) -> tuple[Stream, Mode, CameraInfo]:
        info = query(camera)
        return Stream(camera), choose_mode(camera), info

    return opener


def test_no_video_node_says_there_is_no_camera(tmp_path: Path, capsys: Any) -> None:
    assert main(["camera-check", "--dev", str(tmp_path)]) == 1
    assert "no camera: no /dev/video* node" in capsys.readouterr().out


def test_nodes_that_are_not_cameras_are_listed_with_why(tmp_path: Path, capsys: Any) -> None:
    (tmp_path / "video0").write_bytes(b"")
    assert main(["camera-check", "--dev", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'video0'}: skipped: {tmp_path / 'video0'}: not a V4L2 device" in out
    assert "no camera: no video capture device" in out


def test_a_device_that_is_not_a_camera_is_an_error_not_a_traceback(capsys: Any) -> None:
    assert main(["camera-check", "--device", "/dev/null", "--dev", "/nonexistent", "--seconds", "1"]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == "error: /dev/null: not a V4L2 device" and "Traceback" not in captured.err


def test_a_camera_is_measured_frames_per_second_and_decode() -> None:
    camera = FakeCamera(C920, frames=[jpeg_frame()] * 3 + [b"\xff\xd8 broken"] + [jpeg_frame()] * 10)
    ticks = iter(i * 0.1 for i in range(1000))  # each clock reading 0.1 s later: 9 reads in 1 s
    report = measure("/dev/video0", 1.0, opener_for(camera), clock=lambda: next(ticks))
    assert (report.frames, report.bad_frames, report.decoded_size) == (9, 1, (160, 90))
    assert len(report.decode_ms) == 8 and "9 in 1.1 s = 8.2 fps, 1 undecodable" in report.lines()[1]
    assert report.fps == pytest.approx(9 / 1.1)
    assert report.lines()[0] == "using /dev/video0: Fake Webcam C920 (uvcvideo), MJPG 1920x1080"
    assert camera.closed and report.error == ""


def test_an_unplugged_camera_is_reported_after_the_frames_it_gave() -> None:
    camera = FakeCamera(C920, frames=[jpeg_frame()] * 5, unplug_after=2)
    report = measure("/dev/video0", 60.0, opener_for(camera))
    assert report.frames == 2 and "stopped answering (ENODEV)" in report.error
    assert report.lines()[-1].startswith("error: ") and camera.closed

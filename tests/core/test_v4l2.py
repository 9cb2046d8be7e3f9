"""The V4L2 camera without a camera: device checks on real non-camera files, the format choice on
recorded driver answers, and streaming against a fake device (tests/support/fake_v4l2.py)."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from kiosk.camera import v4l2_abi as abi
from kiosk.camera.capture import BAD_FRAMES_LIMIT, CaptureThread, run_capture
from kiosk.camera.decode import RgbFrame
from kiosk.camera.v4l2 import (
    CameraError,
    CameraGone,
    CameraInfo,
    DeviceFile,
    Mode,
    NotACamera,
    Opener,
    Stream,
    choose_mode,
    find_camera,
    query,
    survey,
    video_nodes,
)  # fmt: skip
from tests.support.fake_v4l2 import C920, LAPTOP_VGA, VIVID, FakeCamera

MJPG, YUYV = abi.PIX_FMT_MJPEG, abi.PIX_FMT_YUYV


def jpeg_frame(color: tuple[int, int, int] = (200, 120, 40), size: tuple[int, int] = (64, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", quality=90)
    return out.getvalue()


# -- which node is a camera -----------------------------------------------------------------------
def test_dev_null_is_not_a_camera_and_says_so() -> None:
    device = DeviceFile("/dev/null")
    try:
        with pytest.raises(NotACamera, match="/dev/null: not a V4L2 device"):
            query(device)
    finally:
        device.close()


def test_a_regular_file_named_video0_is_not_a_camera(tmp_path: Path) -> None:
    for name in ("video0", "video10", "video2", "video-meta", "videoX"):
        (tmp_path / name).write_bytes(b"not a device")
    assert [p.name for p in video_nodes(tmp_path)] == ["video0", "video2", "video10"]
    verdicts = dict(survey(tmp_path))
    assert all(isinstance(v, NotACamera) and "not a V4L2 device" in str(v) for v in verdicts.values())
    assert find_camera(tmp_path) is None


def test_no_video_nodes_means_no_camera(tmp_path: Path) -> None:
    assert video_nodes(tmp_path) == [] and find_camera(tmp_path) is None


def test_a_node_that_cannot_be_opened_is_named_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(CameraError, match="video7: cannot open \\(ENOENT\\)"):
        DeviceFile(tmp_path / "video7")


def test_capture_devices_pass_and_metadata_or_output_nodes_do_not() -> None:
    info = query(FakeCamera(C920))
    assert (info.driver, info.card) == ("uvcvideo", "Fake Webcam C920")
    with pytest.raises(NotACamera, match="metadata node"):
        query(FakeCamera(C920, caps=abi.CAP_META_CAPTURE | abi.CAP_STREAMING))
    with pytest.raises(NotACamera, match="not a video capture device"):
        query(FakeCamera(C920, caps=0x2 | abi.CAP_STREAMING))  # V4L2_CAP_VIDEO_OUTPUT
    with pytest.raises(NotACamera, match="cannot stream"):
        query(FakeCamera(C920, caps=abi.CAP_VIDEO_CAPTURE))


# -- which format and size --------------------------------------------------------------------------
def test_a_c920_streams_motion_jpeg_at_1920x1080() -> None:
    camera = FakeCamera(C920)
    assert choose_mode(camera) == Mode(MJPG, 1920, 1080, 0)
    assert camera.requested == (MJPG, 1920, 1080)


def test_a_vga_camera_is_asked_for_720p_and_its_answer_is_taken() -> None:
    camera = FakeCamera(LAPTOP_VGA)
    assert choose_mode(camera) == Mode(YUYV, 640, 480, 1280)
    assert camera.requested == (YUYV, 1280, 720)


def test_a_stepwise_range_gives_the_largest_size_up_to_1080p() -> None:
    assert choose_mode(FakeCamera(VIVID)) == Mode(YUYV, 1920, 1080, 3840)


def test_yuyv_in_range_beats_motion_jpeg_that_is_too_small() -> None:
    formats = {MJPG: [(640, 480)], YUYV: [(640, 480), (1280, 720)]}
    assert choose_mode(FakeCamera(formats)) == Mode(YUYV, 1280, 720, 2560)


def test_formats_emulated_by_libv4l_are_not_chosen() -> None:
    camera = FakeCamera({MJPG: [(1920, 1080)], YUYV: [(1280, 720)]}, emulated=(MJPG,))
    assert choose_mode(camera).pixelformat == YUYV


def test_a_camera_without_mjpeg_or_yuyv_names_what_it_offers() -> None:
    with pytest.raises(CameraError, match="offered: H264, GREY"):
        choose_mode(FakeCamera({abi.fourcc("H264"): [(1920, 1080)], abi.fourcc("GREY"): [(640, 480)]}))


# -- streaming --------------------------------------------------------------------------------------
def test_streaming_maps_four_buffers_and_gives_each_frame_back() -> None:
    frames = [jpeg_frame((i * 40, 0, 0)) for i in range(6)]
    camera = FakeCamera(C920, frames=list(frames))
    choose_mode(camera)
    stream = Stream(camera)
    assert camera.calls[-10:] == (["VIDIOC_REQBUFS"] + ["VIDIOC_QUERYBUF"] * 4 + ["VIDIOC_QBUF"] * 4
                                  + ["VIDIOC_STREAMON"])  # fmt: skip
    got = [stream.read(0) for _ in range(6)]
    assert got == frames and camera.queued == {0, 1, 2, 3}, "every buffer is queued again"
    assert stream.read(0) is None  # nothing more came
    stream.close()
    assert camera.calls[-1] == "VIDIOC_STREAMOFF" and camera.closed and not camera.streaming
    stream.close()  # twice is fine


def test_frames_the_driver_flags_as_damaged_are_skipped() -> None:
    frames = [jpeg_frame((i * 40, 0, 0)) for i in range(3)]
    camera = FakeCamera(C920, frames=list(frames), damaged=(1,))
    choose_mode(camera)
    stream = Stream(camera)
    assert [stream.read(0) for _ in range(3)] == [frames[0], None, frames[2]]
    assert camera.queued == {0, 1, 2, 3}, "the damaged frame's buffer is queued again too"
    stream.close()


def test_a_stepwise_range_starting_above_1080p_falls_back_to_the_drivers_answer() -> None:
    from tests.support.fake_v4l2 import Stepwise

    camera = FakeCamera({YUYV: Stepwise(2048, 4096, 16, 1536, 2160, 16)})
    assert choose_mode(camera) == Mode(YUYV, 2048, 1536, 4096)
    assert camera.requested == (YUYV, 1280, 720)


def test_a_driver_giving_fewer_buffers_is_used_as_is() -> None:
    camera = FakeCamera(C920, frames=[jpeg_frame()], buffers_given=2)
    choose_mode(camera)
    stream = Stream(camera)
    assert len(camera.maps) == 2 and stream.read(0) is not None
    stream.close()


def test_an_unplugged_camera_raises_camera_gone_and_still_closes() -> None:
    camera = FakeCamera(C920, frames=[jpeg_frame()] * 5, unplug_after=2)
    choose_mode(camera)
    stream = Stream(camera)
    assert stream.read(0) and stream.read(0)
    with pytest.raises(CameraGone, match="stopped answering \\(ENODEV\\)"):
        stream.read(0)
    stream.close()
    assert camera.closed


def test_the_capture_loop_decodes_at_most_max_fps_and_stops_when_asked() -> None:
    frames = [jpeg_frame((i * 20, 100, 50)) for i in range(10)]
    camera = FakeCamera(C920, frames=list(frames))
    mode = choose_mode(camera)
    stream = Stream(camera)
    stopping, published = threading.Event(), list[RgbFrame]()
    ticks = iter(i * 0.04 for i in range(100))  # frames 40 ms apart: a 25 fps camera

    def publish(frame: RgbFrame) -> None:
        published.append(frame)
        if not camera.frames:
            stopping.set()

    count = run_capture(stream, mode, publish, stopping, max_fps=10, poll_s=0, clock=lambda: next(ticks))
    stream.close()
    # 10 frames over 0.36 s at most every 0.1 s: frames 0, 3, 6, 9
    assert count == len(published) == 4
    reds = [int(np.frombuffer(f.data, np.uint8).reshape(f.height, f.width, 3)[5, 5, 0]) for f in published]
    assert [round(r / 20) for r in reds] == [0, 3, 6, 9]


def test_only_undecodable_frames_are_a_camera_error() -> None:
    camera = FakeCamera(C920, frames=[b"\xff\xd8 garbage"] * BAD_FRAMES_LIMIT)
    mode = choose_mode(camera)
    stream = Stream(camera)
    with pytest.raises(CameraError, match="could not be decoded \\(MJPG\\)"):
        run_capture(stream, mode, lambda _f: None, threading.Event(), max_fps=0, poll_s=0)
    stream.close()


def test_a_yuyv_camera_streams_decoded_frames() -> None:
    from kiosk.camera.decode import encode_yuyv

    rgb = np.zeros((480, 640, 3), np.uint8)
    rgb[:, :, 2] = 200
    camera = FakeCamera(LAPTOP_VGA, frames=[encode_yuyv(rgb)])
    mode = choose_mode(camera)
    stream = Stream(camera)
    stopping, got = threading.Event(), list[RgbFrame]()

    def publish(frame: RgbFrame) -> None:
        got.append(frame)
        stopping.set()

    run_capture(stream, mode, publish, stopping, poll_s=0)
    stream.close()
    pixel = np.frombuffer(got[0].data, np.uint8).reshape(480, 640, 3)[240, 320]
    assert (got[0].width, got[0].height) == (640, 480) and abs(int(pixel[2]) - 200) <= 3 and pixel[0] <= 3


def opener_for(camera: FakeCamera) -> Opener:
    def opener(path: str) -> tuple[Stream, Mode, CameraInfo]:
        info = query(camera)
        return Stream(camera), choose_mode(camera), info

    return opener


def test_the_capture_thread_hands_on_frames_and_stop_joins_it_and_closes_the_device() -> None:
    camera = FakeCamera(C920, frames=[jpeg_frame()])
    got, ended = threading.Event(), list[str]()
    capture = CaptureThread("/dev/video0", lambda _f: got.set(), ended.append, opener_for(camera))
    capture.start()
    assert got.wait(10)
    assert capture.stop() and not capture.alive
    assert camera.closed and "VIDIOC_STREAMOFF" in camera.calls and ended == []
    assert capture.mode == Mode(MJPG, 1920, 1080, 0)
    assert capture.info is not None and capture.info.card == "Fake Webcam C920"


def test_the_capture_thread_reports_why_it_ended_by_itself() -> None:
    done = threading.Event()
    reasons: list[str] = []

    def on_end(reason: str) -> None:
        reasons.append(reason)
        done.set()

    capture = CaptureThread("/dev/null", lambda _f: None, on_end)  # the real opener, a real non-camera
    capture.start()
    assert done.wait(10) and capture.stop()
    assert reasons == ["/dev/null: not a V4L2 device"]
    camera = FakeCamera(C920, frames=[jpeg_frame()] * 3, unplug_after=1)
    done.clear()
    capture = CaptureThread("/dev/video0", lambda _f: None, on_end, opener_for(camera))
    capture.start()
    assert done.wait(10) and capture.stop()
    assert "stopped answering (ENODEV)" in reasons[-1] and camera.closed

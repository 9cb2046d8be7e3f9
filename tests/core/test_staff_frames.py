"""The staff camera's policy without Qt: which frames are decoded, at what size, what counts as a code."""

from __future__ import annotations

import datetime as dt

from kiosk.crypto.primitives import Ed25519PrivateKey
from kiosk.qr_images import kiosk_code, pick_code
from kiosk.qrpayload import Payload, encode
from kiosk.staff.frames import MAX_SIDE, FrameGate, fit, pick_format

CODE = encode(
    Payload("ACEFGHJK", "SK-LOBBY-1", "temporary-residence", dt.datetime(2026, 5, 1, tzinfo=dt.UTC)),
    Ed25519PrivateKey.generate(),
)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_gate_lets_through_one_frame_at_a_time_and_five_a_second() -> None:
    clock = Clock()
    gate = FrameGate(rate=5, clock=clock)
    assert gate.offer()  # the first frame of a session goes at once
    assert [gate.offer() for _ in range(10)] == [False] * 10  # a decode is in flight
    assert gate.dropped_busy == 10 and gate.started == 1
    clock.now += 0.5
    assert not gate.offer() and gate.dropped_busy == 11  # still in flight, however long ago it began
    gate.finished()
    assert gate.offer() and gate.started == 2  # done, and 0.5 s since the last start
    gate.finished()
    clock.now += 0.1
    assert not gate.ready() and not gate.offer() and gate.dropped_early == 1  # 0.1 s: too soon
    clock.now += 0.15
    assert gate.ready() and gate.offer() and gate.started == 3  # 0.25 s: the next one


def test_a_reset_gate_starts_a_new_session_at_once() -> None:
    clock = Clock()
    gate = FrameGate(rate=5, clock=clock)
    assert gate.offer()
    gate.reset()  # camera stopped and started again while a decode was still running
    assert not gate.busy and gate.offer()


def test_frames_are_scaled_down_to_the_longest_side() -> None:
    assert fit(1280, 720) == (1280, 720) and fit(640, 480) == (640, 480)
    assert fit(3840, 2160) == (MAX_SIDE, 720) and fit(1920, 1080) == (MAX_SIDE, 720)
    assert fit(1080, 1920) == (720, MAX_SIDE)  # a camera held upright
    assert fit(4000, 3, max_side=1000) == (1000, 1)  # never to zero


def test_the_camera_format_closest_to_720p_from_below() -> None:
    formats = [(640, 480, 30.0), (1920, 1080, 30.0), (1280, 720, 10.0), (1280, 720, 30.0), (320, 240, 60.0)]
    assert pick_format(formats) == 3  # the largest that fits, the faster of two equal sizes
    assert pick_format([(3840, 2160, 30.0), (1920, 1080, 15.0), (1920, 1080, 30.0)]) == 2  # none fit
    assert pick_format([]) is None


def test_only_a_kiosk_code_counts_as_one() -> None:
    url = "https://example.com/form"
    assert kiosk_code([url, CODE]) == CODE and kiosk_code([url]) is None and kiosk_code([]) is None
    assert kiosk_code(["K3:ANYTHING"]) == "K3:ANYTHING"  # a newer kiosk's code: verify says unsupported
    assert kiosk_code(["K1:too:short"]) is None  # a K1 code that does not parse is not one
    assert pick_code([url]) == url  # a file keeps its one other code, for verify to call malformed

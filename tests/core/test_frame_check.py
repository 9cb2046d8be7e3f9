"""Live camera hints: dark, blurred, far, glare and empty frames are told apart from a good one."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from PIL import Image

from kiosk.camera.frame_check import FrameHint, assess_frame
from tests.support.passport_pages import Augment, make_page

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(("augment", "hint"), [
    (Augment(fill=0.85), FrameHint.OK),
    (Augment(fill=0.85, dark=0.12), FrameHint.TOO_DARK),
    (Augment(fill=0.85, blur=3.0), FrameHint.BLURRED),
    (Augment(fill=0.3), FrameHint.TOO_FAR),
    (Augment(fill=0.85, glare=1.0), FrameHint.GLARE),
], ids=["ok", "dark", "blurred", "small", "glare"])  # fmt: skip
def test_hints_on_sample_frames(augment: Augment, hint: FrameHint) -> None:
    assert assess_frame(make_page(3, today=TODAY, fmt="TD3", augment=augment).image) is hint


def test_an_empty_frame_has_no_page() -> None:
    assert assess_frame(Image.fromarray(np.full((720, 1280, 3), 120, np.uint8), "RGB")) is FrameHint.NO_PAGE


@pytest.mark.parametrize("image", [Image.new("RGB", (0, 0)), Image.new("I;16", (64, 64)),
                                   Image.new("CMYK", (9, 9))])  # fmt: skip
def test_malformed_frames_give_a_hint(image: Image.Image) -> None:
    assert isinstance(assess_frame(image), FrameHint)


def test_every_hint_has_a_message() -> None:
    assert all(hint.message for hint in FrameHint)

"""The self-test's Qt-free parts: failures become FAIL lines, the verdict, sample answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import selftest as st


def test_a_raising_check_fails_with_its_reason_and_does_not_crash() -> None:
    def broken() -> str:
        raise st.CheckFailed("no PDF at /nowhere")

    check = st.timed("printed form", broken)
    assert not check.ok and check.detail == "CheckFailed: no PDF at /nowhere"
    assert check.line().startswith("FAIL  printed form")
    assert st.timed("fine", lambda: "ok").line().startswith("PASS  fine")


def test_the_verdict_is_ok_only_when_every_check_passed() -> None:
    good, bad = st.Check("a", True), st.Check("b", False)
    assert st.summary([good, good], 1.0).startswith("self-test OK: 2 passed, 0 failed")
    assert st.summary([good, bad], 1.0).startswith("self-test FAILED: 1 passed, 1 failed")
    assert st.summary([], 0.0).startswith("self-test FAILED")


def test_samples_beside_an_override_forms_folder_win(tmp_path: Path) -> None:
    (tmp_path / "samples").mkdir()
    (tmp_path / "samples" / "temporary-residence.json").write_text(json.dumps({"surname": "LEE"}))
    assert st.sample_answers("temporary-residence", tmp_path) == {"surname": "LEE"}
    assert st.sample_answers("temporary-residence", None)["surname"] == "KIM"  # the bundled one
    with pytest.raises(st.CheckFailed, match="no sample answers"):
        st.sample_answers("no-such-form", tmp_path)


def test_fonts_and_catalogs_and_databases_check_out_from_source(tmp_path: Path) -> None:
    assert "faces registered" in st.check_fonts()
    assert "queue at" in st.check_databases(tmp_path)
    with pytest.raises(st.CheckFailed, match="xx: no catalog"):
        st.check_catalogs(("en", "xx"))


def test_the_photo_check_of_the_self_test_passes() -> None:
    check = st.timed("photos", st.check_photos)
    assert check.ok, check.detail


def test_the_passport_read_of_the_self_test_passes() -> None:
    check = st.timed("passport read", st.check_passport_read)
    assert check.ok, check.detail


def test_the_passport_read_check_fails_without_the_ocr_b_font(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:  # fmt: skip
    from kiosk.camera import cells

    monkeypatch.setattr(cells, "OCR_B", tmp_path / "no-such-font.otf")
    cells._font.cache_clear()
    cells._metrics.cache_clear()
    cells.templates.cache_clear()
    try:
        with pytest.raises(st.CheckFailed, match="fonts-ocr-b"):
            st.check_passport_read()
    finally:
        cells._font.cache_clear()
        cells._metrics.cache_clear()
        cells.templates.cache_clear()

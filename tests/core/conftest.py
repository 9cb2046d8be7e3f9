"""Fixtures of the core tests: the bundled form, a sample that stays valid, a private data dir."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.forms import Form, load_forms
from tests.core.helpers import FORM_ID, fresh_sample


@pytest.fixture(scope="session")
def form() -> Form:
    return load_forms()[FORM_ID]


@pytest.fixture
def sample() -> dict[str, Any]:
    return fresh_sample()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder for the config's default (KIOSK_DATA_DIR), also for subprocesses."""
    folder = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(folder))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    return folder

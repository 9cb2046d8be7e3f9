"""Where the kiosk finds its bundled files, from source and when frozen by PyInstaller."""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The folder holding ui/, resources/ and i18n/ (the repository, or the PyInstaller bundle)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return app_root() / "resources"


def forms_dir() -> Path:
    return resources_dir() / "forms"


def samples_dir() -> Path:
    return resources_dir() / "samples"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def data_files_dir() -> Path:
    return resources_dir() / "data"


def i18n_dir() -> Path:
    return app_root() / "i18n"


def ui_dir() -> Path:
    return app_root() / "ui"

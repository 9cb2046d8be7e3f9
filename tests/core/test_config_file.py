"""config.example.toml documents every key and is itself valid; `kiosk config check` reports problems."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

from kiosk import paths
from kiosk.config import KEYS, KioskConfig, example_toml, load

EXAMPLE = paths.app_root() / "config.example.toml"


def test_example_documents_every_key_and_loads() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for f in dataclasses.fields(KioskConfig):
        assert f.name in KEYS, f"{f.name} has no documentation in KEYS"
        assert f"{f.name} =" in text, f"{f.name} missing from config.example.toml"
    assert load(EXAMPLE).kiosk_id == KioskConfig().kiosk_id


def test_example_is_made_from_the_declarations() -> None:
    """After changing a key in kiosk/config.py: `kiosk config example > config.example.toml`."""
    assert EXAMPLE.read_text(encoding="utf-8") == example_toml()


def test_config_check_command(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('kiosk_id = "lower case"\nidle_warning_s = 5\ncolour = "red"\n', encoding="utf-8")
    run = [sys.executable, "-m", "kiosk", "config", "check"]
    proc = subprocess.run([*run, str(bad)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    for key in ("kiosk_id", "idle_warning_s", "colour"):
        assert key in proc.stdout
    ok = subprocess.run([*run, str(EXAMPLE)], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stdout + ok.stderr

"""The one systemd unit shipped runs the kiosk under Cage (nothing for a visitor to escape to)."""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_only_the_cage_unit_is_shipped() -> None:
    units = sorted(p.name for p in (ROOT / "packaging").glob("*.service"))
    assert units == ["shekou-kiosk.service"]
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(ROOT / "packaging" / "shekou-kiosk.service")
    service = unit["Service"]
    assert service["ExecStart"].startswith("/usr/bin/cage ") and "run --fullscreen" in service["ExecStart"]
    assert service["User"] == "kiosk" and service["Restart"] == "always"
    assert service["RestartPreventExitStatus"] == "10" and service["UMask"] == "0077"
    assert "graphical-session" not in (ROOT / "packaging" / "shekou-kiosk.service").read_text()

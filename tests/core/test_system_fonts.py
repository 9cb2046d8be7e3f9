"""Fonts the Linux lobby bundle takes from Debian: the bundled copy first, else Debian's; a missing
one fails the self-test naming its package; Debian's file is the bundled one byte for byte."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pytest

from kiosk import paths, system_fonts
from kiosk import selftest as st

ROOT = Path(__file__).resolve().parents[2]
NAME = "wqy-microhei.ttc"


@pytest.fixture
def lobby_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """resources/fonts as the lobby bundle has it: every file but the ones Debian provides."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    for path in (ROOT / "resources" / "fonts").glob("*.tt[fc]"):
        if path.name not in system_fonts.SYSTEM_FONTS:
            (folder / path.name).symlink_to(path)
    monkeypatch.setattr(paths, "fonts_dir", lambda: folder)
    return folder


def test_the_bundled_copy_comes_first() -> None:
    assert system_fonts.font_path(NAME) == paths.fonts_dir() / NAME
    assert system_fonts.missing([NAME]) == []


def test_without_a_bundled_copy_debians_is_used(lobby_fonts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    debian = lobby_fonts.parent / "debian" / NAME
    debian.parent.mkdir()
    debian.symlink_to(ROOT / "resources" / "fonts" / NAME)
    monkeypatch.setitem(system_fonts.SYSTEM_FONTS, NAME, (str(debian), "fonts-wqy-microhei"))
    assert system_fonts.font_path(NAME) == debian
    assert debian in system_fonts.font_files() and not (lobby_fonts / NAME).exists()
    assert st.check_fonts().endswith(f"from Debian: {debian}")


def test_a_missing_system_font_fails_the_self_test_naming_its_package(
    lobby_fonts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = lobby_fonts.parent / "nowhere" / NAME
    monkeypatch.setitem(system_fonts.SYSTEM_FONTS, NAME, (str(gone), "fonts-wqy-microhei"))
    assert system_fonts.missing([NAME]) == [f"{gone} (apt-get install fonts-wqy-microhei)"]
    assert gone not in system_fonts.font_files()
    with pytest.raises(st.CheckFailed, match=r"apt-get install fonts-wqy-microhei"):
        st.check_fonts()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Debian's fonts: Linux only")
def test_debians_file_is_the_bundled_one() -> None:
    for name, (debian, package) in system_fonts.SYSTEM_FONTS.items():
        if not Path(debian).is_file():  # fail, never skip: `make system-deps` installs it
            pytest.fail(f"{debian} is missing: apt-get install {package}")
        digests = {
            hashlib.sha256(p.read_bytes()).hexdigest()
            for p in (Path(debian), ROOT / "resources" / "fonts" / name)
        }
        assert len(digests) == 1, f"{debian} differs from resources/fonts/{name}: compare glyph coverage"


def test_the_makefile_and_the_deploy_guide_list_the_packages() -> None:
    makefile = (ROOT / "Makefile").read_text()
    found = re.search(r"^BUNDLE_SYSTEM_PACKAGES := (.*)$", makefile, re.M)
    assert found is not None and "$(BUNDLE_SYSTEM_PACKAGES)" in makefile
    assert set(system_fonts.packages()) <= set(found.group(1).split())
    deploy = (ROOT / "docs" / "deploy.md").read_text()
    assert all(f"`{package}`" in deploy for package in found.group(1).split())

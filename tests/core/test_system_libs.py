"""The Debian libraries the bundle leaves to the machine: all load here, a missing one is named
with its package, and the Makefile and docs/deploy.md list every package."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from kiosk import selftest as st
from kiosk import system_libs

ROOT = Path(__file__).resolve().parents[2]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundles only")


@linux_only
def test_every_library_the_bundle_leaves_out_loads_on_this_machine() -> None:
    assert system_libs.missing() == []
    assert "libraries load" in st.check_system_libraries()


@linux_only
def test_a_missing_library_is_named_with_its_package() -> None:
    absent = {"libno-such-kiosk-library.so.9": "no-such-package"}
    assert system_libs.missing(absent) == [("libno-such-kiosk-library.so.9", "no-such-package")]


def test_qts_loader_error_becomes_advice_naming_the_package() -> None:
    error = ImportError("libxkbcommon.so.0: cannot open shared object file: No such file or directory")
    assert system_libs.advice(error) == (
        "the system library libxkbcommon.so.0 is missing: install the Debian package "
        "libxkbcommon0 (docs/deploy.md lists them all)"
    )
    unknown = OSError("libfoo.so.3: cannot open shared object file: No such file or directory")
    assert "libfoo.so.3 is missing: install the package that provides it" in str(system_libs.advice(unknown))
    assert system_libs.advice(ImportError("No module named 'PySide6'")) is None


def test_the_makefile_and_the_deploy_guide_list_every_package() -> None:
    makefile = (ROOT / "Makefile").read_text()
    found = re.search(r"BUNDLE_SYSTEM_LIBS := (.*?)\n\n", makefile, re.S)
    assert found is not None
    assert set(found.group(1).replace("\\", " ").split()) == set(system_libs.packages())
    assert "$(BUNDLE_SYSTEM_LIBS)" in makefile
    deploy = (ROOT / "docs" / "deploy.md").read_text()
    assert [p for p in system_libs.packages() if f"`{p}`" not in deploy and f" {p}" not in deploy] == []

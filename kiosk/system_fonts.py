"""Font files the Linux lobby bundle takes from Debian instead of carrying a copy, and where each is.

WenQuanYi Micro Hei (5.2 MB, the printed form's and the screen's Han, kana and Hangul) is Debian's
`fonts-wqy-microhei`, byte for byte the file in resources/fonts/ (same sha256): kiosk.spec leaves
the copy out of the Linux lobby bundle, and the machine installs the package (the Makefile's
BUNDLE_SYSTEM_PACKAGES, docs/deploy.md). From source, in the staff bundle and on Windows the copy
in resources/fonts/ is used. `kiosk self-test` fails naming the package when the file is missing.
"""

from __future__ import annotations

from pathlib import Path

from kiosk import paths

# file name in resources/fonts/ -> (where Debian installs it, the Debian 12 package).
SYSTEM_FONTS: dict[str, tuple[str, str]] = {
    "wqy-microhei.ttc": ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "fonts-wqy-microhei"),
}


def font_path(filename: str) -> Path:
    """The bundled font file if there is one, else Debian's copy (which may be missing)."""
    bundled = paths.fonts_dir() / filename
    if filename in SYSTEM_FONTS and not bundled.is_file():
        return Path(SYSTEM_FONTS[filename][0])
    return bundled


def font_files() -> list[Path]:
    """Every font file to load: the bundled ones, then Debian's for those left out (if present)."""
    found = sorted(paths.fonts_dir().glob("*.tt[fc]"))
    names = {path.name for path in found}
    found += [path for name in SYSTEM_FONTS if name not in names and (path := font_path(name)).is_file()]
    return found


def missing(filenames: list[str]) -> list[str]:
    """A sentence for IT per file of `filenames` that is neither bundled nor installed."""
    problems = []
    for name in filenames:
        path = font_path(name)
        if not path.is_file():
            package = SYSTEM_FONTS.get(name, ("", ""))[1]
            advice = f" (apt-get install {package})" if package else ""
            problems.append(f"{path}{advice}")
    return problems


def packages() -> list[str]:
    """The Debian packages of the fonts the Linux lobby bundle leaves to the machine."""
    return sorted({package for _, package in SYSTEM_FONTS.values()})

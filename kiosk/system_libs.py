"""The Debian libraries the Linux bundle leaves to the machine, and which one is missing.

The lobby bundle (kiosk.spec) does not carry copies of Debian's own shared libraries (X11/xcb,
glib, fontconfig, PulseAudio...): the kiosk machine runs the same Debian 12 and gets them from its
packages (docs/deploy.md, the Makefile's SYSTEM_PACKAGES). The spec refuses to build when it would
leave out a library this table does not name, so the table is the complete list. `kiosk self-test`
loads each one and names the package to install; `kiosk run` turns Qt's "cannot open shared object
file" into the same advice.
"""

from __future__ import annotations

import ctypes
import re
import sys

# soname -> the Debian 12 package that installs it.
SYSTEM_LIBRARIES: dict[str, str] = {
    "libasyncns.so.0": "libasyncns0",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libbsd.so.0": "libbsd0",
    "libbz2.so.1": "libbz2-1.0",
    "libcap.so.2": "libcap2",
    "libcom_err.so.2": "libcom-err2",
    "libdbus-1.so.3": "libdbus-1-3",
    "libdeflate.so.0": "libdeflate0",
    "libdrm.so.2": "libdrm2",
    "libexpat.so.1": "libexpat1",
    "libffi.so.8": "libffi8",
    "libFLAC.so.12": "libflac12",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libgcc_s.so.1": "libgcc-s1",
    "libgcrypt.so.20": "libgcrypt20",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgpg-error.so.0": "libgpg-error0",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libjbig.so.0": "libjbig0",
    "libjpeg.so.62": "libjpeg62-turbo",
    "libk5crypto.so.3": "libk5crypto3",
    "libkeyutils.so.1": "libkeyutils1",
    "libkrb5.so.3": "libkrb5-3",
    "libkrb5support.so.0": "libkrb5support0",
    "libLerc.so.4": "liblerc4",
    "liblz4.so.1": "liblz4-1",
    "liblzma.so.5": "liblzma5",
    "libmd.so.0": "libmd0",
    "libmp3lame.so.0": "libmp3lame0",
    "libmpg123.so.0": "libmpg123-0",
    "libogg.so.0": "libogg0",
    "libopus.so.0": "libopus0",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libpng16.so.16": "libpng16-16",
    "libpq.so.5": "libpq5",
    "libpulse.so.0": "libpulse0",
    "libpulsecommon-16.1.so": "libpulse0",
    "libsndfile.so.1": "libsndfile1",
    "libstdc++.so.6": "libstdc++6",
    "libsystemd.so.0": "libsystemd0",
    "libtiff.so.6": "libtiff6",
    "libvorbis.so.0": "libvorbis0a",
    "libvorbisenc.so.2": "libvorbisenc2",
    "libwebp.so.7": "libwebp7",
    "libwebpdemux.so.2": "libwebpdemux2",
    "libwebpmux.so.3": "libwebpmux3",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXau.so.6": "libxau6",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libXdmcp.so.6": "libxdmcp6",
    "libXext.so.6": "libxext6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libXrandr.so.2": "libxrandr2",
    "libXrender.so.1": "libxrender1",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
}

_CANNOT_OPEN = re.compile(r"(lib[\w.+-]+\.so[\w.]*): cannot open shared object file")


def packages() -> list[str]:
    """The Debian packages, each once, sorted (what docs/deploy.md lists)."""
    return sorted(set(SYSTEM_LIBRARIES.values()))


def missing(libraries: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(soname, package) of each library the dynamic loader cannot load; [] off Linux."""
    if not sys.platform.startswith("linux"):
        return []
    gone = []
    for soname, package in sorted((libraries or SYSTEM_LIBRARIES).items()):
        try:
            ctypes.CDLL(soname)
        except OSError:
            gone.append((soname, package))
    return gone


def advice(error: BaseException) -> str | None:
    """For an ImportError/OSError naming a library that cannot be opened: which package to install."""
    found = _CANNOT_OPEN.search(str(error))
    if found is None:
        return None
    soname = found.group(1)
    package = SYSTEM_LIBRARIES.get(soname)
    where = f"install the Debian package {package}" if package else "install the package that provides it"
    return f"the system library {soname} is missing: {where} (docs/deploy.md lists them all)"

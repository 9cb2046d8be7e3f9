"""Build a smaller libicudata for the bundle: ICU's data for the kiosk's languages only (Linux).

The PySide6 wheels ship ICU 73 with the data of every locale (31 MB, an eighth of the bundle).
Qt calls ICU for four things only: collation (QCollator: the country list in pinyin, gojūon...),
case mapping, time-zone names and legacy text codecs. The kiosk needs the first three for its
ten languages and no legacy codec (Python decodes its own files), so this keeps:

- every top-level item that is not a locale (supplemental data, normalisation, time zones);
- the locale data, collation, zone, region, currency, language and unit names of the kiosk's
  languages and their regional variants (plus root);

and drops the legacy codecs (.cnv), line-break dictionaries and rules (Qt breaks lines itself),
transliteration, number spell-out, character names and spoof-check data. Another locale gets
root's data: sorting by code point instead of failing.

The data lives in libicudata.so.NN as one symbol, icudtNN_dat, at the start of .rodata. We copy
it out with objcopy, drop items with ICU's own `icupkg` (Debian: icu-devtools), and assemble a
new library exporting the same symbol with gcc. `kiosk self-test` checks collation in the bundle.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

TOOLS = {"objcopy": "binutils", "nm": "binutils", "readelf": "binutils", "icupkg": "icu-devtools",
         "gcc": "gcc"}  # fmt: skip
_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9_]+)?\.res$")
_SPECIAL = {"root", "pool", "res_index"}
_DROP_FOLDERS = {"brkitr", "translit", "rbnf"}
_DROP_FILES = {"confusables.cfu", "unames.icu"}


class TrimError(RuntimeError):
    pass


def keep_item(item: str, languages: set[str]) -> bool:
    """Whether the item (e.g. "coll/zh.res", "de_AT.res", "ibm-1047_P100-1995.cnv") stays."""
    parts = item.split("/")
    name = parts[-1]
    if name.endswith((".cnv", ".dict")) or name in _DROP_FILES or parts[0] in _DROP_FOLDERS:
        return False
    stem = name.rsplit(".", 1)[0]
    if stem in _SPECIAL:
        return True
    match = _LOCALE.match(name)
    if match is None:
        return True  # not a locale: supplementalData, zoneinfo64, metaZones, *.nrm, cnvalias...
    return match.group(1) in languages


def _run(*args: str, cwd: Path | None = None) -> str:
    try:
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=True)
    except subprocess.CalledProcessError as exc:
        raise TrimError(f"{' '.join(args)} failed: {exc.stderr.strip()[-500:]}") from exc
    return done.stdout


def trim(source: Path, languages: set[str], work: Path) -> Path:
    """Make work/libicudata.so.NN from `source` keeping `languages`; return its path."""
    missing = [f"{tool} (package {pkg})" for tool, pkg in TOOLS.items() if shutil.which(tool) is None]
    if missing:
        raise TrimError("to trim ICU's data the build needs: " + ", ".join(missing))
    version = re.fullmatch(r"libicudata\.so\.(\d+)", source.name)
    if version is None:
        raise TrimError(f"not a libicudata.so.NN: {source}")
    symbol = f"icudt{version.group(1)}_dat"
    package = f"icudt{version.group(1)}l"  # little-endian data; the item prefix inside the package
    sections = _run("readelf", "-SW", str(source))
    rodata = re.search(r"\.rodata\s+PROGBITS\s+([0-9a-f]+)", sections)
    address = re.search(rf"^([0-9a-f]+) R {symbol}$", _run("nm", "-D", str(source)), re.M)
    if rodata is None or address is None or int(rodata.group(1), 16) != int(address.group(1), 16):
        raise TrimError(f"{symbol} is not at the start of .rodata in {source}: layout changed")
    work.mkdir(parents=True, exist_ok=True)
    full, trimmed = work / "full" / f"{package}.dat", work / "trimmed" / f"{package}.dat"
    for folder in (full.parent, trimmed.parent):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    _run("objcopy", "-O", "binary", "--only-section=.rodata", str(source), str(full))
    items = _run("icupkg", "-l", str(full)).split()
    drop = [item for item in items if not keep_item(item, languages)]
    (work / "drop.txt").write_text("\n".join(drop) + "\n")
    _run("icupkg", "-r", str(work / "drop.txt"), str(full), str(trimmed))
    asm = work / "icudata.S"
    asm.write_text(
        f"    .section .rodata\n    .globl {symbol}\n    .type {symbol}, @object\n    .balign 16\n"
        f'{symbol}:\n    .incbin "{trimmed}"\n    .size {symbol}, . - {symbol}\n'
        '    .section .note.GNU-stack,"",@progbits\n'
    )
    out = work / source.name
    _run("gcc", "-shared", "-nostdlib", f"-Wl,-soname,{source.name}", "-o", str(out), str(asm))
    return out

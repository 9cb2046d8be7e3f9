"""Make resources/fonts/KioskIcons.ttf: the icons named in kiosk/icons.py, cut from Material Design Icons.

Usage (a developer's tool, not needed to build or run the kiosk):
    pip download --no-deps qtawesome==1.4.2 && unzip qtawesome-1.4.2-py3-none-any.whl
    pip install fonttools
    python resources/fonts/subset_icons.py qtawesome/fonts/materialdesignicons6-webfont-6.9.96.ttf \
        qtawesome/fonts/materialdesignicons6-webfont-charmap-6.9.96.json
Checks every name's code point against the font's own charmap, so a typo cannot draw a wrong icon.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from kiosk.icons import CODEPOINTS, FAMILY, FILE

OUT = Path(__file__).resolve().parent / FILE


def main(source: str, charmap: str) -> None:
    names = json.loads(Path(charmap).read_text(encoding="utf-8"))
    wrong = {n: hex(c) for n, c in CODEPOINTS.items() if int(names.get(n, "0"), 16) != c}
    if wrong:
        sys.exit(f"code points that are not the named icon: {wrong}")
    options = subset.Options()
    options.name_IDs = []  # renamed below
    options.layout_features = []
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=CODEPOINTS.values())
    subsetter.subset(font)
    name = font["name"]
    name.names = []
    notice = "Subset of Material Design Icons 6.9.96 by Pictogrammers; Apache-2.0"
    records = ((1, FAMILY), (2, "Regular"), (3, FAMILY), (4, FAMILY), (6, "KioskIcons"), (13, notice))
    for number, text in records:
        name.setName(text, number, 3, 1, 0x409)
    font.save(OUT)
    print(f"{OUT}: {len(CODEPOINTS)} icons, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(*sys.argv[1:3])

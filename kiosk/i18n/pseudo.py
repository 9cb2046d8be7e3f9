"""The pseudo-language `qps` for development: ~40% longer, accented, bracketed text that shows
untranslated strings, clipping and hard-coded text at a glance. Placeholders are kept."""

from __future__ import annotations

import re

PSEUDO = "qps"
_ACCENTS = str.maketrans(
    "aeiouyAEIOUYcCnNsSzZ", "áéîöüýÁÉÎÖÜÝçÇñÑšŠžŽ"
)  # fmt: skip
_PLACEHOLDER_RE = re.compile(r"(\{[A-Za-z_][A-Za-z0-9_]*\}|%\d+|%n|\n)")


def pseudo(text: str) -> str:
    parts = _PLACEHOLDER_RE.split(text)
    out = []
    for i, part in enumerate(parts):
        out.append(part if i % 2 else part.translate(_ACCENTS))
    body = "".join(out)
    letters = sum(ch.isalpha() for ch in text)
    padding = "~" * max(1, round(letters * 0.4))
    return f"[{body}{padding}]"

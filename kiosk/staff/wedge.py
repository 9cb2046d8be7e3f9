"""What a keyboard-wedge scanner (or a person) typed: a signed code, a reference, or noise.

Scanners type fast and end with Enter; stray keys may come before or after, caps lock may turn
the text lower-case, and a few scanners send a prefix or suffix. The code is picked out of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from kiosk.qrpayload import Verdict, decode
from kiosk.refcode import is_reference, normalize

# Where a code may start (K<version>:), and the characters a code is made of.
START_RE = re.compile(r"K\d+:")
CODE_RE = re.compile(r"[A-Z0-9:_-]+")


def _code(cleaned: str) -> str | None:
    """The latest well-formed code in the text (an interrupted scan may precede it)."""
    candidates = []
    for start in START_RE.finditer(cleaned):
        run = CODE_RE.match(cleaned, start.start())
        if run:
            candidates.append(run.group(0))
    for candidate in reversed(candidates):
        if not isinstance(decode(candidate), Verdict):  # parses fully: a code of a known version
            return candidate
    # None parses: the longest, so verify names why (a reference ending in "K3" also looks
    # like the start of a "K3:" code, hence not the last one).
    return candidates[0] if candidates else None


class InputKind(StrEnum):
    CODE = "code"
    REFERENCE = "reference"
    NOTHING = "nothing"


@dataclass(frozen=True)
class ScanInput:
    kind: InputKind
    text: str


def parse(typed: str) -> ScanInput:
    """The code (the last one, if keys were pressed twice), else a typed reference, else nothing."""
    cleaned = "".join(ch for ch in typed if ch.isprintable()).strip().upper()
    code = _code(cleaned)
    if code:
        return ScanInput(InputKind.CODE, code)
    for token in reversed(re.split(r"[\s,;]+", cleaned)):
        candidate = normalize(token)
        if is_reference(candidate):
            return ScanInput(InputKind.REFERENCE, candidate)
    whole = normalize(cleaned)
    if len(whole) > 8 and is_reference(whole[-8:]):  # stray keys glued to a typed reference
        return ScanInput(InputKind.REFERENCE, whole[-8:])
    return ScanInput(InputKind.NOTHING, "")

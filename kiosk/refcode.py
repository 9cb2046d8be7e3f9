"""Short reference codes for people: 8 characters from an alphabet without look-alikes.

The one place that draws, normalises, checks and displays them (kiosk, admin screen, staff
console, printed form).
"""

from __future__ import annotations

import re
import secrets

# No 0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, U/V: codes survive being read aloud and typed from paper.
ALPHABET = "ACEFGHJKMNPRTWXY34679"
LENGTH = 8


def new_reference() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(text: str) -> str:
    """Upper-case and drop white space and dashes, as staff may type 'acef-ghjk' or 'acef ghjk'."""
    return re.sub(r"[\s-]", "", text).upper()


def is_reference(text: str) -> bool:
    """A normalised reference: LENGTH characters of ALPHABET."""
    return len(text) == LENGTH and all(ch in ALPHABET for ch in text)


def display(reference: str) -> str:
    """As printed large and shown on the done screen: two groups of four ("ACEF GHJK"),
    easy to read out at the counter. '' stays ''."""
    return f"{reference[:4]} {reference[4:]}" if reference else ""

"""Short reference codes for people: 8 characters from an alphabet without look-alikes."""

from __future__ import annotations

import secrets

# No 0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, U/V: codes survive being read aloud and typed from paper.
ALPHABET = "ACEFGHJKMNPRTWXY34679"
LENGTH = 8


def new_reference() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(text: str) -> str:
    """Upper-case and drop spaces and dashes, as staff may type 'acef-ghjk'."""
    return "".join(ch for ch in text.upper() if ch not in " -")


def is_reference(text: str) -> bool:
    return len(text) == LENGTH and all(ch in ALPHABET for ch in text)

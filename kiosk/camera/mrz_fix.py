"""MRZ-aware correction of OCR output: fixed shapes, per-position alphabets, look-alike swaps."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from kiosk.mrz import check_digit

# Per position: D digit, C check digit or '<', A letter or '<', S sex, X any zone character.
_TD3 = ("A" * 44, "X" * 9 + "D" + "AAA" + "D" * 7 + "S" + "D" * 7 + "X" * 14 + "CD")
_TD2 = ("A" * 36, "X" * 9 + "C" + "AAA" + "D" * 7 + "S" + "D" * 7 + "X" * 7 + "D")
_TD1 = ("AAAAA" + "X" * 9 + "C" + "X" * 15, "D" * 7 + "S" + "D" * 7 + "AAA" + "X" * 11 + "D", "A" * 30)
LAYOUTS = {(2, 44): _TD3, (2, 36): _TD2, (3, 30): _TD1}

# (line, first column) of the name field, by number of lines.
NAME_FIELDS = {2: (0, 5), 3: (2, 0)}

_TO_DIGIT = str.maketrans("OQDUILTZSBGA", "000011125864")
_TO_LETTER = str.maketrans("0125864", "OIZSBGA")
_TO_SEX = str.maketrans("HNW", "MMM")
# Only O and 0 are swapped: a single O/0 misread always breaks its check digit (24 x 7, 3 or 1 is
# never 0 mod 10). Swapping every look-alike pair (B/8, S/5, Z/2...) let 7 of 200 test pages through
# with a wrong text that still met every check digit.
_SWAPS = {"O": "0", "0": "O"}
# Swaps only where a field has its own check digit (row, first, end): the document number, and
# TD3's personal number. TD1/TD2 optional data has only the composite digit to catch a bad guess.
CHECKED_FIELDS = {(2, 44): ((1, 0, 9), (1, 28, 42)), (2, 36): ((1, 0, 9),), (3, 30): ((0, 5, 14),)}
MAX_SWAPS = 2


def fit_alphabets(lines: list[str]) -> list[str] | None:
    """`lines` with each character mapped into its position's alphabet, or None if the shape is wrong.

    Holes ('?') between fillers become fillers; any other hole leaves the read unusable.
    """
    layout = LAYOUTS.get((len(lines), len(lines[0]) if lines else 0))
    if layout is None or any(len(line) != len(kinds) for line, kinds in zip(lines, layout, strict=True)):
        return None
    fixed = []
    for row, (line, kinds) in enumerate(zip(lines, layout, strict=True)):
        chars = list(_fill_holes(_trailing_fillers(line, NAME_FIELDS[len(lines)], row)))
        for i, (char, kind) in enumerate(zip(chars, kinds, strict=True)):
            if char == "<":
                continue
            if kind in "DC":
                chars[i] = char.translate(_TO_DIGIT)
            elif kind == "A":
                chars[i] = char.translate(_TO_LETTER)
            elif kind == "S":
                chars[i] = char.translate(_TO_SEX)
        fixed.append("".join(chars))
    row, start = NAME_FIELDS[len(lines)]
    if any("?" in line for line in fixed) or not fixed[row][start:].strip("<"):
        return None  # a hole, or no name at all (a name line lost in glare or off the frame)
    return fixed


def _trailing_fillers(line: str, field: tuple[int, int], row: int) -> str:
    """Names never hold '<<<': from the first such run on, the name field is filler only."""
    if row != field[0]:
        return line
    start = line.find("<<<", field[1])
    return line if start < 0 else line[:start] + "<" * (len(line) - start)


def _fill_holes(line: str) -> str:
    chars = list(line)
    for i, char in enumerate(chars):
        if char != "?":
            continue
        left = chars[i - 1] if i > 0 else "?"  # a line never starts with a filler
        right = line[i + 1] if i + 1 < len(line) else "<"
        if left == "<" and right in "<?":
            chars[i] = "<"
    return "".join(chars)


def swapped(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(swaps, variant): `lines` with 1 to MAX_SWAPS O/0 swaps in checked fields, fewest first."""
    fields = CHECKED_FIELDS[(len(lines), len(lines[0]))]
    spots = [(row, col) for row, start, end in fields for col in range(start, end)
             if lines[row][col] in _SWAPS]  # fmt: skip
    for count in range(1, MAX_SWAPS + 1):
        for chosen in itertools.combinations(spots, count):
            rows = [list(line) for line in lines]
            for row, col in chosen:
                rows[row][col] = _SWAPS[rows[row][col]]
            yield count, ["".join(r) for r in rows]


# Fields with their own check digit, per layout: (row, first, end) of the data, the digit at (row, end).
# TD1's document number is on row 0; the composite digit is left out: alone it guards too little.
OWN_CHECKS = {
    (2, 44): ((1, 0, 9), (1, 13, 19), (1, 21, 27), (1, 28, 42)),
    (2, 36): ((1, 0, 9), (1, 13, 19), (1, 21, 27)),
    (3, 30): ((0, 5, 14), (1, 0, 6), (1, 8, 14)),
}
# Cells no check digit covers (document code, states, sex, names), per layout: (row, column).
_TD1_UNCHECKED = {(0, c) for c in range(5)} | {(1, c) for c in (7, 15, 16, 17)} | {(2, c) for c in range(30)}
UNCHECKED = {
    (2, 44): frozenset({(0, c) for c in range(44)} | {(1, c) for c in (10, 11, 12, 20)}),
    (2, 36): frozenset({(0, c) for c in range(36)} | {(1, c) for c in (10, 11, 12, 20)}),
    (3, 30): frozenset(_TD1_UNCHECKED),
}
REPAIR_CELLS = 6  # the least certain cells of the failing fields that may take their second choice


def repair_candidates(lines: list[str], ranked: list[list[tuple[float, str]]]) -> Iterator[list[str]]:
    """`lines` with 1-2 cells of fields whose own check digit fails set to their runner-up character.

    `ranked[row][col]` is the cell's (margin, runner-up): only the REPAIR_CELLS cells with the
    smallest margins inside failing fields (the check digit included) are tried, fewest changes first.
    """
    fields = OWN_CHECKS.get((len(lines), len(lines[0]) if lines else 0), ())
    spots = []
    for row, start, end in fields:
        data, given = lines[row][start:end], lines[row][end]
        if given == check_digit(data) or (given == "<" and set(data) == {"<"}):
            continue
        spots += [(ranked[row][col][0], row, col) for col in range(start, end + 1)]
    spots = sorted(spots)[:REPAIR_CELLS]
    for count in (1, 2):
        for chosen in itertools.combinations(spots, count):
            rows = [list(line) for line in lines]
            for _, row, col in chosen:
                rows[row][col] = ranked[row][col][1]
            yield ["".join(r) for r in rows]

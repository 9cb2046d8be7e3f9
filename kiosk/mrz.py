"""Parse and verify the machine-readable zone of passports and ID cards (ICAO Doc 9303)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from datetime import date
from functools import cache

from kiosk import paths
from kiosk.i18n import N_

__all__ = ["MrzError", "MrzResult", "check_digit", "country_alpha2", "parse_mrz"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Only ASCII letters are upper-cased: str.upper() would turn "ß" into "SS" and hide a typing error.
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_MRZ_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
_SHAPES = {(2, 44): "TD3", (2, 36): "TD2", (3, 30): "TD1"}
# First letter of the document code per format; visas (V...) have no composite digit: not supported.
_DOCUMENT_KINDS = {"TD3": "P", "TD2": "ACI", "TD1": "ACI"}
_STATE = re.compile(r"[A-Z]{1,3}<*")
_SEXES = {"M": "M", "F": "F", "<": "X"}
# ICAO codes outside ISO 3166-1 (Doc 9303 Part 3); None: no country (UN, stateless, refugee).
_ICAO_ALPHA2: dict[str, str | None] = {
    "D": "DE", "GBD": "GB", "GBN": "GB", "GBO": "GB", "GBP": "GB", "GBS": "GB",
    "UNO": None, "UNA": None, "UNK": None, "XXA": None, "XXB": None, "XXC": None, "XXX": None,
}  # fmt: skip

# All texts, by (code, field). One sentence per field, not "{field}": translators need the noun.
# fmt: off
_MESSAGES: dict[tuple[str, str | None], str] = {
    ("format", None): N_("A machine-readable zone has 2 lines (passports) or 3 lines (ID cards). "
                         "Please scan the document again."),
    ("charset", None): N_("Line {line} has '{char}' at position {position}; a machine-readable "
                          "zone only has A to Z, 0 to 9 and <. Please scan again or check what "
                          "you typed."),
    ("length", None): N_("Line {line} has {length} characters instead of {expected}. "
                         "Please scan again or check what you typed."),
    ("format", "document_code"): N_("This kind of document is not supported. "
                                    "Please use a passport or ID card."),
    ("check_digit", "document_number"): N_("The check digit of the document number does not "
                                           "match. Please scan again or check what you typed."),
    ("check_digit", "birth_date"): N_("The check digit of the date of birth does not match. "
                                      "Please scan again or check what you typed."),
    ("check_digit", "expiry_date"): N_("The check digit of the expiry date does not match. "
                                       "Please scan again or check what you typed."),
    ("check_digit", "optional_data"): N_("The check digit of the personal number does not match. "
                                         "Please scan again or check what you typed."),
    ("check_digit", "composite"): N_("The last check digit of the machine-readable zone does not "
                                     "match. Please scan again or check what you typed."),
    ("date", "birth_date"): N_("The date of birth is not a valid date. "
                               "Please scan again or check what you typed."),
    ("date", "expiry_date"): N_("The expiry date is not a valid date. "
                                "Please scan again or check what you typed."),
    ("charset", "name"): N_("The name contains a digit. "
                            "Please scan again or check what you typed."),
    ("format", "sex"): N_("The sex must be M, F or <. Please scan again or check what you typed."),
    ("format", "nationality"): N_("The nationality is not a valid country code. "
                                  "Please scan again or check what you typed."),
    ("format", "issuing_state"): N_("The issuing country is not a valid country code. "
                                    "Please scan again or check what you typed."),
}
# fmt: on


class MrzError(ValueError):
    """A machine-readable zone that cannot be trusted: nothing from it may be prefilled.

    `code` is stable ("format", "charset", "length", "check_digit", "date"); `field` names the
    failing field or is None; `message` (from `_MESSAGES`) is English source text marked with N_(),
    shown as `translate(lang, error.message, **error.params)`. str(error) is the English text.
    """

    def __init__(self, code: str, field: str | None = None, **params: str) -> None:
        self.code = code
        self.field = field
        self.message = _MESSAGES[(code, field)]
        self.params: dict[str, str] = params
        super().__init__(self.message.format(**params))


@dataclass(frozen=True)
class MrzResult:
    """The verified fields of one machine-readable zone; fillers removed, dates resolved."""

    format: str  # "TD1", "TD2" or "TD3"
    document_code: str
    issuing_state: str
    surname: str
    given_names: str
    nationality: str
    birth_date: date
    sex: str  # "M", "F" or "X"
    document_number: str
    expiry_date: date
    optional_data: str
    optional_data_2: str = ""  # TD1 only: the second optional data field (line 2)

    @property
    def nationality_alpha2(self) -> str | None:
        return country_alpha2(self.nationality)

    def to_json_dict(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.isoformat() if isinstance(value, date) else value
        out["nationality_alpha2"] = self.nationality_alpha2
        return out


@dataclass(frozen=True)
class _Zone:
    """The raw character fields of one zone, still with fillers, in Doc 9303 terms."""

    code: str
    state: str
    name: str
    number: str
    number_cd: str
    nationality: str
    birth: str
    birth_cd: str
    sex: str
    expiry: str
    expiry_cd: str
    optional: str
    optional_2: str
    optional_cd: str | None  # only TD3 gives its optional data (personal number) a check digit
    composite: str
    composite_cd: str


@cache
def _iso_alpha2() -> dict[str, str]:
    path = paths.data_files_dir() / "iso3166_alpha3.json"
    table: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return table


def country_alpha2(code: str) -> str | None:
    """The ISO 3166 alpha-2 code of an ICAO state code ("DEU" or "D" → "DE"), or None."""
    if code in _ICAO_ALPHA2:
        return _ICAO_ALPHA2[code]
    return _iso_alpha2().get(code)


def check_digit(data: str) -> str:
    """The Doc 9303 check digit of `data`: weights 7, 3, 1; '<' = 0, A = 10 ... Z = 35."""
    total = 0
    for i, char in enumerate(data):
        value = int(char) if "0" <= char <= "9" else 0 if char == "<" else ord(char) - 55
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)


def is_complete(text: str) -> bool:
    """Whether `text` has the shape of a whole zone (2 lines of 44, 2 of 36 or 3 of 30).

    Only the shape: a reader typing the zone is done; `parse_mrz` still checks everything.
    """
    lines = [line.strip() for line in _LINE_BREAK.split(text)]
    lengths = {len(line) for line in lines if line}
    count = sum(1 for line in lines if line)
    return len(lengths) == 1 and (count, lengths.pop()) in _SHAPES


def parse_mrz(text: str, *, today: date | None = None) -> MrzResult:
    """Parse and verify a TD1, TD2 or TD3 zone; raise MrzError on any doubt, never guess.

    Tolerates surrounding whitespace, blank lines, CR/LF line ends and lowercase ASCII letters.
    `today` (default: the current date) decides the century of the birth year.
    """
    lines = _clean_lines(text)
    fmt = _format_of(lines)
    zone = _zone(fmt, lines)
    if zone.code[0] not in _DOCUMENT_KINDS[fmt] or zone.code[1].isdigit():
        raise MrzError("format", "document_code")
    number, number_cd, optional = _document_number(zone)
    _verify(number, number_cd, "document_number")
    _verify(zone.birth, zone.birth_cd, "birth_date")
    _verify(zone.expiry, zone.expiry_cd, "expiry_date")
    if zone.optional_cd is not None:
        _verify(zone.optional, zone.optional_cd, "optional_data", may_be_filler=True)
    _verify(zone.composite, zone.composite_cd, "composite")
    surname, given_names = _names(zone.name)
    if zone.sex not in _SEXES:
        raise MrzError("format", "sex")
    return MrzResult(
        format=fmt,
        document_code=zone.code.strip("<"),
        issuing_state=_state(zone.state, "issuing_state"),
        surname=surname,
        given_names=given_names,
        nationality=_state(zone.nationality, "nationality"),
        birth_date=_date(zone.birth, "birth_date", (2000, 1900), today or date.today()),
        sex=_SEXES[zone.sex],
        document_number=number.replace("<", ""),
        expiry_date=_date(zone.expiry, "expiry_date", (2000,), None),
        optional_data=optional.strip("<"),
        optional_data_2=zone.optional_2.strip("<"),
    )


def _clean_lines(text: str) -> list[str]:
    lines = [line.strip().translate(_ASCII_UPPER) for line in _LINE_BREAK.split(text)]
    lines = [line for line in lines if line]
    if len(lines) not in (2, 3):
        raise MrzError("format")
    for number, line in enumerate(lines, start=1):
        for position, char in enumerate(line, start=1):
            if char not in _MRZ_CHARS:
                shown = char if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
                raise MrzError("charset", line=str(number), position=str(position), char=shown)
    return lines


def _format_of(lines: list[str]) -> str:
    lengths = [len(line) for line in lines]
    expected = 30 if len(lines) == 3 else 36 if 36 in lengths and 44 not in lengths else 44
    for number, length in enumerate(lengths, start=1):
        if length != expected:
            raise MrzError("length", line=str(number), length=str(length), expected=str(expected))
    return _SHAPES[(len(lines), expected)]


def _zone(fmt: str, lines: list[str]) -> _Zone:
    if fmt == "TD1":
        one, two, three = lines
        return _Zone(
            code=one[0:2], state=one[2:5], name=three, number=one[5:14], number_cd=one[14],
            nationality=two[15:18], birth=two[0:6], birth_cd=two[6], sex=two[7],
            expiry=two[8:14], expiry_cd=two[14], optional=one[15:30], optional_2=two[18:29],
            optional_cd=None, composite=one[5:30] + two[0:7] + two[8:15] + two[18:29],
            composite_cd=two[29],
        )  # fmt: skip
    one, two = lines
    end = len(two) - 1  # the composite check digit: 43 (TD3) or 35 (TD2)
    td3 = fmt == "TD3"
    return _Zone(
        code=one[0:2], state=one[2:5], name=one[5:], number=two[0:9], number_cd=two[9],
        nationality=two[10:13], birth=two[13:19], birth_cd=two[19], sex=two[20],
        expiry=two[21:27], expiry_cd=two[27], optional=two[28:42] if td3 else two[28:end],
        optional_2="", optional_cd=two[42] if td3 else None,
        composite=two[0:10] + two[13:20] + two[21:end], composite_cd=two[end],
    )  # fmt: skip


def _document_number(zone: _Zone) -> tuple[str, str, str]:
    """Number, check digit and optional data, following a TD1/TD2 number longer than 9 characters.

    Doc 9303: a '<' in the check digit position means the number goes on in the optional data,
    followed by its check digit and a filler.
    """
    if zone.number_cd != "<" or zone.optional_cd is not None:
        return zone.number, zone.number_cd, zone.optional
    rest = zone.optional.split("<", 1)[0]
    if not rest:
        raise MrzError("check_digit", "document_number")
    return zone.number + rest[:-1], rest[-1], zone.optional[len(rest) + 1 :]


def _verify(data: str, given: str, field: str, *, may_be_filler: bool = False) -> None:
    if may_be_filler and given == "<" and not data.strip("<"):
        return  # an unused personal number may carry '<' instead of a check digit
    if given != check_digit(data):
        raise MrzError("check_digit", field)


def _names(field: str) -> tuple[str, str]:
    if any(char.isdigit() for char in field):
        raise MrzError("charset", "name")
    primary, _, secondary = field.partition("<<")
    return _words(primary), _words(secondary)


def _words(part: str) -> str:
    return " ".join(word for word in part.split("<") if word)


def _state(code: str, field: str) -> str:
    if not _STATE.fullmatch(code):
        raise MrzError("format", field)
    return code.strip("<")


def _date(digits: str, field: str, centuries: tuple[int, ...], latest: date | None) -> date:
    if digits.isdigit():
        year, month, day = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
        for century in centuries:
            try:
                value = date(century + year, month, day)
            except ValueError:
                continue
            if latest is None or value <= latest:
                return value
    raise MrzError("date", field)

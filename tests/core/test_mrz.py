"""The MRZ parser: ICAO Doc 9303 specimens, generated zones, bad input, and `kiosk mrz`."""

from __future__ import annotations

import json
import string
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.i18n.catalog import placeholders
from kiosk.mrz import MrzError, MrzResult, is_complete, parse_mrz

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2025, 6, 1)
MRZ_ALPHABET = string.ascii_uppercase + string.digits + "<"

# The specimens published in ICAO Doc 9303 (Part 4: TD3, Part 5: TD1, Part 6: TD2).
TD3_SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD1_SPECIMEN = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
TD2_SPECIMEN = (
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "D231458907UTO7408122F1204159<<<<<<<6",
)
ANNA = dict(
    issuing_state="UTO", surname="ERIKSSON", given_names="ANNA MARIA", nationality="UTO",
    birth_date=date(1974, 8, 12), sex="F", expiry_date=date(2012, 4, 15), optional_data_2="",
)  # fmt: skip
SPECIMEN_RESULTS = [
    (TD3_SPECIMEN, MrzResult(format="TD3", document_code="P", document_number="L898902C3",
                             optional_data="ZE184226B", **ANNA)),  # type: ignore[arg-type]
    (TD1_SPECIMEN, MrzResult(format="TD1", document_code="I", document_number="D23145890",
                             optional_data="", **ANNA)),  # type: ignore[arg-type]
    (TD2_SPECIMEN, MrzResult(format="TD2", document_code="I", document_number="D23145890",
                             optional_data="", **ANNA)),  # type: ignore[arg-type]
]  # fmt: skip


def mrz(lines: tuple[str, ...] | list[str]) -> str:
    return "\n".join(lines)


def error_of(text: str) -> MrzError:
    with pytest.raises(MrzError) as caught:
        parse_mrz(text, today=TODAY)
    error = caught.value
    assert placeholders(error.message) == set(error.params)
    assert str(error) == error.message.format(**error.params)
    return error


# --- A generator of valid zones, with its own check digit (an oracle independent of kiosk.mrz) --

_VALUES = {char: value for value, char in enumerate(string.digits + string.ascii_uppercase)}


def cd(data: str) -> str:
    return str(sum((_VALUES.get(c, 0)) * (7, 3, 1)[i % 3] for i, c in enumerate(data)) % 10)


def pad(text: str, width: int) -> str:
    assert len(text) <= width
    return text.ljust(width, "<")


@dataclass(frozen=True)
class Doc:
    fmt: str
    code: str
    state: str
    surname: list[str]
    given: list[str]
    number: str
    nationality: str
    birth: date
    sex: str
    expiry: date
    optional: str
    optional_2: str
    filler_cd: bool  # TD3: '<' rather than '0' as the check digit of an empty personal number


def build(doc: Doc) -> tuple[list[str], MrzResult, list[tuple[int, int]]]:
    """The lines, the result they must parse to, and the (line, column)s under a check digit."""
    name = "<".join(doc.surname) + "<<" + "<".join(doc.given)
    birth, expiry = doc.birth.strftime("%y%m%d"), doc.expiry.strftime("%y%m%d")
    head = pad(doc.code, 2) + pad(doc.state, 3)
    dates = birth + cd(birth) + doc.sex + expiry + cd(expiry)
    if len(doc.number) > 9:  # TD1/TD2: the number goes on in the optional data (Doc 9303)
        number, prefix = doc.number[:9] + "<", doc.number[9:] + cd(doc.number) + "<"
    else:
        number, prefix = pad(doc.number, 9) + cd(pad(doc.number, 9)), ""
    optional_2 = ""
    if doc.fmt == "TD3":
        opt = pad(doc.optional[:14], 14)
        opt_cd = "<" if doc.filler_cd and opt == "<" * 14 else cd(opt)
        two = number + pad(doc.nationality, 3) + dates + opt + opt_cd
        lines = [head + pad(name, 39), two + cd(two[0:10] + two[13:20] + two[21:43])]
        checked = [(1, c) for c in [*range(0, 10), *range(13, 20), *range(21, 44)]]
    elif doc.fmt == "TD2":
        opt = pad((prefix + doc.optional)[:7], 7)
        two = number + pad(doc.nationality, 3) + dates + opt
        lines = [head + pad(name, 31), two + cd(two[0:10] + two[13:20] + two[21:35])]
        checked = [(1, c) for c in [*range(0, 10), *range(13, 20), *range(21, 36)]]
    else:
        opt = pad((prefix + doc.optional)[:15], 15)
        opt2 = pad(doc.optional_2[:11], 11)
        one = head + number + opt
        two = dates + pad(doc.nationality, 3) + opt2
        lines = [one, two + cd(one[5:30] + two[0:7] + two[8:15] + two[18:29]), pad(name, 30)]
        checked = [(0, c) for c in range(5, 30)]
        checked += [(1, c) for c in [*range(0, 7), *range(8, 15), *range(18, 30)]]
        optional_2 = opt2.strip("<")
    expected = MrzResult(
        format=doc.fmt, document_code=doc.code.strip("<"), issuing_state=doc.state,
        surname=" ".join(doc.surname), given_names=" ".join(doc.given),
        nationality=doc.nationality, birth_date=doc.birth, sex={"<": "X"}.get(doc.sex, doc.sex),
        document_number=doc.number, expiry_date=doc.expiry,
        optional_data=opt[len(prefix) :].strip("<"), optional_data_2=optional_2,
    )  # fmt: skip
    return lines, expected, checked


letters = st.text(string.ascii_uppercase, min_size=1, max_size=6)
alnum = string.ascii_uppercase + string.digits


@st.composite
def docs(draw: st.DrawFn) -> Doc:
    fmt = draw(st.sampled_from(["TD1", "TD2", "TD3"]))
    kinds = "P" if fmt == "TD3" else "ACI"
    longest = {"TD3": 9, "TD2": 14, "TD1": 22}[fmt]
    return Doc(
        fmt=fmt,
        code=draw(st.sampled_from(kinds)) + draw(st.sampled_from("<" + string.ascii_uppercase)),
        state=draw(st.text(string.ascii_uppercase, min_size=1, max_size=3)),
        surname=draw(st.lists(letters, min_size=1, max_size=2)),
        given=draw(st.lists(letters, max_size=2)),
        number=draw(st.text(alnum, min_size=1, max_size=longest)),
        nationality=draw(st.text(string.ascii_uppercase, min_size=1, max_size=3)),
        birth=draw(st.dates(date(TODAY.year - 99, 1, 1), TODAY)),
        sex=draw(st.sampled_from("MF<")),
        expiry=draw(st.dates(date(2000, 1, 1), date(2099, 12, 31))),
        optional=draw(st.text(MRZ_ALPHABET, max_size=15)),
        optional_2=draw(st.text(MRZ_ALPHABET, max_size=11)),
        filler_cd=draw(st.booleans()),
    )


# --- Specimens ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("lines", "expected"), SPECIMEN_RESULTS)
def test_icao_specimens_parse_to_the_published_values(
    lines: tuple[str, ...], expected: MrzResult
) -> None:
    assert parse_mrz(mrz(lines)) == expected


def test_json_dict_has_iso_dates_and_alpha2() -> None:
    data = parse_mrz(mrz(TD3_SPECIMEN)).to_json_dict()
    assert data["birth_date"] == "1974-08-12" and data["expiry_date"] == "2012-04-15"
    assert data["nationality_alpha2"] is None  # Utopia is not an ISO 3166 country
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize(
    ("code", "alpha2"),
    [("CHN", "CN"), ("DEU", "DE"), ("D", "DE"), ("GBD", "GB"), ("GBS", "GB"), ("XXA", None),
     ("XXX", None), ("UNO", None), ("UTO", None)],
)  # fmt: skip
def test_nationality_alpha2(code: str, alpha2: str | None) -> None:
    two = f"L898902C36{pad(code, 3)}7408122F1204159ZE184226B<<<<<1"
    result = parse_mrz(mrz([TD3_SPECIMEN[0], two + cd(two[0:10] + two[13:20] + two[21:43])]))
    assert (result.nationality, result.nationality_alpha2) == (code, alpha2)


# --- Generated zones ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(docs())
def test_any_valid_zone_parses_back_to_its_fields(doc: Doc) -> None:
    lines, expected, _ = build(doc)
    assert parse_mrz(mrz(lines), today=TODAY) == expected


@settings(max_examples=300, deadline=None)
@given(docs(), st.data())
def test_changing_one_checked_digit_is_rejected(doc: Doc, data: st.DataObject) -> None:
    lines, _, checked = build(doc)
    digits = [(row, col) for row, col in checked if lines[row][col].isdigit()]
    row, col = data.draw(st.sampled_from(digits))
    new = data.draw(st.sampled_from([d for d in string.digits if d != lines[row][col]]))
    lines[row] = lines[row][:col] + new + lines[row][col + 1 :]
    assert error_of(mrz(lines)).code == "check_digit"


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(
            st.sampled_from([30, 36, 44]).flatmap(
                lambda n: st.text(MRZ_ALPHABET + "a <\r", min_size=n - 1, max_size=n + 1)
            ),
            min_size=1,
            max_size=4,
        ).map("\n".join),
    )
)
def test_garbage_raises_only_mrz_errors(text: str) -> None:
    try:
        parse_mrz(text, today=TODAY)
    except MrzError as error:
        assert placeholders(error.message) == set(error.params)


# --- Typing and scanning mistakes --------------------------------------------------------------


def test_lowercase_crlf_whitespace_and_blank_lines_are_tolerated() -> None:
    typed = (
        "\r\n\r\n  " + TD3_SPECIMEN[0].lower() + " \t\r\n\r\n" + TD3_SPECIMEN[1].lower() + "\r\n"
    )
    assert parse_mrz(typed) == parse_mrz(mrz(TD3_SPECIMEN))
    assert parse_mrz("\r".join(TD1_SPECIMEN)) == SPECIMEN_RESULTS[1][1]


@pytest.mark.parametrize(
    ("lines", "params"),
    [
        ((TD3_SPECIMEN[0], TD3_SPECIMEN[1][:-1]), {"line": "2", "length": "43", "expected": "44"}),
        ((TD3_SPECIMEN[0] + "<", TD3_SPECIMEN[1]), {"line": "1", "length": "45", "expected": "44"}),
        ((TD2_SPECIMEN[0], TD2_SPECIMEN[1] + "<"), {"line": "2", "length": "37", "expected": "36"}),
        (
            (*TD1_SPECIMEN[:2], TD1_SPECIMEN[2][:29]),
            {"line": "3", "length": "29", "expected": "30"},
        ),
        ((TD3_SPECIMEN[0], TD2_SPECIMEN[1]), {"line": "2", "length": "36", "expected": "44"}),
    ],
)
def test_wrong_line_lengths(lines: tuple[str, ...], params: dict[str, str]) -> None:
    error = error_of(mrz(lines))
    assert (error.code, error.field, error.params) == ("length", None, params)


@pytest.mark.parametrize("text", ["", "\n\n", TD3_SPECIMEN[1], mrz((*TD1_SPECIMEN, "<" * 30))])
def test_wrong_number_of_lines(text: str) -> None:
    assert error_of(text).code == "format"


@pytest.mark.parametrize(
    ("bad", "char"), [("É", "É"), ("ß", "ß"), (" ", "U+0020"), ("-", "-"), ("Ｌ", "Ｌ")]
)
def test_a_non_mrz_character_is_rejected_not_fixed(bad: str, char: str) -> None:
    two = TD3_SPECIMEN[1][:4] + bad + TD3_SPECIMEN[1][5:]
    error = error_of(mrz([TD3_SPECIMEN[0], two]))
    assert (error.code, error.params) == ("charset", {"line": "2", "position": "5", "char": char})


def test_a_wrong_check_digit_names_its_field() -> None:
    two = TD3_SPECIMEN[1]
    for col, field in [(9, "document_number"), (19, "birth_date"), (27, "expiry_date"),
                       (42, "optional_data"), (43, "composite")]:  # fmt: skip
        wrong = two[:col] + str((int(two[col]) + 1) % 10) + two[col + 1 :]
        error = error_of(mrz([TD3_SPECIMEN[0], wrong]))
        assert (error.code, error.field) == ("check_digit", field)
        assert "check digit" in str(error)


def td3(birth: str = "740812", expiry: str = "120415", sex: str = "F", number: str = "L898902C3",
        optional: str = "ZE184226B<<<<<", name: str = "ERIKSSON<<ANNA<MARIA") -> str:  # fmt: skip
    two = number + cd(number) + "UTO" + birth + cd(birth) + sex + expiry + cd(expiry)
    two += optional + (cd(optional) if optional.strip("<") else "<")
    return mrz(["P<UTO" + pad(name, 39), two + cd(two[0:10] + two[13:20] + two[21:43])])


def test_td3_helper_reproduces_the_specimen() -> None:
    assert td3() == mrz(TD3_SPECIMEN)


@pytest.mark.parametrize(
    ("zone", "field"),
    [(td3(birth="741312"), "birth_date"), (td3(birth="740230"), "birth_date"),
     (td3(expiry="120431"), "expiry_date"), (td3(birth="7408<<"), "birth_date")],
)  # fmt: skip
def test_impossible_dates_with_good_check_digits(zone: str, field: str) -> None:
    assert (error_of(zone).code, error_of(zone).field) == ("date", field)


@pytest.mark.parametrize(
    ("birth", "expected"),
    [("000229", date(2000, 2, 29)), ("250601", date(2025, 6, 1)), ("250602", date(1925, 6, 2)),
     ("300101", date(1930, 1, 1)), ("991231", date(1999, 12, 31))],
)  # fmt: skip
def test_birth_century_is_never_in_the_future(birth: str, expected: date) -> None:
    assert parse_mrz(td3(birth=birth), today=TODAY).birth_date == expected


def test_expiry_is_in_this_century() -> None:
    assert parse_mrz(td3(expiry="740812")).expiry_date == date(2074, 8, 12)


def test_unused_personal_number_may_have_a_filler_or_zero_check_digit() -> None:
    filler = td3(optional="<" * 14)
    zero = filler[:-2] + "0" + filler[-1]  # '0' and '<' both count 0: same composite digit
    assert parse_mrz(filler).optional_data == parse_mrz(zero).optional_data == ""


@pytest.mark.parametrize(
    ("zone", "code", "field"),
    [(td3(sex="Q"), "format", "sex"), (td3(name="ERIKSS0N<<ANNA"), "charset", "name"),
     (td3().replace("P<UTO", "V<UTO", 1), "format", "document_code"),
     (td3().replace("P<UTO", "P<U1O", 1), "format", "issuing_state")],
)  # fmt: skip
def test_other_garbled_fields(zone: str, code: str, field: str) -> None:
    error = error_of(zone)
    assert (error.code, error.field) == (code, field)


def test_sex_filler_is_x_and_names_keep_their_parts() -> None:
    result = parse_mrz(td3(sex="<", name="VAN<DER<BERG<<JAN<PIETER<<<<"))
    assert (result.sex, result.surname, result.given_names) == ("X", "VAN DER BERG", "JAN PIETER")


# --- Layering and the console command ---------------------------------------------------------


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60
    )


def test_core_module_never_imports_qt() -> None:
    code = "import sys, kiosk.mrz; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    assert _run("-c", code).returncode == 0


def test_cli_prints_the_fields_as_json() -> None:
    done = _run("-m", "kiosk", "mrz", stdin=mrz(TD1_SPECIMEN) + "\n")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["format"] == "TD1" and data["document_number"] == "D23145890"
    assert data["birth_date"] == "1974-08-12" and data["given_names"] == "ANNA MARIA"


def test_cli_reports_a_corrupted_line_and_exits_1() -> None:
    corrupted = TD3_SPECIMEN[1].replace("7408122", "7408132")
    done = _run("-m", "kiosk", "mrz", stdin=mrz([TD3_SPECIMEN[0], corrupted]))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("error: check_digit (birth_date): The check digit of the date")


def test_a_zone_is_complete_by_its_shape_alone() -> None:
    """What MrzScan.qml asks before reading what a document reader typed (kiosk.mrz's shapes)."""
    for lines in (TD3_SPECIMEN, TD2_SPECIMEN, TD1_SPECIMEN):
        specimen = "\n".join(lines)
        assert is_complete(specimen)
        assert is_complete("\r\n " + specimen.lower() + "\n\n")
        assert not is_complete("\n".join(lines[:-1]))
        assert not is_complete("\n".join([*lines[:-1], lines[-1][:-1]]))
    assert not is_complete("")
    assert not is_complete("<" * 44 + "\n" + "<" * 36)
    assert not is_complete("\n".join(["<" * 44] * 3))

"""Fuzzing the parsers of outside input: each gives a value or its own error, never a traceback.

The QR decoder, the form loader, the XLSForm importer, the MRZ parser, the camera zone reader and
frame check, and the config loader, fed with random and mutated input. `make fuzz` runs 10,000
cases each (FUZZ_EXAMPLES; the zone reader a tenth: it runs tesseract); the suite runs a few
hundred so that it stays quick.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from PIL import Image

from kiosk import paths
from kiosk.camera.frame_check import FrameHint, assess_frame
from kiosk.camera.mrz_ocr import MrzRead, read_mrz
from kiosk.config import ConfigError, from_mapping, load
from kiosk.forms.loader import FormDefinitionError, load_form, parse_form
from kiosk.mrz import MrzError, parse_mrz
from kiosk.qrpayload import Verdict, decode
from kiosk.xlsform import XlsFormError, convert_workbook

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip

JSON_LEAF = st.one_of(st.none(), st.booleans(), st.integers(-(10**20), 10**20),
                      st.floats(allow_nan=True), st.text(max_size=30))  # fmt: skip
JSON = st.recursive(JSON_LEAF, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=20)
REAL_FORM = json.loads((paths.forms_dir() / "temporary-residence.json").read_text(encoding="utf-8"))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*prefix, i))
    return found


ALL_PATHS = _paths(REAL_FORM)[1:]


def _mutated(path_index: int, replacement: Any) -> Any:
    data = json.loads(json.dumps(REAL_FORM))
    *parents, last = ALL_PATHS[path_index % len(ALL_PATHS)]
    node = data
    for key in parents:
        node = node[key]
    node[last] = replacement
    return data


def read_file(raw: bytes, name: str, reader: Any, error: type[Exception]) -> None:
    """`reader(path)` on a file holding `raw`: its own `error` is a verdict, anything else fails."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(raw)
        with contextlib.suppress(error):
            reader(path)


MRZ_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<\n "
QR_CHARS = "K12:ACEFGHJKLMNPQRSTUVWXYZ0123456789-_=\n "


@FUZZ
@given(st.one_of(st.text(max_size=300), st.text(alphabet=QR_CHARS, max_size=200)))
def test_qr_decoder(text: str) -> None:
    assert isinstance(decode(text), (Verdict, tuple))


@FUZZ
@given(st.one_of(JSON, st.builds(_mutated, st.integers(0, 10**6), JSON)))
def test_form_loader(data: Any) -> None:
    with contextlib.suppress(FormDefinitionError):
        parse_form(data, "fuzz.json")


@FUZZ
@given(st.binary(max_size=400))
def test_form_loader_from_bytes(raw: bytes) -> None:
    read_file(raw, "fuzz.json", load_form, FormDefinitionError)


# Text a spreadsheet can hold (openpyxl refuses control characters before our code sees them).
CELL_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)
CELL = st.one_of(st.none(), st.integers(-5, 10**6), CELL_TEXT,
                 st.sampled_from(["text", "integer", "select_one l", "begin group", "end group",
                                  "date", "note", "yes", "${a} > 1", "label::English (en)", "l", "a",
                                  "name", "type", "label", "list_name", "purpose", "form_id",
                                  "relevant"]))  # fmt: skip
SHEET = st.lists(st.lists(CELL, min_size=1, max_size=6), max_size=8)


@FUZZ
@given(survey=SHEET, choices=SHEET, settings_rows=SHEET)
def test_xlsform_importer(
    survey: list[list[Any]], choices: list[list[Any]], settings_rows: list[list[Any]]
) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "survey"
    for name, rows in (("survey", survey), ("choices", choices), ("settings", settings_rows)):
        sheet = ws if name == "survey" else wb.create_sheet(name)
        for row in rows:
            sheet.append(row)
    with contextlib.suppress(XlsFormError):
        convert_workbook(wb, "fuzz")


@FUZZ
@given(st.one_of(st.text(alphabet=MRZ_CHARS, max_size=100), st.text(max_size=100),
                 st.lists(st.text(alphabet=MRZ_CHARS, min_size=28, max_size=46), min_size=2, max_size=3)
                 .map("\n".join)))  # fmt: skip
def test_mrz_parser(text: str) -> None:
    with contextlib.suppress(MrzError):
        parse_mrz(text)


def _image(mode: str, width: int, height: int, raw: bytes) -> Image.Image:
    """An image of `mode` whose pixels repeat `raw` (all zero when empty)."""
    size = len(Image.new(mode, (width, height)).tobytes())
    data = ((raw or b"\0") * (size // max(1, len(raw)) + 1))[:size]
    return Image.frombytes(mode, (width, height), data) if size else Image.new(mode, (width, height))


# Small images of every mode the camera layer may meet; read_mrz runs tesseract, so fewer cases.
IMAGES = st.builds(_image, st.sampled_from(["1", "L", "P", "RGB", "RGBA", "CMYK", "I;16", "I", "F", "LA"]),
                   st.integers(0, 96), st.integers(0, 96), st.binary(max_size=64))  # fmt: skip
CAMERA = settings(FUZZ, max_examples=max(10, EXAMPLES // 10))


@CAMERA
@given(IMAGES)
def test_camera_zone_reader(image: Image.Image) -> None:
    assert isinstance(read_mrz(image, today=dt.date(2026, 12, 7), budget_s=0.5), MrzRead)


@FUZZ
@given(IMAGES)
def test_camera_frame_check(image: Image.Image) -> None:
    assert isinstance(assess_frame(image), FrameHint)


CONFIG_KEYS = ["kiosk_id", "languages", "default_language", "idle_timeout_s", "data_dir", "forms_dir",
               "office_public_key", "paper", "fullscreen", "retention_days", "office_db_url", "x"]


@FUZZ
@given(st.dictionaries(st.sampled_from(CONFIG_KEYS), JSON, max_size=5))
def test_config_from_mapping(values: dict[str, Any]) -> None:
    with contextlib.suppress(ConfigError):
        from_mapping(values)


@FUZZ
@given(st.binary(max_size=300))
def test_config_file(raw: bytes) -> None:
    read_file(raw, "kiosk.toml", load, ConfigError)

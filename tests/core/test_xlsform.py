"""XLSForm import: multi-language spreadsheets made here convert, load and validate; unsupported
rows fail the import with their sheet and row."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from openpyxl import Workbook

from kiosk.forms import load_form
from kiosk.forms.validate import blocking, validate_answers
from kiosk.xlsform import XlsFormError, import_xlsform
from kiosk.xlsform.write import write_import
from tests.core.helpers import run_kiosk

SURVEY_HEAD = ["type", "name", "label::English (en)", "label::Chinese (zh)", "hint::English (en)",
               "hint::Chinese (zh)", "required", "relevant", "constraint",
               "constraint_message::English (en)", "choice_filter"]  # fmt: skip
SURVEY = [
    ["begin group", "who", "About you", "关于您", "", "", "", "", "", "", ""],
    ["text", "full_name", "Full name", "姓名", "As in your passport", "与护照一致", "yes", "",
     "string-length(.) >= 2 and regex(., '^[A-Za-z ]+$')", "Latin letters, 2 or more", ""],
    ["integer", "age", "Age", "年龄", "", "", "yes", "", ". >= 0 and . <= 120", "0 to 120", ""],
    ["date", "arrived", "Arrival", "到达日期", "", "", "yes", "", ". <= today()", "Not in the future", ""],
    ["end group", "", "", "", "", "", "", "", "", "", ""],
    ["begin group", "where", "Where", "地点", "", "", "", "${age} >= 18", "", "", ""],
    ["select_one district", "district", "District", "区", "", "", "yes", "", "", "", ""],
    ["select_one subdistrict", "subdistrict", "Subdistrict", "街道", "", "", "yes", "", "", "",
     "district = ${district}"],
    ["select_multiple topics", "topics", "Topics", "主题", "", "", "no", "", "", "", ""],
    ["decimal", "budget", "Budget", "预算", "", "", "no",
     "selected(${topics}, 'housing') or not(${age} < 30)", "", "", ""],
    ["note", "thanks", "Thank you", "谢谢", "", "", "", "", "", "", ""],
    ["end group", "", "", "", "", "", "", "", "", "", ""],
]  # fmt: skip
CHOICES = [
    ["list_name", "name", "label::English (en)", "label::Chinese (zh)", "district"],
    ["district", "nanshan", "Nanshan", "南山", ""],
    ["district", "futian", "Futian", "福田", ""],
    ["subdistrict", "shekou", "Shekou", "蛇口", "nanshan"],
    ["subdistrict", "shatou", "Shatou", "沙头", "futian"],
    ["topics", "housing", "Housing", "住房", ""],
    ["topics", "work", "Work", "工作", ""],
]
SETTINGS: list[list[Any]] = [
    ["form_id", "form_title::English (en)", "form_title::Chinese (zh)", "purpose", "version"],
    ["survey_demo", "Survey demo", "调查演示", "To plan the center's services.", 3],
]


def workbook(path: Path, survey: list[list[Any]], extra: dict[str, list[list[Any]]] | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "survey"
    ws.append(SURVEY_HEAD)
    for row in survey:
        ws.append(row)
    sheets: dict[str, list[list[Any]]] = {"choices": CHOICES, "settings": SETTINGS, **(extra or {})}
    for name, rows in sheets.items():
        sheet = wb.create_sheet(name)
        for row in rows:
            sheet.append(row)
    wb.save(path)
    return path


def test_multi_language_spreadsheet_imports_loads_and_validates(tmp_path: Path) -> None:
    result = import_xlsform(workbook(tmp_path / "demo.xlsx", SURVEY))
    d = result.definition
    assert result.source_language == "en"
    assert d["id"] == "survey_demo" and d["version"] == 3 and d["title"] == "Survey demo"
    assert [s["id"] for s in d["steps"]] == ["who", "where"]
    sub = d["steps"][1]["fields"][1]
    assert sub["filter_by"] == "district" and {o["parent"] for o in sub["options"]} == {"nanshan", "futian"}
    assert result.translations["zh"]["Full name"] == "姓名"
    assert result.translations["zh"]["Survey demo"] == "调查演示"
    assert result.translations["zh"]["Shekou"] == "蛇口"

    out = tmp_path / "out"
    run = run_kiosk("forms", "import", str(tmp_path / "demo.xlsx"), "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert run_kiosk("forms", "check", str(out / "survey_demo.json")).returncode == 0
    with open(out / "survey_demo.zh.po", "rb") as fh:
        message = read_po(fh).get("About you")
    assert message is not None and message.string == "关于您"
    form = load_form(out / "survey_demo.json")
    today = dt.date.today().isoformat()
    good = {"full_name": "Kim Minjun", "age": "40", "arrived": today, "district": "nanshan",
            "subdistrict": "shekou", "topics": ["work"], "budget": "12.5"}  # fmt: skip
    assert validate_answers(form, good) == []
    # the group's relevant hides the whole second step for a minor
    assert not form.field("district").visible({**good, "age": "12"})
    # a subdistrict of another district is refused (cascading list)
    assert [p.field for p in blocking(validate_answers(form, {**good, "subdistrict": "shatou"}))] == [
        "subdistrict"
    ]
    bad = {**good, "full_name": "金", "age": "130"}
    messages = {p.field: p.message for p in validate_answers(form, bad)}
    assert messages == {"full_name": "Latin letters, 2 or more", "age": "0 to 120"}
    # budget shown for housing topics or people 30 or older
    assert form.field("budget").visible(good)
    assert not form.field("budget").visible({**good, "age": "20"})
    assert form.field("budget").visible({**good, "age": "20", "topics": ["housing"]})


def test_plain_label_columns_and_no_translation(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "survey"
    for row in [["type", "name", "label", "required"], ["text", "name", "Your name", "TRUE"],
                ["select_one yn", "ok", "All right?", "no"]]:  # fmt: skip
        ws.append(row)
    choices = wb.create_sheet("choices")
    for row in [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]]:
        choices.append(row)
    settings = wb.create_sheet("settings")
    settings.append(["form_title", "purpose"])
    settings.append(["Plain", "Testing"])
    wb.save(tmp_path / "plain-form.xlsx")
    result = import_xlsform(tmp_path / "plain-form.xlsx")
    assert result.definition["id"] == "plain-form" and result.translations == {}
    (step,) = result.definition["steps"]
    assert step["title"] == "Plain" and step["fields"][0]["required"] is True


UNSUPPORTED = [
    ["geopoint", "where_am_i", "Location", "位置", "", "", "", "", "", "", ""],
    ["text", "calc", "Calc", "计算", "", "", "yes", "${age} + 1 > 3", "", "", ""],
    ["text", "fn", "Fn", "函数", "", "", "", "", "count-selected(.) > 1", "", ""],
    ["select_one district", "sub2", "Sub", "子", "", "", "", "", "", "", "district = ${a} and 1"],
    ["text", "BadName", "Bad", "坏", "", "", "${age} > 3", "", "", "", ""],
    ["begin repeat", "kids", "Kids", "孩子", "", "", "", "", "", "", ""],
]  # fmt: skip


def test_unsupported_rows_are_reported_by_sheet_and_row(tmp_path: Path) -> None:
    path = workbook(tmp_path / "bad.xlsx", SURVEY + UNSUPPORTED,
                    {"external_choices": [["list_name"], ["x"]]})  # fmt: skip
    with pytest.raises(XlsFormError) as caught:
        import_xlsform(path)
    problems = caught.value.problems
    first = len(SURVEY) + 2  # header row 1, rows from 2
    expected = [
        "external_choices: sheet not supported",
        f"survey row {first}: type 'geopoint' is not supported",
        f"survey row {first + 1}: relevant '${{age}} + 1 > 3': unsupported syntax",
        f"survey row {first + 2}: constraint 'count-selected(.) > 1': unsupported function count-selected()",
        f"survey row {first + 3}: choice_filter 'district = ${{a}} and 1' is not supported",
        f"survey row {first + 4}: name 'BadName' must be lowercase",
        f"survey row {first + 4}: required '${{age}} > 3' is not supported",
        f"survey row {first + 5}: type 'begin repeat' is not supported",
    ]
    for text in expected:
        assert any(p.startswith(text) for p in problems), (text, problems)
    out = tmp_path / "out"
    run = run_kiosk("forms", "import", str(path), "--out", str(out))
    assert run.returncode == 1 and not out.exists()
    assert f"bad.xlsx: survey row {first}: type 'geopoint' is not supported" in run.stderr


def test_unknown_columns_and_unreadable_files(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "survey"
    ws.append(["type", "name", "label", "calculation"])
    ws.append(["text", "a", "A", "1 + 1"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(XlsFormError) as caught:
        import_xlsform(tmp_path / "x.xlsx")
    assert "survey row 2: column 'calculation' is not supported" in caught.value.problems
    (tmp_path / "junk.xlsx").write_text("not a spreadsheet", encoding="utf-8")
    with pytest.raises(XlsFormError, match="cannot read the spreadsheet"):
        import_xlsform(tmp_path / "junk.xlsx")


def test_imported_definition_is_plain_json(tmp_path: Path) -> None:
    result = import_xlsform(workbook(tmp_path / "demo.xlsx", SURVEY))
    assert json.loads(json.dumps(result.definition)) == result.definition


def test_an_odk_sheet_without_purpose_imports_and_its_translations_reach_the_kiosk(tmp_path: Path) -> None:
    """ODK/KoboToolbox settings have no `purpose`: a placeholder that `forms check` refuses, or
    --purpose; the other languages' catalogs are read beside the form, with no msgcat step."""
    odk_settings: list[list[Any]] = [
        ["form_id", "form_title::English (en)", "form_title::Chinese (zh)", "version"],
        ["survey_demo", "Survey demo", "调查演示", 3],
    ]
    path = workbook(tmp_path / "odk.xlsx", SURVEY, {"settings": odk_settings})
    assert import_xlsform(path).needs_purpose
    out = tmp_path / "out"
    run = run_kiosk("forms", "import", str(path), "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert "no 'purpose'" in run.stderr
    check = run_kiosk("forms", "check", str(out))
    assert check.returncode == 1 and "'purpose' is still the placeholder" in check.stderr

    run = run_kiosk("forms", "import", str(path), "--out", str(out), "--purpose", "To plan our services.")
    assert run.returncode == 0 and "no 'purpose'" not in run.stderr, run.stderr
    assert run_kiosk("forms", "check", str(out)).returncode == 0
    assert load_form(out / "survey_demo.json").purpose == "To plan our services."

    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\nforms_dir = "{out}"\n', encoding="utf-8")
    listed = run_kiosk("--config", str(config), "forms", "list")
    assert listed.returncode == 0, listed.stderr
    line = next(x for x in listed.stdout.splitlines() if x.startswith("survey_demo"))
    assert "zh" in line.split("\t")[-1].split()
    from kiosk.forms import load_forms
    from kiosk.i18n import catalog

    load_forms(out)  # as the kiosk does at start: the folder's catalogs join i18n/zh.po
    assert catalog("zh").gettext("About you") == "关于您"
    assert catalog("zh").gettext("Shekou") == "蛇口"


def test_a_broken_form_catalog_is_skipped_not_fatal(tmp_path: Path) -> None:
    from kiosk.forms import load_forms
    from kiosk.i18n import catalog

    write_import(import_xlsform(workbook(tmp_path / "demo.xlsx", SURVEY)), tmp_path / "forms")
    (tmp_path / "forms" / "survey_demo.ko.po").write_bytes(b'msgid "About you"\nmsgstr \xff\xfe "')
    load_forms(tmp_path / "forms")
    assert catalog("ko").gettext("About you") == "About you"  # falls back to the source
    assert catalog("zh").gettext("About you") == "关于您"

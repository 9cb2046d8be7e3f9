"""The config: embedded defaults are valid; every bad value is named in the error."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import KEYS, ConfigError, KioskConfig, default_data_dir, from_mapping, load
from tests.core.helpers import run_kiosk


def problems(values: dict[str, Any]) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        from_mapping(values, "kiosk.toml")
    assert str(caught.value).startswith("kiosk.toml: ")
    return caught.value.problems


def test_defaults_are_valid(data_dir: Path) -> None:
    config = load(None)
    assert config == KioskConfig() == from_mapping({})
    assert config.default_language in config.languages
    assert config.data_dir == data_dir
    assert config.queue_db_path.parent == data_dir
    assert config.office_url == f"sqlite:///{data_dir / 'office.sqlite3'}"
    assert config.office_key_path.parent == data_dir
    assert 30 <= config.idle_timeout_s <= 3600 and 20 <= config.idle_warning_s <= 600
    assert config.printer == "" and config.paper == "A4" and config.forms_dir is None


def test_data_dir_default_without_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("KIOSK_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_data_dir() == tmp_path / "shekou-kiosk"


def test_every_key_is_documented() -> None:
    assert set(KEYS) == {f.name for f in dataclasses.fields(KioskConfig)}
    assert all(text.strip() for text in KEYS.values())


BAD: list[tuple[dict[str, Any], str]] = [
    ({"kiosk_id": "lobby 1"}, "kiosk_id:"),
    ({"kiosk_id": "SK-LOBBY-1-TOO-LONG-ID"}, "kiosk_id:"),
    ({"kiosk_id": 7}, "kiosk_id:"),
    ({"languages": ["en", "xx"]}, "languages: unknown code(s) xx"),
    ({"languages": []}, "languages: must be a non-empty list"),
    ({"languages": "en"}, "languages: must be a non-empty list"),
    ({"languages": ["en", "zh"], "default_language": "fr"}, "default_language: 'fr' is not among"),
    ({"languages": ["en", "zh", "ko"], "default_language": "de"}, "default_language: 'de' is not among"),
    ({"idle_timeout_s": 29}, "idle_timeout_s: must be a whole number from 30 to 3600"),
    ({"idle_timeout_s": 3601}, "idle_timeout_s:"),
    ({"idle_timeout_s": "90"}, "idle_timeout_s:"),
    ({"idle_timeout_s": True}, "idle_timeout_s:"),
    ({"idle_timeout_s": 90.5}, "idle_timeout_s:"),
    ({"idle_warning_s": 19}, "idle_warning_s: must be a whole number from 20 to 600"),
    ({"idle_warning_s": 601}, "idle_warning_s:"),
    ({"paper": "A3"}, "paper: must be A4 or Letter"),
    ({"fullscreen": "yes"}, "fullscreen: must be true or false"),
    ({"printer": 5}, "printer: must be a string"),
    ({"data_dir": ["x"]}, "data_dir: must be a string"),
    ({"colour": "red"}, "colour: unknown key"),
]


@pytest.mark.parametrize(("values", "named"), BAD, ids=[next(iter(v)) for v, _ in BAD])
def test_each_bad_value_is_named(values: dict[str, Any], named: str) -> None:
    found = problems(values)
    assert any(p.startswith(named) for p in found), found


def test_all_problems_are_reported_together() -> None:
    found = problems({"kiosk_id": "", "idle_warning_s": 5, "colour": 1})
    assert [p.split(":")[0] for p in found] == ["colour", "kiosk_id", "idle_warning_s"]


def test_a_good_file(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        'kiosk_id = "SK-2F-2"\nlanguages = ["zh", "en", "ar"]\ndefault_language = "zh"\n'
        'idle_timeout_s = 120\ndata_dir = "~/kiosk-data"\nfullscreen = true\nprinter = ""\n',
        encoding="utf-8",
    )
    config = load(path)
    assert config.kiosk_id == "SK-2F-2" and config.languages == ("zh", "en", "ar")
    assert config.data_dir == Path("~/kiosk-data").expanduser() and config.fullscreen
    assert config.idle_warning_s == KioskConfig.idle_warning_s


def test_the_config_env_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('kiosk_id = "SK-ENV"\n', encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(path))
    assert load().kiosk_id == "SK-ENV"


def test_bad_toml(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('kiosk_id = "SK-1\nlanguages = [\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert caught.value.source == str(path)
    assert caught.value.problems[0].startswith("not valid TOML")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load(tmp_path / "nope.toml")


def test_commands_report_a_bad_config(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('kiosk_id = "lobby one"\nidle_warning_s = 5\n', encoding="utf-8")
    for command in (["verify", str(path)], ["forms", "list"]):
        result = run_kiosk("--config", str(path), *command)
        assert result.returncode == 2, command
        assert "kiosk_id: must be" in result.stderr and "idle_warning_s:" in result.stderr

"""Kiosk configuration: one TOML file, every key documented, validated with clear errors.

Every key has an embedded default, so `make run` needs no file. `config.example.toml` at the
repository root documents each key; `KEYS` below is the single source of truth for both.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

LANGUAGES: tuple[str, ...] = ("en", "zh", "ko", "ja", "fr", "es", "de", "ru", "ar", "hi")
DEV_LANGUAGES: tuple[str, ...] = ("qps",)  # the pseudo-language, for catching layout problems
KIOSK_ID_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,15}$")


def default_data_dir() -> Path:
    env = os.environ.get("KIOSK_DATA_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "shekou-kiosk"


@dataclass(frozen=True)
class KioskConfig:
    """The validated settings of one kiosk. Immutable: reload to change."""

    kiosk_id: str = "SK-LOBBY-1"
    languages: tuple[str, ...] = LANGUAGES
    default_language: str = "en"
    idle_timeout_s: int = 90
    idle_warning_s: int = 30
    data_dir: Path = field(default_factory=default_data_dir)
    office_db_url: str = ""
    printer: str = ""
    office_printer: str = ""
    paper: str = "A4"
    print_profile: str = "form"
    fullscreen: bool = False
    forms_dir: Path | None = None
    office_public_key: Path | None = None
    retention_days: int = 30
    demo: bool = False
    camera: str = "auto"

    @property
    def office_key_path(self) -> Path:
        """The office's public key (PEM); without one, demo mode makes a demo pair in data_dir."""
        return self.office_public_key or self.data_dir / "office-public-key.pem"

    @property
    def queue_db_path(self) -> Path:
        return self.data_dir / "queue.sqlite3"

    @property
    def pdf_dir(self) -> Path:
        return self.data_dir / "printed"

    @property
    def office_url(self) -> str:
        """The office database URL; without one, demo mode uses a SQLite file in data_dir."""
        return self.office_db_url or f"sqlite:///{self.data_dir / 'office.sqlite3'}"


KEYS: dict[str, str] = {
    "kiosk_id": "Name of this kiosk, 1-16 of A-Z, 0-9 and '-'; printed in every QR code.",
    "languages": "Languages offered, in menu order; codes among "
    + ", ".join(LANGUAGES)
    + " (and qps, the pseudo-language, for development).",
    "default_language": "Language of the attract screen; must be one of `languages`.",
    "idle_timeout_s": "Seconds without a touch before the 'are you still there?' warning (30-3600).",
    "idle_warning_s": "Seconds the warning counts down before the session is wiped (20-600).",
    "data_dir": "Folder for the local queue, keys and saved PDFs (created owner-only).",
    "office_db_url": "SQLAlchemy URL of the office database (PostgreSQL: add "
    "?sslmode=verify-full&sslrootcert=FILE, see docs/deploy.md); empty only with demo = true "
    "(then a SQLite file in data_dir).",
    "printer": "CUPS printer name; empty = no printer, PDFs are saved in data_dir/printed.",
    "office_printer": "CUPS printer the staff console (`kiosk staff`) reprints forms on; "
    "empty = the office computer's default CUPS printer.",
    "paper": "Paper size of the printed form (kiosk and staff reprints): A4 or Letter.",
    "print_profile": "What the kiosk prints: form (the full bilingual form on `paper`) or receipt "
    "(an 80 mm thermal receipt: reference, QR code, what to do next).",
    "fullscreen": "true to run fullscreen and frameless (the lobby), false for a window.",
    "office_public_key": "PEM file of the office's public key that answers are sealed to; "
    "empty only with demo = true (then a demo key pair is made in data_dir on first run).",
    "retention_days": "Days a delivered submission and a saved PDF are kept on the kiosk before "
    "`kiosk purge` (and the kiosk itself) deletes them (1-3650).",
    "forms_dir": "Folder of form definitions that overrides the bundled ones; empty = bundled.",
    "demo": "true only for a laptop demo with no office: without office_public_key a demo key "
    "pair (passphrase 'demo') is made in data_dir, without office_db_url a SQLite office there; "
    "shown on the admin screen and in the heartbeat. false (default): both must be set.",
    "camera": "auto: use the kiosk's camera when one is found (passport read, document photos, "
    "portrait; without one everything is typed as before); off: never use a camera.",
}


class ConfigError(ValueError):
    """A config file that cannot be used; `problems` lists each key and what is wrong with it."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems))
        self.source = source
        self.problems = problems


def _check(values: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    known = {f.name for f in fields(KioskConfig)}
    for key in values:
        if key not in known:
            problems.append(f"{key}: unknown key (known: {', '.join(sorted(known))})")
    kid = values.get("kiosk_id", KioskConfig.kiosk_id)
    if not isinstance(kid, str) or not KIOSK_ID_RE.match(kid):
        problems.append("kiosk_id: must be 1-16 characters of A-Z, 0-9 and '-', e.g. SK-LOBBY-1")
    langs = values.get("languages", KioskConfig.languages)
    if not isinstance(langs, list | tuple) or not langs:
        problems.append("languages: must be a non-empty list of language codes")
    else:
        bad = [str(code) for code in langs if code not in LANGUAGES + DEV_LANGUAGES]
        if bad:
            problems.append(f"languages: unknown code(s) {', '.join(bad)}")
        default = values.get("default_language", KioskConfig.default_language)
        if default not in langs:
            problems.append(f"default_language: {default!r} is not among languages")
    for key, low, high in (
        ("idle_timeout_s", 30, 3600),
        ("idle_warning_s", 20, 600),
        ("retention_days", 1, 3650),
    ):
        value = values.get(key, getattr(KioskConfig, key))
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            problems.append(f"{key}: must be a whole number from {low} to {high}")
    if values.get("paper", "A4") not in ("A4", "Letter"):
        problems.append("paper: must be A4 or Letter")
    if values.get("camera", "auto") not in ("auto", "off"):
        problems.append("camera: must be auto or off")
    if values.get("print_profile", "form") not in ("form", "receipt"):
        problems.append("print_profile: must be form or receipt")
    for key in ("fullscreen", "demo"):
        if not isinstance(values.get(key, False), bool):
            problems.append(f"{key}: must be true or false")
    for key in ("office_db_url", "printer", "office_printer", "data_dir", "forms_dir", "office_public_key"):
        if key in values and not isinstance(values[key], str):
            problems.append(f"{key}: must be a string")
    return problems


def from_mapping(values: dict[str, Any], source: str = "config") -> KioskConfig:
    problems = _check(values)
    if problems:
        raise ConfigError(source, problems)
    kwargs: dict[str, Any] = dict(values)
    if "languages" in kwargs:
        kwargs["languages"] = tuple(kwargs["languages"])
    for key in ("data_dir", "forms_dir", "office_public_key"):
        if kwargs.get(key):
            kwargs[key] = Path(kwargs[key]).expanduser()
        elif key in kwargs:
            del kwargs[key]
    return KioskConfig(**kwargs)


def office_problems(config: KioskConfig, *, key: bool = True, database: bool = True) -> list[str]:
    """What keeps this kiosk from sealing to a real office (`key`) and from sending to one
    (`database`), for IT; [] in demo mode, which makes what is missing."""
    if config.demo:
        return []
    problems = []
    if not key:
        pass
    elif config.office_public_key is None:
        problems.append("office_public_key: not set: the PEM file of the office's public key "
                        "(`kiosk keys init-office` at the office makes it), or demo = true for a "
                        "laptop demo")  # fmt: skip
    elif not config.office_public_key.is_file():
        problems.append(f"office_public_key: {config.office_public_key}: file not found")
    if database and not config.office_db_url:
        problems.append("office_db_url: not set: the office database's URL "
                        "(postgresql+psycopg://kiosk_...@office/kiosk?sslmode=verify-full&sslrootcert=...), "
                        "or demo = true for a laptop demo")  # fmt: skip
    return problems


def load(path: str | Path | None = None) -> KioskConfig:
    """Load and validate a config file; None (or $KIOSK_CONFIG unset) gives the defaults."""
    path = path or os.environ.get("KIOSK_CONFIG")
    if not path:
        return KioskConfig()
    source = str(path)
    try:
        with open(path, "rb") as fh:
            values = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(source, ["file not found"]) from None
    except OSError as exc:
        raise ConfigError(source, [f"cannot read: {exc.strerror or exc}"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(source, [f"not valid TOML: {exc}"]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(source, [f"not UTF-8 text (byte {exc.start})"]) from None
    except RecursionError:
        raise ConfigError(source, ["nested too deeply"]) from None
    return from_mapping(values, source)

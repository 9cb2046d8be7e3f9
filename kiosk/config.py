"""Kiosk configuration: one TOML file, every key documented, validated with clear errors.

Every key has an embedded default, so `make run` needs no file. `config.example.toml` at the
repository root documents each key: it is `example_toml()`, made from the declarations in
`KioskConfig` (the single source of truth, see `Key`).
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from types import UnionType
from typing import Any, get_args, get_origin, get_type_hints

from kiosk.languages import DEV_LANGUAGES, LANGUAGES

KIOSK_ID_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,15}$")


def default_data_dir() -> Path:
    env = os.environ.get("KIOSK_DATA_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "shekou-kiosk"


@dataclass(frozen=True)
class Key:
    """What a config key is besides its name, type and default (the KioskConfig field's):
    the documentation, the allowed values, how config.example.toml shows it and whether the
    admin screen lists it."""

    doc: str
    low: int | None = None  # whole numbers: the inclusive range
    high: int | None = None
    choices: tuple[str, ...] = ()
    example: str = ""  # a commented example line in config.example.toml (TOML value)
    admin: bool = False  # listed (read-only) on the admin screen


def key(default: Any = None, doc: str = "", *, factory: Any = None, **rest: Any) -> Any:
    """A KioskConfig field declaring its Key."""
    meta = {"key": Key(doc, **rest)}
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class KioskConfig:
    """The validated settings of one kiosk. Immutable: reload to change. Every key is declared
    here once: type, default, range and documentation (`Key`); the checks, `KEYS`,
    config.example.toml (`example_toml`) and the admin screen's list (`admin_settings`) read it."""

    kiosk_id: str = key(
        "SK-LOBBY-1", "Name of this kiosk, 1-16 of A-Z, 0-9 and '-'; printed in every QR code.", admin=True
    )
    languages: tuple[str, ...] = key(
        LANGUAGES,
        "Languages offered, in menu order; codes among "
        + ", ".join(LANGUAGES)
        + " (and qps, the pseudo-language, for development).",
        admin=True,
    )
    default_language: str = key(
        "en", "Language of the attract screen; must be one of `languages`.", admin=True
    )
    idle_timeout_s: int = key(
        90, "Seconds without a touch before the 'are you still there?' warning (30-3600).",
        low=30, high=3600, admin=True,
    )  # fmt: skip
    idle_warning_s: int = key(
        30, "Seconds the warning counts down before the session is wiped (20-600).",
        low=20, high=600, admin=True,
    )  # fmt: skip
    data_dir: Path = key(
        doc="Folder for the local queue, keys and saved PDFs (created owner-only).",
        factory=default_data_dir,
        example='"~/.local/share/shekou-kiosk"',
    )
    office_db_url: str = key(
        "",
        "SQLAlchemy URL of the office database (PostgreSQL: add "
        "?sslmode=verify-full&sslrootcert=FILE, see docs/deploy.md); empty only with demo = true "
        "(then a SQLite file in data_dir).",
        example='"postgresql+psycopg://kiosk_sk_lobby_1:PASSWORD@office.example/kiosk'
        '?sslmode=verify-full&sslrootcert=/etc/kiosk/office-ca.pem"',
    )
    printer: str = key(
        "", "CUPS printer name; empty = no printer, PDFs are saved in data_dir/printed.", admin=True
    )
    office_printer: str = key(
        "",
        "CUPS printer the staff console (`kiosk staff`) reprints forms on; "
        "empty = the office computer's default CUPS printer.",
    )
    paper: str = key("A4", "Paper size of the printed form (kiosk and staff reprints): A4 or Letter.",
                     choices=("A4", "Letter"))  # fmt: skip
    print_profile: str = key(
        "form",
        "What the kiosk prints: form (the full bilingual form on `paper`) or receipt "
        "(an 80 mm thermal receipt: reference, QR code, what to do next).",
        choices=("form", "receipt"),
        admin=True,
    )
    fullscreen: bool = key(False, "true to run fullscreen and frameless (the lobby), false for a window.")
    forms_dir: Path | None = key(
        None, "Folder of form definitions that overrides the bundled ones; empty = bundled.", example='""'
    )
    office_public_key: Path | None = key(
        None,
        "PEM file of the office's public key that answers are sealed to; "
        "empty only with demo = true (then a demo key pair is made in data_dir on first run).",
        example='"/etc/kiosk/office-public-key.pem"',
    )
    retention_days: int = key(
        30,
        "Days a delivered submission and a saved PDF are kept on the kiosk before "
        "`kiosk purge` (and the kiosk itself) deletes them (1-3650).",
        low=1, high=3650, admin=True,
    )  # fmt: skip
    demo: bool = key(
        False,
        "true only for a laptop demo with no office: without office_public_key a demo key "
        "pair (passphrase 'demo') is made in data_dir, without office_db_url a SQLite office there; "
        "shown on the admin screen and in the heartbeat. false (default): both must be set.",
    )
    camera: str = key(
        "auto",
        "auto: use the kiosk's camera when one is found (passport read, document photos, "
        "portrait; without one everything is typed as before); off: never use a camera.",
        choices=("auto", "off"), admin=True,
    )  # fmt: skip

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


def declared() -> dict[str, tuple[type, Key]]:
    """Every key in declaration order: its type (str, int, bool, Path, tuple) and its Key."""
    hints = get_type_hints(KioskConfig)
    out = {}
    for f in fields(KioskConfig):
        kind = get_origin(hints[f.name]) or hints[f.name]
        if kind is UnionType:  # `Path | None`
            kind = next(a for a in get_args(hints[f.name]) if a is not type(None))
        out[f.name] = (kind, f.metadata["key"])
    return out


KEYS: dict[str, str] = {name: k.doc for name, (_, k) in declared().items()}


class ConfigError(ValueError):
    """A config file that cannot be used; `problems` lists each key and what is wrong with it."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems))
        self.source = source
        self.problems = problems


def _check(values: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    known = declared()
    for name in values:
        if name not in known:
            problems.append(f"{name}: unknown key (known: {', '.join(sorted(known))})")
    for name, (kind, k) in known.items():
        if name == "kiosk_id":
            kid = values.get(name, KioskConfig.kiosk_id)
            if not isinstance(kid, str) or not KIOSK_ID_RE.match(kid):
                problems.append("kiosk_id: must be 1-16 characters of A-Z, 0-9 and '-', e.g. SK-LOBBY-1")
        elif name == "languages":
            problems += _check_languages(values)
        elif name == "default_language" or name not in values:
            continue  # checked with languages; every default is valid
        elif k.choices:
            if values[name] not in k.choices:
                problems.append(f"{name}: must be {' or '.join(k.choices)}")
        elif kind is int:
            value, low, high = values[name], k.low or 0, k.high or 0
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                problems.append(f"{name}: must be a whole number from {k.low} to {k.high}")
        elif kind is bool:
            if not isinstance(values[name], bool):
                problems.append(f"{name}: must be true or false")
        elif not isinstance(values[name], str):  # str and Path
            problems.append(f"{name}: must be a string")
    return problems


def _check_languages(values: dict[str, Any]) -> list[str]:
    langs = values.get("languages", KioskConfig.languages)
    if not isinstance(langs, list | tuple) or not langs:
        return ["languages: must be a non-empty list of language codes"]
    problems = []
    bad = [str(code) for code in langs if code not in LANGUAGES + DEV_LANGUAGES]
    if bad:
        problems.append(f"languages: unknown code(s) {', '.join(bad)}")
    default = values.get("default_language", KioskConfig.default_language)
    if default not in langs:
        problems.append(f"default_language: {default!r} is not among languages")
    return problems


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


EXAMPLE_HEADER = """# Kiosk configuration: every key with its default. Copy, edit, then run
#   kiosk --config my.toml run      (or set KIOSK_CONFIG=my.toml)
# Check a file with: kiosk config check my.toml
"""


def example_toml() -> str:
    """config.example.toml as it must read (tests/core/test_config_file.py compares them)."""
    out = [EXAMPLE_HEADER]
    for f in fields(KioskConfig):
        k: Key = f.metadata["key"]
        lines = [f"# {k.doc}"]
        if f.default is None or f.default is MISSING:  # no default value to write: an example
            lines.append(f"# {f.name} = {k.example}")
        else:
            if k.example:
                lines.append(f"# {f.name} = {k.example}")
            lines.append(f"{f.name} = {_toml(f.default)}")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def admin_settings(config: KioskConfig) -> list[str]:
    """The admin screen's read-only list: "key = value" for the keys marked `admin`."""
    out = []
    for f in fields(config):
        if f.metadata["key"].admin:
            value = getattr(config, f.name)
            shown = ", ".join(value) if isinstance(value, tuple) else str(value)
            out.append(f"{f.name} = {shown or '-'}")
    return out


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

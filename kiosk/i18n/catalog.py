"""Load gettext .po catalogs (through Babel) and translate with named `{placeholders}`."""

from __future__ import annotations

import logging
import string
import threading
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from kiosk import paths
from kiosk.languages import NATIVE_NAMES

log = logging.getLogger(__name__)
SOURCE_LANGUAGE = "en"



class _SafeDict(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def placeholders(text: str) -> set[str]:
    """The named placeholders of a message, e.g. {"field"} for 'The {field} is wrong'."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Catalog:
    """The translations of one language. Immutable once loaded; safe to share between threads."""

    def __init__(self, lang: str, messages: dict[str, str]) -> None:
        self.lang = lang
        self._messages = messages

    def gettext(self, msgid: str) -> str:
        return self._messages.get(msgid) or msgid



    def has(self, msgid: str) -> bool:
        return bool(self._messages.get(msgid))

    def format(self, msgid: str, /, **params: object) -> str:
        text = self.gettext(msgid)
        if not params:
            return text
        try:
            return text.format_map(_SafeDict(params))
        except (ValueError, IndexError):
            # A broken translation must not crash the kiosk: fall back to the English source.
            log.warning("broken placeholder in %s translation of a message", self.lang)
            return msgid.format_map(_SafeDict(params))

    @property
    def messages(self) -> dict[str, str]:
        return dict(self._messages)


def catalog_path(lang: str, folder: Path | None = None) -> Path:
    return (folder or paths.i18n_dir()) / f"{lang}.po"


def read_catalog(path: Path, lang: str) -> Catalog:
    with open(path, "rb") as fh:
        po = read_po(fh, locale=None, ignore_obsolete=True)
    messages: dict[str, str] = {}
    for message in po:
        if (
            message.id
            and isinstance(message.id, str)
            and isinstance(message.string, str)
            and message.string
            and not message.fuzzy
        ):
            messages[message.id] = message.string
    return Catalog(lang, messages)


_lock = threading.Lock()
# Folders of form definitions whose `<form>.<lang>.po` (written by `kiosk forms import`) also count.
_form_folders: list[Path] = []


def use_form_catalogs(folder: Path) -> None:
    """Also translate from the `<form_id>.<lang>.po` files in `folder`, beside the definitions.

    The language's own catalog (i18n/<lang>.po) wins where both translate a message, as
    `msgcat --use-first` would; an unreadable file is logged (by name) and skipped."""
    folder = folder.resolve()
    with _lock:
        if folder not in _form_folders:
            _form_folders.append(folder)
            _load.cache_clear()


def _form_messages(lang: str) -> dict[str, str]:
    messages: dict[str, str] = {}
    for folder in _form_folders:
        for path in sorted(folder.glob(f"*.{lang}.po")):
            try:
                found = read_catalog(path, lang).messages
            except Exception as exc:  # a hand-edited file must not stop the kiosk
                log.warning("skipped the form catalog %s: %s", path.name, type(exc).__name__)
                continue
            for msgid, text in found.items():
                messages.setdefault(msgid, text)
    return messages


class PseudoCatalog(Catalog):
    """Every message pseudo-translated on the fly (development language `qps`)."""

    def gettext(self, msgid: str) -> str:
        from kiosk.i18n.pseudo import pseudo

        return pseudo(msgid)

    def has(self, msgid: str) -> bool:
        return True


@cache
def _load(lang: str) -> Catalog:
    if lang == "qps":
        return PseudoCatalog(lang, {})
    path = catalog_path(lang)
    if lang == SOURCE_LANGUAGE:
        return Catalog(lang, {})
    own = read_catalog(path, lang).messages if path.exists() else {}
    return Catalog(lang, {**_form_messages(lang), **own})


def catalog(lang: str) -> Catalog:
    """The catalog of `lang` (loaded once); an unknown language gives the English source."""
    with _lock:
        return _load(lang)


def translate(lang: str, msgid: str, /, **params: object) -> str:
    return catalog(lang).format(msgid, **params)


def available_languages() -> list[str]:
    """Languages with a catalog file, plus English (the source language)."""
    found = {p.stem for p in paths.i18n_dir().glob("*.po")}
    return [code for code in NATIVE_NAMES if code == SOURCE_LANGUAGE or code in found]


"""The staff console's texts come from the shared catalogs and keep their placeholders in every language."""

from __future__ import annotations

import string

from kiosk.i18n import available_languages, catalog
from kiosk.staff_qt.texts import TEXTS, t


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_pair_has_the_same_placeholders() -> None:
    broken = {
        (lang, key): catalog(lang).gettext(msgid)
        for lang in available_languages()
        for key, msgid in TEXTS.items()
        if fields(msgid) != fields(catalog(lang).gettext(msgid))
    }
    assert broken == {}


def test_the_console_is_complete_in_chinese() -> None:
    assert all(catalog("zh").has(msgid) for msgid in TEXTS.values())


def test_reprint_messages() -> None:
    assert t("zh", "reprint") == "补打表格"
    text = t("en", "reprinted_no_qr", reference="ACEFGHJK", printer="Office", why="no signed code")
    assert text.startswith("Reprinted ACEFGHJK on Office, without a QR code (no signed code)")

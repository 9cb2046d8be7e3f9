"""The staff console's English + Chinese texts keep the same placeholders in both languages."""

from __future__ import annotations

import string

from kiosk.staff_qt.texts import TEXTS, t


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_pair_has_the_same_placeholders() -> None:
    broken = {key: pair for key, pair in TEXTS.items() if fields(pair[0]) != fields(pair[1])}
    assert broken == {}


def test_reprint_messages() -> None:
    assert t("zh", "reprint") == "补打表格"
    text = t("en", "reprinted_no_qr", reference="ACEFGHJK", printer="Office", why="no signed code")
    assert text.startswith("Reprinted ACEFGHJK on Office, without a QR code (no signed code)")

"""A QTranslator that answers qsTr() from the kiosk's gettext catalogs (Electrum's pattern)."""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from kiosk.i18n import catalog


class CatalogTranslator(QTranslator):
    """Bridges QML's qsTr(source) to the catalog of one language; context is not used."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self._catalog = catalog(lang)

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        text = self._catalog.gettext(source)
        return text.replace("%n", str(n)) if n >= 0 else text

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False

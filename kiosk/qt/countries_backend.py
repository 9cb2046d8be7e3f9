"""CountriesBackend: the country pick-list in the visitor's language, with a search filter."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import Property, QCollator, QLocale, QObject, Signal, Slot

from kiosk.countries import sorted_countries
from kiosk.languages import babel_locale
from kiosk.qt.rows_model import RowsModel


@dataclass(frozen=True)
class CountryRow:
    code: str
    name: str


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


class CountriesBackend(QObject):
    """Rows match the filter anywhere in the localized name, the English name or the code."""

    filterChanged = Signal()  # noqa: N815

    def __init__(self) -> None:
        super().__init__()
        self._lang = "en"
        self._filter = ""
        self._cache: dict[str, list[tuple[str, str]]] = {}
        self._model = RowsModel(CountryRow, self)
        self._apply()

    def _sorted(self) -> list[tuple[str, str]]:
        """Names in the order a native reader expects: Qt's ICU collation for the locale
        (pinyin order for Chinese, gojūon for Japanese, ganada for Korean)."""
        if self._lang not in self._cache:
            collator = QCollator(QLocale(babel_locale(self._lang).replace("_Hans", "_CN")))
            pairs = sorted_countries(self._lang)
            self._cache[self._lang] = sorted(pairs, key=lambda p: collator.sortKey(p[1]))
        return self._cache[self._lang]

    def _apply(self) -> None:
        needle = _fold(self._filter.strip())
        english = dict(sorted_countries("en"))
        rows = [
            CountryRow(code, name)
            for code, name in self._sorted()
            if not needle or needle in _fold(name) or needle in _fold(english[code])
            or needle == code.casefold()
        ]  # fmt: skip
        self._model.set_rows(rows)

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self._filter = ""
        self._apply()
        self.filterChanged.emit()

    def _get_filter(self) -> str:
        return self._filter

    @Slot(str)
    def setFilter(self, text: str) -> None:  # noqa: N802
        if text != self._filter:
            self._filter = text
            self._apply()
            self.filterChanged.emit()

    filter = Property(str, _get_filter, setFilter, notify=filterChanged)

    @Property(QObject, constant=True)
    def model(self) -> QObject:
        return self._model

"""Countries and regions by ISO 3166 alpha-2 code, named in the visitor's language (CLDR via Babel)."""

from __future__ import annotations

from functools import cache

from babel import Locale
from babel.core import get_global

from kiosk.languages import babel_locale

# CLDR territory codes that are not countries or regions a passport is issued by.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK"})



@cache
def country_codes() -> frozenset[str]:
    # Every current territory has a currency still in use; former ones (SU, YU, ZR...) do not.
    territories = get_global("territory_currencies")
    return frozenset(
        code
        for code, currencies in territories.items()
        if len(code) == 2
        and code.isalpha()
        and code not in _NOT_COUNTRIES
        and any(until is None for _, _, until, _ in currencies)
    )


def is_country_code(code: str) -> bool:
    return code in country_codes()


@cache
def country_names(lang: str) -> dict[str, str]:
    locale = Locale.parse(babel_locale(lang))
    english = Locale.parse("en").territories
    return {c: locale.territories.get(c) or english.get(c, c) for c in country_codes()}


def country_name(code: str, lang: str) -> str:
    return country_names(lang).get(code, code)


@cache
def sorted_countries(lang: str) -> list[tuple[str, str]]:
    """(code, name) pairs sorted as a reader of `lang` expects (locale-aware collation key)."""
    names = country_names(lang)
    return sorted(names.items(), key=lambda item: _collation_key(item[1], lang))


def _collation_key(name: str, lang: str) -> tuple[str, str]:
    import unicodedata

    # Without ICU, strip accents for the primary key so "Émirats" sorts beside "Egypte".
    base = "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
    )
    return (base.casefold(), name)

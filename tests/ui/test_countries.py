"""The country pick-list: names in the visitor's language, native order, search in either language."""

from __future__ import annotations

from kiosk.qt.countries_backend import CountriesBackend


def names(c: CountriesBackend) -> list[str]:
    return [r.name for r in c.model.rows]  # type: ignore[attr-defined]


def test_native_order_and_search(qapp) -> None:
    c = CountriesBackend()
    c.set_language("zh")
    zh = names(c)
    assert zh[0].startswith("阿")  # pinyin order: a-, not code point order
    assert zh.index("中国") > zh.index("德国")  # zhōngguó after déguó
    c.set_language("fr")
    fr = names(c)
    assert fr.index("Émirats arabes unis") < fr.index("Espagne") < fr.index("Éthiopie")
    c.set_language("ko")
    c.setFilter("Korea")  # a visitor may search in English
    assert "대한민국" in names(c)
    c.setFilter("독일")
    assert names(c) == ["독일"]

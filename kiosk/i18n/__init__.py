"""Translation for the Qt-free core: one gettext catalog per language, named placeholders.

Source strings are English; `i18n/<lang>.po` holds each language. A missing or empty
translation falls back to the English source, never to a blank or a key.
"""

from __future__ import annotations

from kiosk.i18n.catalog import Catalog, available_languages, catalog, translate

__all__ = ["N_", "Catalog", "available_languages", "catalog", "translate"]


def N_(message: str) -> str:  # noqa: N802 (the gettext convention extractors look for)
    """Mark a string for extraction without translating it now (translated where it is shown)."""
    return message

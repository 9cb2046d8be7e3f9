"""Text for the printed form: bilingual labels and the documents a form asks the visitor to bring."""

from __future__ import annotations

import logging
from typing import Any

from kiosk.forms.model import Answers, Form
from kiosk.i18n import N_, translate

PHOTOS_TAKEN = N_("Photos taken: {pictures}")
PHOTOS_SKIPPED = N_("Not photographed (show the paper at the counter): {pictures}")

log = logging.getLogger(__name__)


def second_language(lang: str) -> str:
    """The language printed beside Chinese: the visitor's, or English for a Chinese visitor."""
    return "en" if lang == "zh" else lang


def both(msgid: str, lang: str, **params: object) -> tuple[str, str]:
    """(Chinese, second language) renderings of one catalog message."""
    return translate("zh", msgid, **params), translate(second_language(lang), msgid, **params)


def documents_to_bring(form: Form, answers: Answers) -> list[str]:
    """The msgids of the documents the form lists for these answers; none without the module.

    `kiosk.forms.documents` is optional: imported lazily so that a kiosk without it still prints.
    Items may be msgids or objects with a `label` msgid.
    """
    try:
        from kiosk.forms.documents import documents_for  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return []
    items: Any = documents_for(form, answers) or []
    out: list[str] = []
    for item in items:
        label = item if isinstance(item, str) else getattr(item, "label", None)
        if isinstance(label, str) and label:
            out.append(label)
    return out


def _photo_line(form: Form, msgid: str, keys: tuple[str, ...], lang: str) -> str:
    from kiosk.forms.documents import photo_label

    separator = "、" if lang in ("zh", "ja") else ", "  # the enumeration comma of CJK text
    names = separator.join(translate(lang, photo_label(form, key)) for key in keys)
    return translate(lang, msgid, pictures=names)


def photo_lines(
    form: Form, lang: str, taken: tuple[str, ...], skipped: tuple[str, ...]
) -> list[tuple[str, str]]:
    """(Chinese, second language) lines: "Photos taken: ..." and "Not photographed: ...", each
    only when it names something (docs/photos.md)."""
    out = []
    for msgid, keys in ((PHOTOS_TAKEN, taken), (PHOTOS_SKIPPED, skipped)):
        if keys:
            out.append(
                (_photo_line(form, msgid, keys, "zh"), _photo_line(form, msgid, keys, second_language(lang)))
            )
    return out

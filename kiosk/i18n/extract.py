"""Extract translatable strings from Python (N_/translate), QML (qsTr) and form definitions,
and merge them into every catalog in i18n/ (`make i18n`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog as PoCatalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from kiosk import paths

QSTR_RE = re.compile(r"""qsTr\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]""")
PY_KEYWORDS = {"N_": None, "translate": (2,)}
FORM_TEXT_KEYS = ("title", "summary", "bring", "purpose", "label", "help", "message", "pattern_message",
                  "photo_label")


def _python(root: Path) -> Iterator[tuple[str, str]]:
    for path in sorted((root / "kiosk").rglob("*.py")):
        for lineno, message, _comments, _ctx in extract_from_file(
            "python", str(path), keywords=PY_KEYWORDS, comment_tags=()
        ):
            if isinstance(message, str) and message:
                yield message, f"{path.relative_to(root)}:{lineno}"


def _unescape(text: str) -> str:
    return text.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")


def qml_messages(root: Path | None = None) -> Iterator[tuple[str, str]]:
    """(context, source) of every qsTr(): the context is the QML file's base name, as in Qt."""
    root = root or paths.app_root()
    for path in sorted((root / "ui").rglob("*.qml")):
        for m in QSTR_RE.finditer(path.read_text(encoding="utf-8")):
            yield path.stem, _unescape(m.group(1))


def _qml(root: Path) -> Iterator[tuple[str, str]]:
    for path in sorted((root / "ui").rglob("*.qml")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for m in QSTR_RE.finditer(line):
                yield (
                    m.group(1).encode().decode("unicode_escape").encode("latin-1").decode("utf-8"),
                    f"{path.relative_to(root)}:{lineno}",
                )


def _walk_json(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in FORM_TEXT_KEYS and isinstance(value, str) and value:
                yield value
            else:
                yield from _walk_json(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk_json(item)


def _forms(root: Path) -> Iterator[tuple[str, str]]:
    for path in sorted((root / "resources" / "forms").glob("*.json")):
        for text in _walk_json(json.loads(path.read_text(encoding="utf-8"))):
            yield text, str(path.relative_to(root))


def template(root: Path | None = None) -> PoCatalog:
    root = root or paths.app_root()
    pot = PoCatalog(project="shekou-kiosk", charset="utf-8")
    for source in (_python(root), _qml(root), _forms(root)):
        for message, location in source:
            file, _, line = location.partition(":")
            # Babel accepts None for a location without a line (form files); its stubs do not
            where: Any = (file, int(line) if line else None)
            existing = pot.get(message)
            if existing is None:
                pot.add(message, locations=[where])
            else:
                existing.locations.append(where)
    return pot


def update_catalogs(languages: list[str], root: Path | None = None) -> dict[str, int]:
    """Merge the template into i18n/<lang>.po; returns how many strings each lacks."""
    root = root or paths.app_root()
    pot = template(root)
    folder = root / "i18n"
    folder.mkdir(exist_ok=True)
    with open(folder / "messages.pot", "wb") as fh:
        write_po(fh, pot, omit_header=False, sort_output=True, no_location=False)
    missing: dict[str, int] = {}
    for lang in languages:
        path = folder / f"{lang}.po"
        if path.exists():
            with open(path, "rb") as fh:
                po = read_po(fh, locale=lang)
        else:
            po = PoCatalog(locale=lang, project="shekou-kiosk", charset="utf-8")
        po.update(pot, no_fuzzy_matching=True)
        po.obsolete.clear()
        with open(path, "wb") as fh:
            write_po(fh, po, sort_output=True, no_location=True, omit_header=False, width=100)
        missing[lang] = sum(1 for m in po if m.id and not m.string)
    return missing

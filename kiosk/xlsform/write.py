"""Write an imported form: the definition as JSON and one gettext catalog per other language."""

from __future__ import annotations

import json
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from kiosk.xlsform.convert import ImportResult


def write_import(result: ImportResult, out: Path) -> list[Path]:
    """Write <id>.json and <id>.<lang>.po into `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    form_id = result.definition["id"]
    path = out / f"{form_id}.json"
    path.write_text(json.dumps(result.definition, ensure_ascii=False, indent=2) + "\n", "utf-8")
    written = [path]
    for lang, messages in sorted(result.translations.items()):
        catalog = Catalog(locale=None, project=form_id, charset="utf-8")
        for msgid, text in sorted(messages.items()):
            catalog.add(msgid, text)
        po = out / f"{form_id}.{lang}.po"
        with open(po, "wb") as fh:
            write_po(fh, catalog, omit_header=False, width=100)
        written.append(po)
    return written

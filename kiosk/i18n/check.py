"""Check the shipped catalogs: complete against the sources, placeholders kept."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kiosk import paths
from kiosk.i18n.catalog import catalog_path, placeholders, read_catalog
from kiosk.i18n.extract import template

QT_ARG_RE = re.compile(r"%(\d+|n)")


def all_placeholders(text: str) -> set[str]:
    try:
        named = placeholders(text)
    except ValueError:
        named = {"<unbalanced braces>"}
    return named | {m.group(0) for m in QT_ARG_RE.finditer(text)}


@dataclass
class CatalogReport:
    lang: str
    missing: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.broken


def check_catalogs(languages: list[str], root: Path | None = None) -> list[CatalogReport]:
    root = root or paths.app_root()
    msgids = [m.id for m in template(root) if m.id and isinstance(m.id, str)]
    reports = []
    for lang in languages:
        report = CatalogReport(lang)
        path = catalog_path(lang, root / "i18n")
        messages = read_catalog(path, lang).messages if path.exists() else {}
        for msgid in msgids:
            text = messages.get(msgid)
            if not text:
                report.missing.append(msgid)
            elif all_placeholders(text) != all_placeholders(msgid):
                report.broken.append(msgid)
        reports.append(report)
    return reports

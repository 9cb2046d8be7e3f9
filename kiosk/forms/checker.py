"""Collects the problems of one form definition as it is read: the loader and its parts
(kiosk.forms.loader, kiosk.forms.parts) report to it, so every problem is listed at once."""

from __future__ import annotations

from typing import Any


class Checker:
    """The problems found so far in `source`, each "file: where: what"."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []
        self.declared: set[str] = set()  # every field id written, broken fields included

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{self.source}: {where}: {what}")

    def text(self, obj: dict[str, Any], key: str, where: str, required: bool = True) -> str:
        value = obj.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"'{key}' must be a non-empty string")
            return ""
        return value

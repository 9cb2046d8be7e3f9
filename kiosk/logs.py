"""Structured, rotating JSON-lines logs in data_dir/logs, guarded against personal data."""

from __future__ import annotations

import datetime as dt
import json
import logging
import logging.handlers
import os
import re
import threading
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

LOG_NAME = "kiosk.log"
REDACTED = "[redacted]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Phone, passport and ID numbers: 7+ digits (spaces/dashes inside, up to two letters in front)
# as a token of its own; UUIDs and reference codes do not match.
_LONG_NUMBER = re.compile(r"(?<![\w-])(?:[A-Za-z]{1,2}|\+)?\d(?:[ -]?\d){6,}(?![\w-])")


class PrivacyFilter(logging.Filter):
    """The last guard before a record is written: no personal data reaches a log.

    The code already avoids logging answers; this catches mistakes. It formats the message,
    replaces any value the visitor is typing right now (from `live_values`), e-mail addresses and
    long numbers, and keeps of an exception only its type and stack frames: exception messages
    often quote the offending value. Safe from any thread.
    """

    def __init__(self) -> None:
        super().__init__()
        self._sources: list[Callable[[], Iterable[object]]] = []
        self._lock = threading.Lock()

    def watch(self, source: Callable[[], Iterable[object]]) -> None:
        """Also redact every string `source()` returns (e.g. the current session's answers)."""
        with self._lock:
            self._sources.append(source)

    def unwatch(self, source: Callable[[], Iterable[object]]) -> None:
        with self._lock:
            if source in self._sources:
                self._sources.remove(source)

    def _live_values(self) -> list[str]:
        with self._lock:
            sources = list(self._sources)
        values: list[str] = []
        for source in sources:
            try:
                items = list(source())
            except Exception:  # a session changing under us: skip this round, keep logging
                continue
            for item in items:
                parts = item if isinstance(item, list | tuple) else [item]
                values += [str(p) for p in parts if isinstance(p, str) and len(p.strip()) >= 4]
        return sorted(set(values), key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for value in self._live_values():
            text = text.replace(value, REDACTED)
        text = _EMAIL.sub(REDACTED, text)
        return _LONG_NUMBER.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_kiosk_scrubbed", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep the template only
            message = str(record.msg)
        record.msg, record.args = self.scrub(message), ()
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            frames = [
                f"  {f.filename}:{f.lineno} in {f.name}\n" for f in traceback.extract_tb(exc.__traceback__)
            ]
            record.exc_text = self.scrub("".join(frames) + type(exc).__name__ + ": [message hidden]")
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        record._kiosk_scrubbed = True
        return True


class JsonLineFormatter(logging.Formatter):
    """One JSON object a line: ts (UTC), level, logger, msg, thread, optional event and exc."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "thread": record.threadName,
        }
        event = getattr(record, "event", None)
        if event:
            entry["event"] = str(event)
        if record.exc_text:
            entry["exc"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


guard = PrivacyFilter()  # one per process: the bootstrap registers the session's answers on it


def logs_dir(data_dir: Path) -> Path:
    return data_dir / "logs"


def configure(data_dir: Path, level: int = logging.INFO, max_bytes: int = 1_000_000,
              backups: int = 5, console: bool = True) -> Path:  # fmt: skip
    """Send every log record through `guard` to data_dir/logs/kiosk.log (rotating) and stderr.

    Idempotent: handlers from an earlier call are replaced. Returns the log file's path.
    """
    folder = logs_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    path = folder / LOG_NAME
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
    )
    file_handler.setFormatter(JsonLineFormatter())
    handlers: list[logging.Handler] = [file_handler]
    if console:  # journald / the Windows service log read this
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        handlers.append(stream)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
        root.removeHandler(old)
        old.close()
    for handler in handlers:
        handler.addFilter(guard)
        handler._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    return path


def recent(data_dir: Path, limit: int = 200) -> list[dict[str, Any]]:
    """The newest `limit` entries, oldest first, across the rotated files (for the admin screen)."""
    folder = logs_dir(data_dir)
    files = [folder / f"{LOG_NAME}.{n}" for n in range(9, 0, -1)] + [folder / LOG_NAME]
    lines: list[str] = []
    for path in files:
        if path.is_file():
            lines += path.read_text(encoding="utf-8", errors="replace").splitlines()
    out: list[dict[str, Any]] = []
    for line in lines[-limit:]:
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out

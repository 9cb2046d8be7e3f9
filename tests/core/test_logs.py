"""Logs are JSON lines in data_dir/logs, rotate, and the privacy guard keeps personal data out."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from kiosk import logs


@pytest.fixture
def log_file(tmp_path: Path):
    path = logs.configure(tmp_path, max_bytes=4000, backups=2, console=False)
    yield path
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
        root.removeHandler(handler)
        handler.close()


def test_json_lines_with_event_and_owner_only_folder(log_file: Path) -> None:
    logging.getLogger("kiosk.test").info("queued ref=%s", "ACEF4679", extra={"event": "queued"})
    entry = json.loads(log_file.read_text(encoding="utf-8").splitlines()[-1])
    assert entry["msg"] == "queued ref=ACEF4679" and entry["event"] == "queued"
    assert entry["level"] == "INFO" and entry["logger"] == "kiosk.test" and entry["ts"].endswith("+00:00")
    assert log_file.parent.stat().st_mode & 0o077 == 0


def test_guard_redacts_live_answers_emails_numbers_and_exception_messages(log_file: Path) -> None:
    answers = {"surname": "ZQXMARKER", "phones": ["13800138000"]}
    source = lambda: list(answers.values())  # noqa: E731
    logs.guard.watch(source)
    try:
        log = logging.getLogger("kiosk.test")
        log.warning("bad value %r for %s", "ZQXMARKER", "mail me: a.b@example.org")
        log.info("phone +86 138 0013 8000 and passport E12345678")
        try:
            raise ValueError("invalid literal: 'ZQXMARKER-SECRET-2'")
        except ValueError:
            log.exception("parse failed")
    finally:
        logs.guard.unwatch(source)
    text = log_file.read_text(encoding="utf-8")
    for secret in ("ZQXMARKER", "a.b@example.org", "138 0013 8000", "12345678", "SECRET-2"):
        assert secret not in text
    last = json.loads(text.splitlines()[-1])
    assert "ValueError: [message hidden]" in last["exc"] and "test_logs.py" in last["exc"]
    assert "[redacted]" in text


def test_rotation_keeps_a_bounded_number_of_files(log_file: Path, tmp_path: Path) -> None:
    log = logging.getLogger("kiosk.test")
    for n in range(300):
        log.info("line %d of the rotation test", n)
    files = sorted(p.name for p in log_file.parent.iterdir())
    assert files == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]
    recent = logs.recent(tmp_path, limit=5)
    assert [e["msg"] for e in recent][-1] == "line 299 of the rotation test" and len(recent) == 5

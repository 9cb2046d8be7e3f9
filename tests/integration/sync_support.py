"""Helpers of the sync tests: kiosks in temp folders, answers with a marker, office queries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select

from kiosk.config import KioskConfig, from_mapping
from kiosk.forms import load_forms
from kiosk.forms.model import Form
from kiosk.forms.samples import load_sample
from kiosk.office.models import submissions
from kiosk.submit import Submitter

MARKER = "ZQXMARKERVALUE"  # a surname; must never appear in plain bytes outside the kiosk's RAM


def answers(marker: str = MARKER) -> dict[str, Any]:
    data = load_sample(form())
    data["surname"] = marker
    return data


def form() -> Form:
    return load_forms()["temporary-residence"]


def kiosk_config(folder: Path, kiosk_id: str = "SK-TEST-1", url: str = "") -> KioskConfig:
    values: dict[str, Any] = {"data_dir": str(folder), "kiosk_id": kiosk_id, "demo": True}
    if url:
        values["office_db_url"] = url
    return from_mapping(values)


def fill(submitter: Submitter, count: int, marker: str = MARKER) -> list[str]:
    """Queue `count` submissions exactly as the Submit button does (no PDF); returns their ids."""
    the_form, data = form(), answers(marker)
    return [submitter.queue_answers(the_form, "en", data).id for _ in range(count)]


def office_ids(url: str, kiosk_id: str | None = None) -> list[str]:
    """Every submission id in the office database (a list: duplicates would show)."""
    engine = create_engine(url)
    query = select(submissions.c.id)
    if kiosk_id:
        query = query.where(submissions.c.kiosk_id == kiosk_id)
    try:
        with engine.connect() as conn:
            return [str(r) for r in conn.scalars(query)]
    finally:
        engine.dispose()


def local_ids(submitter_or_path: Submitter | Path) -> set[str]:
    import sqlite3

    path = (
        submitter_or_path.config.queue_db_path
        if isinstance(submitter_or_path, Submitter)
        else submitter_or_path
    )
    with sqlite3.connect(path) as db:
        return {r[0] for r in db.execute("SELECT id FROM submissions")}


def office_rows(url: str, kiosk_id: str | None = None) -> list[tuple[str, str, str]]:
    """(id, reference, kiosk) of every office row: what the kiosks' own records are held to."""
    engine = create_engine(url)
    query = select(submissions.c.id, submissions.c.reference, submissions.c.kiosk_id)
    if kiosk_id:
        query = query.where(submissions.c.kiosk_id == kiosk_id)
    try:
        with engine.connect() as conn:
            return [(str(i), str(r), str(k)) for i, r, k in conn.execute(query)]
    finally:
        engine.dispose()


def local_rows(submitter_or_path: Submitter | Path, kiosk_id: str) -> list[tuple[str, str, str]]:
    """(id, reference, kiosk) of every submission a kiosk made, from its own queue file."""
    import sqlite3

    path = (
        submitter_or_path.config.queue_db_path
        if isinstance(submitter_or_path, Submitter)
        else submitter_or_path
    )
    with sqlite3.connect(path) as db:
        return [(str(i), str(r), kiosk_id) for i, r in db.execute("SELECT id, reference FROM submissions")]


def assert_exactly_once(delivered: list[tuple[str, str, str]], made: list[tuple[str, str, str]]) -> None:
    """The office holds each submission the kiosks made once, under its kiosk-made id, with its
    own reference and kiosk, and nothing else: counted per submission, not by the primary key."""
    from collections import Counter

    extra = Counter(delivered) - Counter(made)
    missing = Counter(made) - Counter(delivered)
    assert not extra and not missing, (f"{sum(extra.values())} unexpected or twice in the office",
                                       f"{sum(missing.values())} made but not delivered")  # fmt: skip
    assert len(delivered) == len(made)

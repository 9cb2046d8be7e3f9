"""Build a sync worker from the kiosk config (the GUI, `kiosk sync` and tests share this)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from kiosk import __version__
from kiosk.config import ConfigError, KioskConfig, office_problems
from kiosk.help import HelpCall
from kiosk.storage.queue import LocalQueue
from kiosk.sync.heartbeat import HeartbeatSource
from kiosk.sync.tls import tls_warning
from kiosk.sync.worker import BATCH_SIZE, SyncWorker

log = logging.getLogger(__name__)


def worker_for(
    config: KioskConfig,
    queue: LocalQueue | None = None,
    *,
    printer_state: Callable[[], str] | None = None,
    url: str | None = None,
    batch_size: int = BATCH_SIZE,
    help_call: Callable[[], HelpCall | None] | None = None,
) -> SyncWorker:
    """A worker for this kiosk. In demo mode without an office URL (a SQLite office in data_dir),
    its schema is brought up to date first so a laptop demo needs no setup. Raises ConfigError
    with no URL outside demo mode: never a silent local office."""
    office_url = url or config.office_url
    if not url and not config.office_db_url:
        if not config.demo:
            raise ConfigError("config", office_problems(config, key=False))
        from kiosk.office.migrate import upgrade_office

        upgrade_office(office_url)
    warning = tls_warning(office_url)
    if warning:
        log.warning("%s", warning)
    source = HeartbeatSource(config.kiosk_id, __version__, printer_state or (lambda: "none"),
                             help_call or (lambda: None), config.demo)  # fmt: skip
    return SyncWorker(
        queue or LocalQueue(config.queue_db_path),
        office_url,
        heartbeat=source,
        batch_size=batch_size,
    )

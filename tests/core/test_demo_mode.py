"""Demo mode only when asked for: no silent demo office key, no silent local office."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from kiosk.config import ConfigError, KioskConfig, from_mapping, office_problems
from kiosk.crypto.office import DEMO_PRIVATE_FILE, init_office_keys
from kiosk.office.migrate import upgrade_office
from kiosk.office.models import heartbeats
from kiosk.storage.outbox import QueueStats
from kiosk.submit import Submitter
from kiosk.sync.factory import worker_for
from kiosk.sync.heartbeat import HeartbeatSource, send_heartbeat
from tests.core.helpers import run_kiosk


def test_without_demo_no_office_key_is_made_and_the_submitter_refuses(tmp_path: Path) -> None:
    config = KioskConfig(data_dir=tmp_path / "data")
    with pytest.raises(ConfigError) as caught:
        Submitter(config)
    problems = caught.value.problems
    assert any(p.startswith("office_public_key: not set") and "demo = true" in p for p in problems)
    assert not (tmp_path / "data" / DEMO_PRIVATE_FILE).exists()
    assert not (tmp_path / "data" / "office-public-key.pem").exists()


def test_without_demo_there_is_no_silent_local_office(tmp_path: Path) -> None:
    config = KioskConfig(data_dir=tmp_path / "data")
    with pytest.raises(ConfigError, match="office_db_url: not set"):
        worker_for(config)
    assert not (tmp_path / "data" / "office.sqlite3").exists()


def test_a_configured_kiosk_needs_no_demo(tmp_path: Path) -> None:
    _private, public = init_office_keys(tmp_path / "office", "a long office passphrase")
    config = KioskConfig(data_dir=tmp_path / "data", office_public_key=public,
                         office_db_url="postgresql+psycopg://kiosk@office/kiosk")  # fmt: skip
    assert office_problems(config) == []
    assert "file not found" in office_problems(KioskConfig(office_public_key=tmp_path / "nope.pem"))[0]
    Submitter(config).close()
    assert not (tmp_path / "data" / DEMO_PRIVATE_FILE).exists()


def test_demo_is_a_boolean_config_key(tmp_path: Path) -> None:
    assert from_mapping({"demo": True}).demo and not from_mapping({}).demo
    with pytest.raises(ConfigError, match="demo: must be true or false"):
        from_mapping({"demo": "yes"})
    sub = Submitter(KioskConfig(data_dir=tmp_path / "data", demo=True))  # makes the demo pair
    sub.close()
    assert (tmp_path / "data" / DEMO_PRIVATE_FILE).exists()


SUBMIT = ["submit", "--form", "temporary-residence", "--lang", "en", "--data", "sample", "--no-print"]


@pytest.mark.parametrize("command", [["run", "--windowed"], SUBMIT, ["sync", "--once"]])
def test_commands_refuse_without_an_office_with_a_message_for_it(tmp_path: Path, command: list[str]) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    result = run_kiosk("--config", str(config), *command)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "no office" in result.stderr and "demo = true" in result.stderr
    assert not (tmp_path / "data" / DEMO_PRIVATE_FILE).exists()


def test_the_heartbeat_says_demo(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    upgrade_office(url)
    engine = create_engine(url)
    stats = QueueStats(0, 0, 0, None, None, None, None)
    send_heartbeat(engine, HeartbeatSource("SK-DEMO-1", "1.4.0", demo=True), stats)
    send_heartbeat(engine, HeartbeatSource("SK-REAL-1", "1.4.0"), stats)
    with engine.connect() as conn:
        versions = dict(conn.execute(select(heartbeats.c.kiosk_id, heartbeats.c.version)).all())
    engine.dispose()
    assert versions == {"SK-DEMO-1": "1.4.0 (demo)", "SK-REAL-1": "1.4.0"}
    config = KioskConfig(data_dir=tmp_path / "data", demo=True)
    config.data_dir.mkdir()
    worker = worker_for(config)
    assert worker.heartbeat is not None and worker.heartbeat.demo
    worker.stop()
    worker.outbox.queue.close()

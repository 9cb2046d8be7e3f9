"""Staff tools against an office database that is not at this version's schema: a clear
instruction (exit 2), never a traceback; the embedded SQLite demo office is brought up to date."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.integration.pg import PgCluster

ROOT = Path(__file__).resolve().parents[2]


def kiosk(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KIOSK_DATA_DIR": str(data_dir), "KIOSK_STAFF_PASSWORD": "correct-horse-9",
           "KIOSK_OFFICE_PASSPHRASE": "demo"}  # fmt: skip
    return subprocess.run([sys.executable, "-m", "kiosk", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def test_empty_office_database_gets_an_instruction(pg_cluster: PgCluster, tmp_path: Path) -> None:
    if not pg_cluster.running():
        pg_cluster.start()
    url = pg_cluster.create_database("office_never_set_up")
    for args in (["users"], ["audit"], ["add-user", "bob"], ["show", "K1:NOTACODE"]):
        done = kiosk("staff", "--url", url, *args, data_dir=tmp_path)
        assert done.returncode == 2, (args, done.stderr)
        assert "has no schema yet" in done.stderr and "kiosk db upgrade" in done.stderr
        assert "Traceback" not in done.stderr


def test_office_at_an_older_schema_gets_an_instruction(pg_cluster: PgCluster, tmp_path: Path) -> None:
    from kiosk.office.migrate import upgrade_office

    if not pg_cluster.running():
        pg_cluster.start()
    url = pg_cluster.create_database("office_at_0002")
    upgrade_office(url, "0002")
    done = kiosk("staff", "--url", url, "users", data_dir=tmp_path)
    assert done.returncode == 2 and "is at schema 0002, this version needs" in done.stderr
    upgrade_office(url)
    done = kiosk("staff", "--url", url, "users", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr


def test_unreachable_office_is_named(tmp_path: Path) -> None:
    done = kiosk("staff", "--url", "postgresql://nobody@127.0.0.1:1/office", "users", data_dir=tmp_path)
    assert done.returncode == 2 and "cannot reach the office database" in done.stderr
    assert "Traceback" not in done.stderr


def test_demo_sqlite_office_is_set_up_on_first_use(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("demo = true\n")
    done = kiosk("--config", str(config), "staff", "add-user", "alice", "--role", "admin", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    done = kiosk("--config", str(config), "staff", "audit", data_dir=tmp_path)
    assert done.returncode == 0 and "user_added" in done.stdout and "alice" in done.stdout


def test_without_an_office_nor_demo_the_staff_tools_say_what_is_missing(tmp_path: Path) -> None:
    """No silent local demo office at a counter PC either (issue 19): a message for IT, exit 2."""
    for args in (["users"], ["audit"], ["add-user", "bob"], ["show", "K1:NOTACODE"]):
        done = kiosk("staff", *args, data_dir=tmp_path)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "office_db_url: not set" in done.stderr and "demo = true" in done.stderr
        assert "Traceback" not in done.stderr
    assert not (tmp_path / "office.sqlite3").exists()

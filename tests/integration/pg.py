"""A throwaway PostgreSQL cluster for tests and benchmarks, started as the `postgres` user.

pg_ctl refuses to run as root, so every server command runs through `runuser -u postgres` when
we are root. The cluster lives in a fresh /tmp folder and listens on a free TCP port on 127.0.0.1
(and a socket in the same folder). `stop(mode="immediate")` simulates a crash.
With `ssl=(certificate PEM, key PEM)` the server also speaks TLS with that certificate
(tests/integration/test_sync_tls.py); plain connections stay allowed for the test's own set-up.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg


class PgError(RuntimeError):
    pass


def find_bindir() -> Path:
    env = os.environ.get("PG_BINDIR")
    candidates = [env] if env else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists():
            return Path(folder)
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise PgError("PostgreSQL server binaries not found: run .ci/setup-postgres.sh")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgCluster:
    """initdb + pg_ctl start/stop of a private cluster; `url(db)` gives SQLAlchemy URLs."""

    def __init__(self, durable: bool = False, ssl: tuple[bytes, bytes] | None = None) -> None:
        self.bindir = find_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.datadir = self.root / "data"
        self.logfile = self.root / "server.log"
        self.port = free_port()
        self.durable = durable  # False: fsync off (tests); True: a real server's durability
        self.ssl = ssl
        self._as_postgres = os.geteuid() == 0

    def _cmd(self, *args: str) -> list[str]:
        if self._as_postgres:
            return ["runuser", "-u", "postgres", "--", *args]
        return list(args)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise PgError(
                f"{' '.join(args)} failed ({result.returncode}):\n{result.stderr}"
                f"{result.stdout}\n{self._log_tail()}"
            )
        return result

    def _log_tail(self) -> str:
        try:
            return "server log:\n" + "\n".join(self.logfile.read_text().splitlines()[-20:])
        except OSError:
            return ""

    def init(self) -> PgCluster:
        os.chmod(self.root, 0o755)
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.datadir),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C.UTF-8",
        )
        if self.ssl is not None:
            for name, data in zip(("server.crt", "server.key"), self.ssl, strict=True):
                path = self.datadir / name
                path.write_bytes(data)
                os.chmod(path, 0o600)  # PostgreSQL refuses a key others can read
                if self._as_postgres:
                    shutil.chown(path, "postgres", "postgres")
        return self

    def start(self) -> PgCluster:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=200"
        )
        if not self.durable:
            # fsync=off survives a server crash (the OS keeps the pages), not a power cut.
            # Never synchronous_commit=off: a crash then loses commits the kiosk saw succeed.
            options += " -c fsync=off -c full_page_writes=off"
        if self.ssl is not None:
            options += " -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key"
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.datadir),
            "-l",
            str(self.logfile),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        return self

    def stop(self, mode: str = "fast") -> None:
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.datadir),
            "-m",
            mode,
            "-w",
            "stop",
            check=False,
        )

    def running(self) -> bool:
        status = self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "status", check=False
        )
        return status.returncode == 0

    def destroy(self) -> None:
        if self.datadir.exists():
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def dsn(self, dbname: str = "postgres", user: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} dbname={dbname} user={user}"

    def url(self, dbname: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{dbname}"

    def execute(self, statement: str, dbname: str = "postgres") -> list[tuple[object, ...]]:
        with psycopg.connect(self.dsn(dbname), autocommit=True) as conn:
            cursor = conn.execute(statement.encode())
            return list(cursor.fetchall()) if cursor.description else []

    def create_database(self, name: str) -> str:
        self.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def start_cluster(durable: bool = False, ssl: tuple[bytes, bytes] | None = None) -> PgCluster:
    cluster = PgCluster(durable, ssl)
    try:
        return cluster.init().start()
    except BaseException:
        cluster.destroy()
        raise
